"""Generated Markdown: the diagram source, the map page, the persona page, the export."""

from __future__ import annotations

import json
from collections.abc import Callable

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import Build
from journeymaps.exports.journeymaps_json import project_export
from journeymaps.model.journey_map import JourneyMap
from journeymaps.model.project import Project
from journeymaps.model.stage import Stage
from journeymaps.model.touchpoint import Touchpoint
from journeymaps.pages.diagram import journey_source, neutralise
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.markdown import front_matter
from journeymaps.pages.persona_page import render_persona_page
from journeymaps.safety.text import title as page_title
from journeymaps.website.assembly import generate

Load = Callable[[dict[str, str]], Project]

ANNA = """\
---
name: Anna, moving house
role: Teacher
age: 34
segment: Millennials
quote: I just want it to work.
goals: [Stay online]
frustrations: [Hold music]
channels: [web, chat]
---
Anna moves with two children.
"""
BEN = "---\nname: Ben <b>Boomer</b>\n---\n"
MOVING = """\
---
title: Moving house
persona: anna
journey: telecom-moving
owner: CX Team
reviewed: 2026-01-02
stages:
  - name: Inquiry
    goal: Find out <b>if</b> my contract | moves
    actions: [Search the web]
    touchpoints:
      - {name: "Search: ad", channel: web, score: 4, expected: 5, note: Relevant}
      - {name: Hotline call, channel: phone, score: 2}
    pain_points: [Long hold times]
    questions:
      - Can I keep my number?
      - {text: How long does installation take?, answer: kb/install.md}
    metrics: {nps: 21, conversion: "12%"}
  - name: Installation
    opportunities:
      - {text: SMS reminder, priority: high, owner: Field ops}
---
## Research notes

Twelve interviews.
"""
SWITCH = """\
---
title: Switching provider
persona: [ben]
journey: telecom-moving
state: future
stages:
  - name: Inquiry
    touchpoints: [{name: Store visit, score: 3}]
---
"""
FILES = {"maps/personas/anna.md": ANNA, "maps/personas/ben.md": BEN,
         "maps/telecom/moving.md": MOVING, "maps/telecom/switch.md": SWITCH,
         "site_src/kb/install.md": "# Installation\n"}


def test_neutralise_keeps_text_readable_but_inert() -> None:
    text = neutralise("a: b; #c %%{init} d,e\nsection x")
    for forbidden in (":", ";", "#", "%%", "{", "\n", ","):
        assert forbidden not in text
    assert text.startswith("a") and "section x" in text
    assert neutralise("section evil") != "section evil"
    assert neutralise("   ") == "-"


def test_journey_source_structure() -> None:
    journey_map = JourneyMap(title="T: x", stages=[
        Stage(name="One", touchpoints=[Touchpoint(name="Ad: a", score=4),
                                       Touchpoint(name="No score")]),
        Stage(name="Two; #2", touchpoints=[Touchpoint(name="Call\nback", score=1)]),
    ])
    lines = [line.strip() for line in journey_source(journey_map, ["Anna, B"]).splitlines()]
    assert lines[:4] == ['---', 'title: "T꞉ x"', "---", "journey"]
    assert [line for line in lines if line.startswith("section")] == [
        "section One", "section Two\u037e ＃2"]
    tasks = [line for line in lines if line.count(":") == 2]
    assert tasks == ["Ad꞉ a: 4 : Anna‚ B", "Call back: 1 : Anna‚ B"]


def test_map_page(load: Load) -> None:
    project = load(FILES)
    moving = next(m for m in project.maps if m.slug == "telecom/moving")
    page = render_map_page(moving, project)
    assert page.startswith("---\ntitle: Moving house\ntags:\n- Anna, moving house\n"
                           "- telecom-moving\n- as-is\n- web\n- phone\nhide:\n- toc\n"
                           "search:\n  boost: 1000\n---\n\n"  # search finds the map first
                           "# Moving house\n")
    assert "- **Persona:** [Anna, moving house](../../personas/anna.md)" in page
    assert "- **State:** as-is" in page and "- **Last review:** 2026-01-02" in page
    assert "```mermaid\n---\ntitle:" in page
    # order: header, the grid, the diagram, same journey, body
    order = [page.index(s) for s in ("**Owner:**", "## Stages", 'class="jm-grid', "```mermaid",
                                     "## The same journey", "## Research notes")]
    assert order == sorted(order)
    # stage names head the columns (each with its anchor: search results lead there),
    # lane labels the rows
    assert ('<tr markdown><td class="jm-corner"></td><th scope="col" id="stage-inquiry" '
            'markdown>1. Inquiry</th><th scope="col" id="stage-installation" markdown>'
            '2. Installation</th></tr>') in page
    assert ('<tr markdown><th scope="row">Goal</th><td markdown>Find out &lt;b&gt;if&lt;/b&gt; '
            'my contract \\| moves</td>') in page
    assert "**Search: ad** · _web_ · 🙂 4/5 (expected 5) · Relevant" in page
    assert ('<tr markdown><th scope="row">Pain points</th><td markdown>Long hold times</td>'
            '<td markdown></td></tr>') in page
    assert "SMS reminder · **high** · Field ops" in page
    assert ("Can I keep my number? · [_FAQ gap_](../../faq-gaps.md#gap-can-i-keep-my-number)"
            in page)
    assert "[How long does installation take?](../../kb/install.md) ✓" in page
    assert "nps: <strong>21</strong>" in page and "conversion: <strong>12%</strong>" in page
    assert ">Thoughts<" not in page  # a lane empty in every stage is left out
    assert "[Switching provider](switch.md) · [Ben &lt;b&gt;Boomer&lt;/b&gt;]" in page


def test_map_page_shows_problems(load: Load) -> None:
    project = load({**FILES, "maps/telecom/switch.md": SWITCH.replace("score: 3", "score: 9")})
    switch = next(m for m in project.maps if m.slug == "telecom/switch")
    page = render_map_page(switch, project)
    assert '!!! danger "1 problem in this map"' in page
    assert ("    - `maps/telecom/switch.md:8` `stages[0].touchpoints[0].score`: must be an "
            "integer from 1 to 5, got 9") in page


def test_persona_page(load: Load) -> None:
    project = load(FILES)
    page = render_persona_page(project.personas["anna"], project)
    assert "# Anna, moving house" in page
    for text in ('<div class="jm-profile" markdown>', '<span class="jm-avatar jm-initials" '
                 'aria-hidden="true">AM</span>', '<dt>Role</dt>\n<dd markdown="span">Teacher</dd>',
                 '<dt>Age</dt>\n<dd markdown="span">34</dd>',
                 '<dt>Segment</dt>\n<dd markdown="span">Millennials</dd>',
                 'aria-label="Feeling stage by stage: 3.0"',
                 "> I just want it to work.", "- Stay online", "- Hold music", "- chat",
                 "- [Moving house](../maps/telecom/moving.md) · as-is · journey "
                 "[telecom-moving](../journeys/telecom-moving.md)",  # no journey file: its id
                 "- [Ben &lt;b&gt;Boomer&lt;/b&gt;](ben.md) · "
                 "[telecom-moving](../journeys/telecom-moving.md)",
                 "Anna moves with two children."):
        assert text in page
    lonely = render_persona_page(project.personas["ben"], project)
    assert "[Switching provider](../maps/telecom/switch.md) · to-be" in lonely


def test_persona_without_maps(load: Load) -> None:
    project = load({"maps/personas/solo.md": "---\nname: Solo\n---\n"})
    assert "No journey map walks in this persona's shoes yet." in render_persona_page(
        project.personas["solo"], project)


def test_export(load: Load) -> None:
    project = load(FILES)
    data = project_export(project)
    assert data["personas"][0] == {"id": "anna", "name": "Anna, moving house",
                                   "url": "personas/anna/", "maps": ["maps/telecom/moving.md"],
                                   "segment": "Millennials"}
    moving = data["maps"][0]
    assert {k: moving[k] for k in ("path", "title", "url", "personas", "journey", "state",
                                   "owner", "reviewed")} == {
        "path": "maps/telecom/moving.md", "title": "Moving house", "url": "maps/telecom/moving/",
        "personas": ["anna"], "journey": "telecom-moving", "state": "current",
        "owner": "CX Team", "reviewed": "2026-01-02"}
    questions = moving["stages"][0]["questions"]
    assert questions[1] == {"text": "How long does installation take?", "answer": "kb/install.md",
                            "answer_url": "kb/install/"}
    assert moving["stages"][0]["touchpoints"][0]["score"] == 4
    exported = {f.path: f.content for f in generate(project)}["journeymaps.json"]
    assert json.loads(exported) == data


_YAML_WORDS = st.sampled_from(["yes", "No", "null", "~", "on", "OFF", "y", "1e3", ".inf",
                               "2024-01-01", "x: y", "a #b", "- a", "Ł ódź", "x's", "a, b"])


@given(st.text(), st.lists(st.one_of(st.text(), _YAML_WORDS), max_size=4))
def test_front_matter_reads_back_as_written(title: str, tags: list[str]) -> None:
    """Generated front matter, written without a YAML emitter, loads back to the same
    text whatever it holds: words YAML would turn into values, syntax, any character."""
    written = front_matter(title, tags=tags, hide=["toc"])
    assert written.startswith("---\n") and written.endswith("\n---")
    expected: dict[str, object] = {"title": page_title(title)}
    if tags:
        expected["tags"] = tags
    expected["hide"] = ["toc"]
    assert yaml.safe_load(written[4:-4]) == expected


def test_front_matter_stays_readable() -> None:
    assert front_matter("Moving house", tags=["Anna, moving house", "yes"]) == (
        '---\ntitle: Moving house\ntags:\n- Anna, moving house\n- "yes"\n---')


def test_the_previews_export_is_the_full_builds_text() -> None:
    """Each map's JSON text is encoded apart, and a live preview keeps it while the map
    is unchanged (``export_json`` with fragments): the text of encoding the whole at
    once, before and after an edit of one map."""
    import dataclasses

    from conftest import REPO
    from journeymaps.analysis.fragments import Fragments
    from journeymaps.exports.journeymaps_json import export_json
    from journeymaps.load.project import load_project

    def whole(project: Project) -> str:  # the export encoded at once
        return json.dumps(project_export(project), ensure_ascii=False, separators=(",", ":"))

    project = load_project(REPO, REPO / "maps", REPO / "site_src")
    fragments = Fragments()
    assert export_json(project, fragments) == export_json(project) == whole(project)
    assert json.loads(export_json(project, fragments)) == project_export(project)
    edited = dataclasses.replace(project.maps[0], owner="Team \"edited\" ✓")
    project = dataclasses.replace(project, maps=[edited, *project.maps[1:]])
    assert export_json(project, fragments) == export_json(project) == whole(project)
    assert '"owner":"Team \\"edited\\" ✓"' in export_json(project, fragments)


def test_latin_1_writes_what_html_and_markdown_read() -> None:
    """Characters beyond Latin-1 become references (a byte a character in memory),
    read back as the characters; a page built from them shows the characters."""
    import html

    from journeymaps.pages.markdown import latin_1

    for text in ["a é · ✓ 😀 – \u2028", "plain", ""]:
        written = latin_1(text)
        assert html.unescape(written) == text and all(ord(c) <= 0xFF for c in written)
    assert latin_1("a é ✓") == "a é &#10003;"


def test_the_built_metrics_page_shows_its_characters(sample_site: Build) -> None:
    """A full build holds the fragments it has cleaned in Latin-1 until it writes them
    (``mkdocs/plugin.py``): a reader sees the characters all the same."""
    import html
    import re

    tables = "".join(re.findall(r"<table.*?</table>", sample_site.page("metrics"), re.S))
    assert "&#10007;" in tables and all(ord(c) <= 0xFF for c in tables)  # ✗ missed
    assert "✓ met" in html.unescape(tables) and "✗ missed" in html.unescape(tables)
