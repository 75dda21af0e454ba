"""Every kind of bad input, against the contract's exact message format."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journeymaps.model.project import Project

PERSONA = "---\nname: Anna, moving house\n---\n"
Load = Callable[[dict[str, str]], Project]


def problems(load: Load, front: str, *, extra: dict[str, str] | None = None) -> list[str]:
    files = {"maps/personas/anna.md": PERSONA, "maps/t/m.md": f"---\n{front}---\n",
             **(extra or {})}
    return [str(p) for p in load(files).problems]


VALID = "title: T\npersona: anna\nstages:\n  - name: S\n"


def test_valid_map_has_no_problems(load: Load) -> None:
    assert problems(load, VALID) == []


@pytest.mark.parametrize(("front", "expected"), [
    ("persona: anna\nstages: [{name: S}]\n",
     "maps/t/m.md:2: title: required field 'title' is missing"),
    ("title: T\nstages: [{name: S}]\n",
     "maps/t/m.md:2: persona: required field 'persona' is missing"),
    ("title: T\npersona: anna\n",
     "maps/t/m.md:2: stages: required field 'stages' is missing"),
    ("title: T\npersona: anna\nstages: []\n",
     "maps/t/m.md:4: stages: needs at least 1 item(s)"),
    ("title: 1984\npersona: anna\nstages: [{name: S}]\n",
     "maps/t/m.md:2: title: must be text, got a number 1984; put it in quotes"),
    ("title: T\npersona: anna\nstate: futur\nstages: [{name: S}]\n",
     "maps/t/m.md:4: state: must be 'current' or 'future', got 'futur'; did you mean 'future'?"),
    ("title: T\npersona: anna\nreviewed: 2025-02-30\nstages: [{name: S}]\n",
     "maps/t/m.md:4: reviewed: '2025-02-30' is not a real date; check the month and day"),
    ("title: T\npersona: anna\nreviewed: last week\nstages: [{name: S}]\n",
     "maps/t/m.md:4: reviewed: must be a date YYYY-MM-DD, got 'last week'"),
    ("title: T\npersona: anna\ntags: urgent\nstages: [{name: S}]\n",
     "maps/t/m.md:4: tags: must be a list (one '- item' a line), got text 'urgent'"),
    ("title: T\npersona: anne\nstages: [{name: S}]\n",
     "maps/t/m.md:3: persona: unknown persona 'anne'; did you mean 'anna'?"),
    ("title: T\npersona: [anna, Bob]\nstages: [{name: S}]\n",
     "maps/t/m.md:3: persona[1]: 'Bob' is not a persona id: use lowercase letters, digits "
     "and '-'; did you mean 'bob'?"),
    ("title: T\npersona: anna\njourney: Telecom Moving!\nstages: [{name: S}]\n",
     "maps/t/m.md:4: journey: 'Telecom Moving!' is not a journey id: use lowercase letters, "
     "digits and '-'; did you mean 'telecom-moving'?"),
    ("title: T\npersona: anna\njourney: 搬家\nstages: [{name: S}]\n",
     "maps/t/m.md:4: journey: '搬家' is not a journey id: use lowercase letters, digits and "
     "'-', e.g. 'telecom-moving'"),
    ("title: T\npersona: anna\njourney: index\nstages: [{name: S}]\n",
     "maps/t/m.md:4: journey: 'index' cannot be a journey id: its page would be the index of "
     "all of them; choose another id"),
    ("title: T\npersona: anna\nstage:\n  - name: S\n",  # no second 'stages is missing'
     "maps/t/m.md:4: stage: unknown key 'stage'; did you mean 'stages'?"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    pain_point: [slow]\n",
     "maps/t/m.md:6: stages[0].pain_point: unknown key 'pain_point'; did you mean "
     "'pain_points'?"),
    ("title: T\npersona: anna\nstages:\n  - goal: G\n",
     "maps/t/m.md:5: stages[0].name: required field 'name' is missing"),
    ("title: T\npersona: anna\nstages:\n  - Inquiry\n",
     "maps/t/m.md:5: stages[0]: each stage must be a mapping ('key: value' lines), got "
     "text 'Inquiry'"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    touchpoints:\n"
     "      - {name: Ad, score: 7}\n",
     "maps/t/m.md:7: stages[0].touchpoints[0].score: must be an integer from 1 to 5, got 7"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    touchpoints:\n"
     "      - {name: Ad, score: '4'}\n",
     "maps/t/m.md:7: stages[0].touchpoints[0].score: must be an integer from 1 to 5, got '4'"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    touchpoints:\n      - {name: Ad}\n",
     "maps/t/m.md:7: stages[0].touchpoints[0].score: required field 'score' is missing"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    opportunities:\n"
     "      - {text: SMS, priority: urgent}\n",
     "maps/t/m.md:7: stages[0].opportunities[0].priority: must be 'high' or 'medium' or "
     "'low', got 'urgent'"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    questions:\n"
     "      - {text: Why?, answer: 'ftp://x/y'}\n",
     "maps/t/m.md:7: stages[0].questions[0].answer: the URL scheme 'ftp:' is not allowed; "
     "use an https:// URL or a path relative to the docs folder `site_src/`"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    questions:\n"
     "      - {text: Why?, answer: kb/none.md}\n",
     "maps/t/m.md:7: stages[0].questions[0].answer: the answer page 'kb/none.md' does not "
     "exist in site_src/"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    metrics: {nps: [1]}\n",
     "maps/t/m.md:6: stages[0].metrics.nps: must be a number or text, got a list"),
    ("title: T\npersona: anna\nstages:\n  - name: S\n    metrics: 21\n",
     "maps/t/m.md:6: stages[0].metrics: must be a mapping of metric name to value "
     "(e.g. 'nps: 21'), got a number"),
    ("title: ''\npersona: anna\nstages: [{name: S}]\n",
     "maps/t/m.md:2: title: required field 'title' is missing (empty)"),
    ("title: T\npersona: anna\nowner: true\nstages: [{name: S}]\n",
     "maps/t/m.md:4: owner: must be text, got true/false True; put it in quotes"),
])
def test_bad_map(load: Load, front: str, expected: str) -> None:
    assert problems(load, front) == [expected]


def test_all_problems_of_all_files_at_once(load: Load) -> None:
    found = problems(load, "title: T\npersona: bob\nstate: old\nstages:\n  - name: S\n"
                           "    touchpoints: [{name: A, score: 0}]\n",
                     extra={"maps/a/other.md": "---\ntitle: [x]\n---\n",
                            "maps/personas/bad.md": "---\nname: B\nage: -3\n---\n"})
    assert found == [
        "maps/a/other.md:2: persona: required field 'persona' is missing",
        "maps/a/other.md:2: stages: required field 'stages' is missing",
        "maps/a/other.md:2: title: must be text, got a list ['x']; put it in quotes",
        "maps/personas/bad.md:3: age: must be an integer from 0 to 150, got -3",
        "maps/t/m.md:3: persona: unknown persona 'bob'; create maps/personas/bob.md or use "
        "one of: anna, bad",
        "maps/t/m.md:4: state: must be 'current' or 'future', got 'old'",
        "maps/t/m.md:7: stages[0].touchpoints[0].score: must be an integer from 1 to 5, got 0",
    ]


def test_persona_problems(load: Load) -> None:
    project = load({"maps/personas/Anna_B.md": "---\nnam: Anna\nphoto: anna.jpg\n---\n"})
    assert [str(p) for p in project.problems] == [
        "maps/personas/Anna_B.md:1: front matter: the persona id 'Anna_B' (the file name) must "
        "be lowercase letters, digits and '-': rename the file",
        # the misspelt key is reported once, not again as a missing 'name'
        "maps/personas/Anna_B.md:2: nam: unknown key 'nam'; did you mean 'name'?",
        "maps/personas/Anna_B.md:3: photo: the photo 'anna.jpg' does not exist next to the "
        "persona file",
    ]


def test_shorthands_and_defaults(load: Load) -> None:
    project = load({"maps/personas/anna.md": PERSONA, "site_src/kb/a.md": "# A\n",
                    "maps/m.md": "---\ntitle: T\npersona: anna\nstages:\n  - name: S\n"
                                 "    opportunities: [Call back]\n"
                                 "    questions: [Why?, {text: How?, answer: kb/a.md}]\n---\n"})
    (journey_map,) = project.maps
    stage = journey_map.stages[0]
    assert journey_map.persona == ["anna"] and journey_map.state_or_default == "current"
    assert stage.opportunities[0].text == "Call back" and stage.opportunities[0].priority is None
    assert [q.text for q in stage.questions] == ["Why?", "How?"]
    assert project.answer_of(stage.questions[1]) == "kb/a.md"
    assert project.answer_of(stage.questions[0]) is None
    assert project.problems == []


def test_file_level_problems_still_give_a_map(load: Load) -> None:
    project = load({"maps/t/empty-map.md": ""})
    (journey_map,) = project.maps
    assert journey_map.title == "Empty map" and journey_map.slug == "t/empty-map"
    assert [str(p) for p in project.problems_of("maps/t/empty-map.md")] == [
        "maps/t/empty-map.md:1: front matter: the file is empty; start it with front matter "
        "between two '---' lines"]
