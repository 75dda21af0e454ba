"""The company-wide definitions: maps/lifecycle.yml, maps/journeys/<id>.md and
maps/channels.yml read, resolved and checked, with the contract's exact messages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journeymaps.analysis.journeys import ancestors, descendants, journey_tree
from journeymaps.load.vocabulary import (
    channel_of,
    index_channels,
    index_lifecycle,
    name_key,
    phase_of,
)
from journeymaps.model.channel import Channel, ChannelCatalogue
from journeymaps.model.lifecycle import Lifecycle, Phase
from journeymaps.model.project import Project
from journeymaps.model.stage import Stage

Load = Callable[[dict[str, str]], Project]
PERSONA = "---\nname: Anna\n---\n"
LIFECYCLE = """\
phases:
  - id: awareness
    name: Awareness
    names: {pl: Świadomość, ru: Осведомлённость, zh-Hant: 認識品牌}
  - id: consideration
    name: Consideration
    names: {pl: Rozważanie}
    aliases: [Comparison, Porównanie ofert]
"""
CHANNELS = """\
channels:
  - id: phone
    name: Phone
    kind: human
    owner: Contact centre
    aliases: [hotline, infolinia, телефон]
  - id: web
    name: Website
    kind: digital
"""


def _lifecycle() -> Lifecycle:
    lifecycle = Lifecycle([
        Phase("awareness", "Awareness", {"pl": "Świadomość", "ru": "Осведомлённость",
                                         "zh-Hant": "認識品牌"}),
        Phase("consideration", "Consideration", {"pl": "Rozważanie"},
              ["Comparison", "Porównanie ofert"]),
        Phase("research", "Research", {}, ["comparison"]),  # claims a name already taken
    ])
    index_lifecycle(lifecycle)
    return lifecycle


@pytest.mark.parametrize(("stage", "phase"), [
    (Stage(name="Awareness"), "awareness"),
    (Stage(name="  aWaReNeSs "), "awareness"),          # case and surrounding spaces
    (Stage(name="awareness"), "awareness"),             # the id
    (Stage(name="Осведомлённость"), "awareness"),       # a translated name
    (Stage(name="認識品牌"), "awareness"),
    (Stage(name="porównanie   OFERT"), "consideration"),  # an alias, spaces inside too
    (Stage(name="Comparison"), "consideration"),        # the first phase keeps a name
    (Stage(name="Research"), "research"),
    (Stage(name="Inquiry"), None),
    (Stage(name="Inquiry", phase="consideration"), "consideration"),  # phase: wins
    (Stage(name="Awareness", phase="research"), "research"),
    (Stage(name="Awareness", phase="nope"), None),      # an unknown id (an error elsewhere)
])
def test_a_stage_belongs_to_its_phase(stage: Stage, phase: str | None) -> None:
    found = phase_of(_lifecycle(), stage)
    assert (found.id if found else None) == phase


def test_no_lifecycle_no_phase_and_names_in_the_site_language() -> None:
    assert phase_of(None, Stage(name="Awareness")) is None
    awareness = _lifecycle().phases[0]
    assert [awareness.name_in(code) for code in ("en", "pl", "PL", "ru", "zh-Hant", "zh-hant",
                                                 "pl-PL", "de")] == [
        "Awareness", "Świadomość", "Świadomość", "Осведомлённость", "認識品牌", "認識品牌",
        "Świadomość", "Awareness"]
    assert name_key("  Porównanie\tOFERT ") == "porównanie ofert"


def test_a_touchpoint_channel_resolves_by_id_name_or_alias() -> None:
    catalogue = ChannelCatalogue([Channel("phone", "Phone", "human", "Contact centre",
                                          ["hotline", "infolinia", "Телефон"]),
                                  Channel("web", "Website", "digital")])
    index_channels(catalogue)
    for given, expected in [("phone", "phone"), (" PHONE ", "phone"), ("Hotline", "phone"),
                            ("infolinia", "phone"), ("телефон", "phone"),
                            ("website", "web"), ("Web", "web"), ("fax", None), (None, None),
                            ("", None)]:
        found = channel_of(catalogue, given)
        assert (found.id if found else None) == expected, given
    assert channel_of(None, "phone") is None


def _problems(load: Load, files: dict[str, str]) -> list[str]:
    project = load({"maps/personas/anna.md": PERSONA, **files})
    return [f"{p}{' [warning]' if p.severity == 'warning' else ''}" for p in project.problems]


def _map(stages: str, journey: str = "") -> str:
    journey_line = f"journey: {journey}\n" if journey else ""
    return f"---\ntitle: T\npersona: anna\n{journey_line}stages:\n{stages}---\n"


def test_the_sample_like_project_has_no_problems(load: Load) -> None:
    assert _problems(load, {
        "maps/lifecycle.yml": LIFECYCLE, "maps/channels.yml": CHANNELS,
        "maps/journeys/life.md": "---\ntitle: Customer life\n---\nBody\n",
        "maps/journeys/moving.md": "---\ntitle: Moving house\nparent: life\n---\n",
        "maps/t/m.md": _map("  - name: Zapytanie\n    phase: awareness\n"
                            "    touchpoints: [{name: Call, channel: infolinia, score: 2}]\n"
                            "  - name: Porównanie ofert\n", "moving"),
    }) == []


def test_bad_definitions_are_each_reported_at_their_line(load: Load) -> None:
    lifecycle = """\
phases:
  - id: awareness
    name: Awareness
    alias: [Discovery]
  - id: Consideration Phase
    name: Consideration
  - id: awareness
    name: Awareness again
  - name: No id
    names: [pl, Zakup]
"""
    channels = """\
channels:
  - id: phone
    name: Phone
    kind: people
  - id: phone
    name: Telephone
"""
    assert _problems(load, {"maps/lifecycle.yml": lifecycle, "maps/channels.yml": channels}) == [
        "maps/channels.yml:4: channels[0].kind: must be 'digital' or 'physical' or 'human', "
        "got 'people'",
        "maps/channels.yml:5: channels[1].id: duplicate id 'phone' (first at line 2); "
        "each id must be unique",
        "maps/lifecycle.yml:4: phases[0].alias: unknown key 'alias'; did you mean 'aliases'?",
        "maps/lifecycle.yml:5: phases[1].id: 'Consideration Phase' is not a phase id: use "
        "lowercase letters, digits and '-'; did you mean 'consideration-phase'?",
        "maps/lifecycle.yml:7: phases[2].id: duplicate id 'awareness' (first at line 2); "
        "each id must be unique",
        "maps/lifecycle.yml:9: phases[3].id: required field 'id' is missing",
        "maps/lifecycle.yml:10: phases[3].names: must be a mapping of language code to text "
        "(e.g. 'pl: Zakup'), got a list",
    ]


def test_a_file_that_is_no_mapping_and_a_yaml_error(load: Load) -> None:
    assert _problems(load, {"maps/lifecycle.yml": "- awareness\n- purchase\n",
                            "maps/channels.yml": "channels:\n  - id: [web\n"}) == [
        "maps/channels.yml:3: front matter: YAML syntax error: did not find expected ',' or "
        "']' (while parsing a flow sequence)",
        "maps/lifecycle.yml:1: front matter: the file must be a mapping of 'key: value' lines",
    ]


def test_stage_phases_and_channels_against_the_definitions(load: Load) -> None:
    assert _problems(load, {
        "maps/lifecycle.yml": LIFECYCLE, "maps/channels.yml": CHANNELS,
        "maps/t/m.md": _map("  - name: Awarenes\n"
                            "    touchpoints: [{name: Call, channel: hotlin, score: 2},\n"
                            "                  {name: Fax, channel: fax machine, score: 2}]\n"
                            "  - name: Buying\n    phase: considration\n"
                            "  - name: Meal\n"),
    }) == [
        "maps/t/m.md:5: stages[0].name: the stage 'Awarenes' belongs to no phase of "
        "maps/lifecycle.yml; the closest phase is 'awareness' (Awareness): give the stage "
        "'phase: <id>' or add its name to the phase's aliases [warning]",
        "maps/t/m.md:6: stages[0].touchpoints[0].channel: 'hotlin' is not a channel of "
        "maps/channels.yml; the closest channel is 'phone' (Phone): use its id or add the "
        "name to the channel's aliases [warning]",
        "maps/t/m.md:7: stages[0].touchpoints[1].channel: 'fax machine' is not a channel of "
        "maps/channels.yml; the channels are: phone, web: use its id or add the name to the "
        "channel's aliases [warning]",
        "maps/t/m.md:9: stages[1].phase: unknown phase 'considration'; did you mean "
        "'consideration'?",
        "maps/t/m.md:10: stages[2].name: the stage 'Meal' belongs to no phase of "
        "maps/lifecycle.yml; the phases are: awareness, consideration: give the stage "
        "'phase: <id>' or add its name to the phase's aliases [warning]",
    ]


def test_without_definitions_names_are_free_but_a_phase_needs_a_lifecycle(load: Load) -> None:
    assert _problems(load, {"maps/t/m.md": _map(
        "  - name: Anything\n    phase: awareness\n"
        "    touchpoints: [{name: Call, channel: carrier pigeon, score: 2}]\n")}) == [
        "maps/t/m.md:6: stages[0].phase: unknown phase 'awareness': there is no "
        "maps/lifecycle.yml defining phases; create it (journeymaps new lifecycle) or "
        "remove 'phase'",
    ]


def test_journey_files_are_not_maps_and_their_problems(load: Load) -> None:
    project = load({
        "maps/personas/anna.md": PERSONA,
        "maps/journeys/life.md": "---\ntitle: Life\nparnt: x\n---\n",
        "maps/journeys/a.md": "---\ntitle: A\nparent: b\n---\n",
        "maps/journeys/b.md": "---\ntitle: B\nparent: c\n---\n",
        "maps/journeys/c.md": "---\ntitle: C\nparent: a\n---\n",
        "maps/journeys/d.md": "---\ntitle: D\nparent: a\n---\n",  # hangs below the loop
        "maps/journeys/self.md": "---\ntitle: Self\nparent: self\n---\n",
        "maps/journeys/orphan.md": "---\ntitle: Orphan\nparent: lif\n---\n",
        "maps/journeys/nobody.md": "---\nowner: Team\n---\n",
        "maps/journeys/index.md": "---\ntitle: Index\n---\n",
        "maps/journeys/old/x.md": "---\ntitle: X\n---\n",
        "maps/metrics/readme.md": "Measured values live here\n",
        "maps/t/m.md": _map("  - name: S\n", "moving"),
    })
    assert [m.file for m in project.maps] == ["maps/t/m.md"]
    assert [str(p) for p in project.problems] == [
        "maps/journeys/a.md:3: parent: the journeys' parents make a loop: a → b → c → a; "
        "one of them must have another parent, or none",
        "maps/journeys/b.md:3: parent: the journeys' parents make a loop: b → c → a → b; "
        "one of them must have another parent, or none",
        "maps/journeys/c.md:3: parent: the journeys' parents make a loop: c → a → b → c; "
        "one of them must have another parent, or none",
        "maps/journeys/index.md:1: front matter: the journey id 'index' is taken by the list "
        "of journeys: rename the file",
        "maps/journeys/life.md:3: parnt: unknown key 'parnt'; did you mean 'parent'?",
        "maps/journeys/nobody.md:2: title: required field 'title' is missing",
        "maps/VS/x.md".replace("VS", "journeys/old") + ":1: front matter: journey files sit "
        "directly in maps/journeys/ (maps/journeys/<id>.md); this one is no journey and no "
        "map: move it",
        "maps/journeys/orphan.md:3: parent: unknown journey 'lif'; did you mean 'life'?",
        "maps/journeys/self.md:3: parent: the journeys' parents make a loop: self → self; "
        "one of them must have another parent, or none",
    ]
    assert project.journey_title("moving") == "moving"  # no file: the id
    assert project.journey_title("a") == "A"


def test_hierarchy_depth_order_and_loops(load: Load) -> None:
    project = load({
        "maps/personas/anna.md": PERSONA,
        "maps/journeys/life.md": "---\ntitle: Customer life\n---\n",
        "maps/journeys/join.md": "---\ntitle: Joining\nparent: life\n---\n",
        "maps/journeys/switch.md": "---\ntitle: Switching\nparent: join\n---\n",
        "maps/journeys/moving.md": "---\ntitle: Moving house\nparent: life\n---\n",
        "maps/journeys/x.md": "---\ntitle: X\nparent: y\n---\n",
        "maps/journeys/y.md": "---\ntitle: Y\nparent: x\n---\n",
        "maps/t/m.md": _map("  - name: S\n", "switch"),
        "maps/t/n.md": _map("  - name: S\n", "adhoc"),  # an id without a file
    })
    tree = [(n.id, n.depth) for n in journey_tree(project)]
    assert tree == [("adhoc", 0), ("life", 0), ("join", 1), ("switch", 2), ("moving", 1),
                    ("x", 0), ("y", 0)]  # a loop is broken: both at the top, each once
    assert ancestors(project, "switch") == ["life", "join"]
    assert ancestors(project, "x") == []
    assert descendants(project, "life") == ["join", "switch", "moving"]
    nodes = {n.id: n for n in journey_tree(project)}
    assert nodes["life"].children == ("join", "moving") and nodes["switch"].parent == "join"


def test_a_deep_hierarchy_is_no_recursion(load: Load) -> None:
    files = {"maps/personas/anna.md": PERSONA}
    files.update({f"maps/journeys/j{i}.md": f"---\ntitle: J{i:05d}\n"
                  + (f"parent: j{i - 1}\n" if i else "") + "---\n" for i in range(1500)})
    project = load(files)
    assert project.problems == []
    tree = journey_tree(project)
    assert [n.depth for n in tree] == list(range(1500))
    assert len(ancestors(project, "j1499")) == 1499
