"""The company vocabulary in real ``mkdocs build --strict`` runs: the repository's sample
site (a lifecycle, journey files and a channel catalogue), a Polish site, hostile
definitions, bad definitions, and the commands that start the files."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import REPO, Build, mkdocs_build
from journeymaps.analysis.landscape import landscape
from journeymaps.analysis.phases import OTHER, columns
from journeymaps.analysis.stages import stage_axis
from journeymaps.cli import commands as cli
from journeymaps.language.labels import ENGLISH, load_labels
from journeymaps.load.project import load_project
from safety import unsafe_in_site

MakeProject = Callable[[dict[str, str]], Path]


def text(page: str) -> str:
    """The visible text of the page's article, tags stripped, spaces collapsed."""
    article = page[page.index("<article"):page.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def header_cells(page: str, table: int) -> list[str]:
    """The header cells of the page's ``table``-th table (from 0), as text."""
    head = page.split("<table")[table + 1].split("</thead>")[0]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.DOTALL)]


# ---------------------------------------------------------------- the sample site, as data

SAMPLE = load_project(REPO, REPO / "maps", REPO / "site_src")
PHASES = ["Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Support",
          "Advocacy"]


def test_the_sample_vocabulary_covers_every_stage_and_channel() -> None:
    assert SAMPLE.problems == []  # not even a warning: every stage has a phase, every channel
    assert len(stage_axis(SAMPLE.maps)) == 37  # the stage names the maps write
    assert [c.name for c in columns(SAMPLE, SAMPLE.maps, ENGLISH)] == PHASES
    polish = load_labels("pl").labels
    assert [c.name for c in columns(SAMPLE, SAMPLE.maps, polish)][:3] == [
        "Świadomość", "Rozważanie", "Zakup"]
    moving = SAMPLE.maps_by_journey["telecom-moving"]
    assert {m.file for m in moving} >= {"maps/telecom/moving-house.md",
                                         "maps/telecom/przeprowadzka.md"}


def test_the_matrix_filters_channels_by_kind_owner_persona_journey_and_phase() -> None:
    from journeymaps.analysis.channel_facets import channel_facets, matrix_facets

    assert matrix_facets(SAMPLE) == ("kind", "owner", "persona", "journey", "phase")
    found = channel_facets(SAMPLE, ENGLISH)
    catalogue = {c.id: c for c in SAMPLE.channel_catalogue.channels}
    assert set(found) <= set(catalogue)  # every sample touchpoint names a catalogue channel
    for key, facets in found.items():
        channel = catalogue[key]
        assert facets["kind"] == [(channel.kind, channel.kind)]
        assert facets["owner"] == ([(channel.owner, channel.owner)] if channel.owner else [])
    phone = found["phone"]
    assert {key for key, _ in phone["phase"]} <= set(SAMPLE.lifecycle.by_id)
    assert ("awareness", "Awareness") in phone["phase"]
    assert ("telecom-moving", "Moving house with us") in phone["journey"]
    assert ("anna", "Anna, moving house") in phone["persona"]
    polish = channel_facets(SAMPLE, load_labels("pl").labels)["phone"]
    assert polish["kind"] == [("human", load_labels("pl").labels["channel_kind.human"])]


def test_the_landscape_rolls_journeys_up_into_their_parents() -> None:
    view = landscape(SAMPLE, ENGLISH)
    rows = {row.node.id: row for row in view.rows}
    life = rows["telecom-customer-life"]
    assert life.own_maps == 0 and life.node.depth == 0
    assert rows["telecom-switching"].node.depth == 2
    onboarding = life.cells["onboarding"]
    moving, switching = rows["telecom-moving"].cells["onboarding"], rows[
        "telecom-switching"].cells["onboarding"]
    assert sorted(onboarding.scores) == sorted(moving.scores + switching.scores)
    assert set(onboarding.maps) == set(moving.maps) | set(switching.maps)
    assert OTHER not in view.totals
    weakest = view.weakest
    assert weakest is not None
    averages = {key: cell.average for key, cell in view.totals.items()}
    assert averages[weakest.key] == min(averages.values())


# ---------------------------------------------------------------- the sample site, built

@pytest.mark.slow
def test_the_matrix_is_channels_by_phases(sample_site: Build) -> None:
    page = sample_site.page("channels")
    assert header_cells(page, 0) == ["Channel", "Kind", "Owner", "Touchpoints", "Feeling",
                                     "Personas", "Maps"]
    assert header_cells(page, 1) == ["Channel", *PHASES]  # 9 columns; 38 before
    words = text(page)
    assert "Visit at home or on site physical Field service 4" in words
    assert "Phone human Contact centre 20" in words
    assert '<a href="visit/">Visit at home or on site</a>' in page
    assert "infolinia" not in words and "телефон" not in words  # shown as Phone


@pytest.mark.slow
def test_a_channel_page_lists_its_touchpoints_phase_by_phase(sample_site: Build) -> None:
    words = text(sample_site.page("channels/visit"))
    assert words.startswith("Visit at home or on site ¶ Kind: physical Owner: Field service "
                            "Also written as: home visit, engineer visit")
    assert "4 touchpoints on this channel across 4 maps" in words
    rows = words[words.index("Phase Touchpoint Score Map Personas"):]
    assert rows.count("Onboarding") == 4
    assert "Onboarding · Instalacja Wizyta technika 1 Przeprowadzka z internetem" in rows
    for channel in SAMPLE.channel_catalogue.channels:
        assert (sample_site.site / "channels" / channel.id / "index.html").is_file()


@pytest.mark.slow
def test_the_journey_landscape_page(sample_site: Build) -> None:
    page = sample_site.page("lifecycle")
    assert header_cells(page, 0) == ["Journey", *PHASES]
    words = text(page)
    weakest = landscape(SAMPLE, ENGLISH).weakest
    assert weakest is not None and f"The weakest phase: {weakest.name}" in words
    for journey in SAMPLE.journeys.values():
        assert f'href="../journeys/{journey.id}/">{html.escape(journey.title)}</a>' in page
    assert "&emsp;&emsp;↳ " not in page  # entities are written out by Markdown...
    assert "\u2003\u2003↳ <a" in page  # ...as two em spaces: two levels down
    assert words.index("Telecom customer life") < words.index("Joining us") < words.index(
        "Switching to us from another provider") < words.index("Moving house with us")
    assert "The phases ¶ Phase Description Stages Feeling" in words
    assert "Porównanie ofert" in words[words.index("The phases"):]


@pytest.mark.slow
def test_a_journey_page_lines_languages_up_phase_by_phase(sample_site: Build) -> None:
    page = sample_site.page("journeys/telecom-moving")
    words = text(page)
    assert words.startswith("Moving house with us ¶ A customer moves")
    assert "Part of: Telecom customer life Owner: Home services" in words
    table = words[words.index("Phase by phase"):]
    assert "Katarzyna" in table and "Anna, moving house" in table
    assert "1. Awareness • Inquiry • Google search ad · Website · 4" in table
    assert "• Zapytanie • Reklama w wyszukiwarce · Website · 4" in table
    assert "4. Onboarding • Installation" in table and "• Instalacja" in table
    assert "Visit at home or on site" in table  # the catalogue's name, not 'visit'
    assert words.endswith("Anna, phase by phase.")  # the journey file's body, last
    parent = text(sample_site.page("journeys/telecom-customer-life"))
    assert "Journeys within it ¶ Joining us · Sales Moving house with us · 3 maps" in parent
    assert "Part of: Telecom customer life › Joining us" in text(
        sample_site.page("journeys/telecom-switching"))


@pytest.mark.slow
def test_the_journey_index_is_a_tree_and_titles_replace_ids(sample_site: Build) -> None:
    index = sample_site.page("journeys")
    tree = index[index.index("<ul>"):index.index("</ul>\n</li>\n</ul>")]
    assert re.search(r'Telecom customer life</a> · Customer experience office<ul>\s*<li><a '
                     r'href="telecom-joining/">Joining us</a> · Sales<ul>\s*<li><a '
                     r'href="telecom-switching/">', index)
    assert tree
    catalogue = sample_site.page("maps")
    assert '<a href="../journeys/telecom-moving/">Moving house with us</a>' in catalogue
    assert ">telecom-moving</a>" not in catalogue
    backlog = sample_site.page("opportunities")
    # each card names the stage's phase and the map's journey (by its title), and both
    # are filters of the board
    assert re.search(r'>Inquiry</a> · Awareness · <a href="../journeys/telecom-moving/">'
                     r"Moving house with us</a>", backlog)
    assert all(f'data-jm-facet="{facet}"' in backlog for facet in ("journey", "phase"))
    assert "Moving house with us</a>" in backlog and ">telecom-moving<" not in backlog
    assert "By phase: Awareness" in text(backlog)
    health = text(sample_site.page("health"))
    assert "Feeling by phase" in health and "Phase Feeling Pain points Open FAQ gaps" in health


@pytest.mark.slow
def test_the_export_has_the_definitions(sample_site: Build) -> None:
    data = json.loads((sample_site.site / "journeymaps.json").read_text(encoding="utf-8"))
    assert {"personas", "maps", "journeys", "phases", "channels"} <= set(data)
    journeys = {j["id"]: j for j in data["journeys"]}
    assert journeys["telecom-switching"] | {"maps": None} == {
        "id": "telecom-switching", "title": "Switching to us from another provider",
        "url": "journeys/telecom-switching/", "parent": "telecom-joining", "owner": "Sales",
        "maps": None, "description": "Leaving an unreliable provider for us, without a day "
                                     "offline"}
    assert [p["id"] for p in data["phases"]][:2] == ["awareness", "consideration"]
    assert {"id": "phone", "name": "Phone", "kind": "human", "owner": "Contact centre",
            "url": "channels/phone/"}.items() <= next(
        c for c in data["channels"] if c["id"] == "phone").items()
    for url in [j["url"] for j in data["journeys"]] + [c["url"] for c in data["channels"]]:
        assert (sample_site.site / url / "index.html").is_file(), url
    car = next(m for m in data["maps"] if m["path"] == "maps/automotive/car-buyer.md")
    assert [s["phase"] for s in car["stages"]] == [
        "consideration", "consideration", "consideration", "consideration", "purchase",
        "purchase", "onboarding"]
    polish = next(m for m in data["maps"] if m["path"] == "maps/telecom/przeprowadzka.md")
    assert polish["journey"] == "telecom-moving"
    assert polish["stages"][0]["touchpoints"][2]["channel"] == "infolinia"
    assert polish["stages"][0]["touchpoints"][2]["channel_id"] == "phone"


# ---------------------------------------------------------------- small sites

PERSONA = "---\nname: Anna\n---\n"
LIFECYCLE = """\
phases:
  - id: awareness
    name: Awareness
    names: {pl: Świadomość}
  - id: purchase
    name: Purchase
    names: {pl: Zakup}
    aliases: [Zamówienie]
"""


def test_a_polish_site_names_phases_in_polish_and_warnings_never_fail(
        project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir({
        "maps/personas/anna.md": PERSONA,
        "maps/lifecycle.yml": LIFECYCLE,
        "maps/channels.yml": "channels:\n  - {id: phone, name: Telefon, kind: human, "
                             "aliases: [infolinia]}\n",
        "maps/m.md": "---\ntitle: M\npersona: anna\njourney: moving\nstages:\n"
                     "  - name: Awareness\n    touchpoints: [{name: A, channel: infolinia, "
                     "score: 2}]\n  - name: Zamówienie\n    touchpoints: [{name: B, "
                     "channel: gołąb, score: 4}]\n  - name: Posiłek\n---\n",
    })
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  language: pl\n"), encoding="utf-8")
    build = mkdocs_build(root, tmp_path / "site")  # strict: the two warnings do not fail it
    assert build.returncode == 0, build.output
    assert ("warning: maps/m.md:9: stages[1].touchpoints[0].channel: 'gołąb' is not a "
            "channel of maps/channels.yml") in build.output, build.output
    assert "warning: maps/m.md:10: stages[2].name: the stage 'Posiłek' belongs to no phase" \
        in build.output
    matrix = build.page("channels")
    assert header_cells(matrix, 1) == ["Kanał", "Świadomość", "Zakup", "Pozostałe etapy"]
    assert "Telefon z człowiekiem" in text(matrix)
    landscape_page = build.page("lifecycle")
    assert header_cells(landscape_page, 0) == ["Ścieżka", "Świadomość", "Zakup",
                                               "Pozostałe etapy"]


def test_bad_definitions_fail_strict_without_traceback_and_a_plain_build_renders(
        project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir({
        "maps/personas/anna.md": PERSONA,
        "maps/lifecycle.yml": LIFECYCLE + "  - id: awareness\n    name: Again\n",
        "maps/channels.yml": "channels:\n  - {id: web, name: Web, kind: online}\n",
        "maps/journeys/a.md": "---\ntitle: A\nparent: b\n---\n",
        "maps/journeys/b.md": "---\ntitle: B\nparent: a\n---\n",
        "maps/m.md": "---\ntitle: M\npersona: anna\njourney: a\nstages:\n"
                     "  - name: S\n    phase: purchse\n---\n",
    })
    strict = mkdocs_build(root, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.output
    for line in (
            "maps/lifecycle.yml:9: phases[2].id: duplicate id 'awareness' (first at line 2)",
            "maps/channels.yml:2: channels[0].kind: must be 'digital' or 'physical' or "
            "'human', got 'online'",
            "maps/journeys/a.md:3: parent: the journeys' parents make a loop: a → b → a",
            "maps/m.md:7: stages[0].phase: unknown phase 'purchse'; did you mean 'purchase'?"):
        assert line in strict.output, line
    plain = mkdocs_build(root, tmp_path / "plain", strict=False)
    assert plain.returncode == 0, plain.output
    for url in ("lifecycle", "journeys", "journeys/a", "journeys/b", "channels",
                "channels/web", "maps/m"):
        assert (plain.site / url / "index.html").is_file(), url
    assert "unknown phase" in plain.page("maps/m")  # the map shows its problem


def test_hostile_definitions_render_inert(project_dir: MakeProject, tmp_path: Path) -> None:
    evil = "</title><script>alert(1)</script> <img src=x onerror=alert(2)> *x*{: onclick=a }"
    quoted = evil.replace("'", "''")
    root = project_dir({
        "maps/personas/anna.md": PERSONA,
        "maps/lifecycle.yml": f"phases:\n  - id: p\n    name: '{quoted}'\n"
                              f"    description: '{quoted}'\n    aliases: [S]\n",
        "maps/channels.yml": f"channels:\n  - id: c\n    name: '{quoted}'\n"
                             f"    owner: '{quoted}'\n    aliases: ['{quoted}']\n",
        "maps/journeys/j.md": f"---\ntitle: '{quoted}'\ndescription: '{quoted}'\n"
                              f"owner: '{quoted}'\n---\n<script>alert(3)</script>\n",
        "maps/journeys/k.md": f"---\ntitle: '{quoted}'\nparent: j\n---\n",
        "maps/m.md": "---\ntitle: M\npersona: anna\njourney: k\nstages:\n  - name: S\n"
                     f"    touchpoints: [{{name: T, channel: '{quoted}', score: 2}}]\n"
                     "    opportunities: [Fix it]\n---\n",
    })
    build = mkdocs_build(root, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.output
    assert "maps/journeys/j.md:6: body: the HTML tag <script> is not allowed" in build.output
    assert unsafe_in_site(build.site) == {}
    for url in ("lifecycle", "channels", "channels/c", "journeys", "journeys/j", "journeys/k",
                "maps", "maps/m", "opportunities", "health"):
        page = build.page(url)
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in build.page("journeys/j")


# ---------------------------------------------------------------- the commands

def run(root: Path, *args: str) -> Result:
    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_new_definitions_pass_check_and_are_never_overwritten(project_dir: MakeProject) -> None:
    root = project_dir({"maps/personas/anna.md": PERSONA,
                        "maps/m.md": "---\ntitle: M\npersona: anna\njourney: moving\n"
                                     "stages:\n  - name: Awareness\n  - name: Meal\n---\n"})
    for args, file in ((("journey", "moving", "--title", "Moving: house"),
                        "maps/journeys/moving.md"),
                       (("lifecycle",), "maps/lifecycle.yml"),
                       (("channels",), "maps/channels.yml")):
        result = run(root, "new", *args)
        assert result.exit_code == 0, result.output
        assert f"Created {file}." in result.stdout
        again = run(root, "new", *args)
        assert again.exit_code == 1
        assert f"{file} already exists and was left untouched" in again.output
    check = run(root, "check")
    assert check.exit_code == 0, check.output  # a warning is no failure
    assert check.stdout.splitlines() == [
        "maps/m.md:7: stages[1].name: warning: the stage 'Meal' belongs to no phase of "
        "maps/lifecycle.yml; the phases are: awareness, consideration, purchase, onboarding, "
        "use, support, advocacy: give the stage 'phase: <id>' or add its name to the phase's "
        "aliases"]
    assert ("checked 1 map, 1 persona, 0 knowledge-base pages, 1 journey file, "
            "maps/lifecycle.yml, maps/channels.yml: 0 errors, 1 warning") in check.stderr
    exported = json.loads(run(root, "export").stdout)
    assert exported["journeys"][0]["title"] == "Moving: house"
    assert [s["phase"] for s in exported["maps"][0]["stages"]] == ["awareness", None]


@pytest.mark.parametrize(("args", "message"), [
    (("journey", "Moving House"), "'Moving House' cannot be a journey id"),
    (("journey", "index"), "'index' cannot be a journey id"),
    (("map", "journeys/x", "--persona", "anna"), "maps/journeys/ holds journey files"),
    (("map", "metrics/x", "--persona", "anna"), "maps/metrics/ holds measured values"),
])
def test_new_refuses_what_cannot_be(project_dir: MakeProject, args: tuple[str, ...],
                                    message: str) -> None:
    root = project_dir({"maps/personas/anna.md": PERSONA})
    result = run(root, "new", *args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (root / "maps/journeys").exists()
