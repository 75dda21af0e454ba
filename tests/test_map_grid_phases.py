"""The map page's journey grid groups its stages under their lifecycle phases: the
runs of stages (analysis.phases.phase_groups) and the header row they make."""

from __future__ import annotations

import re
from collections.abc import Callable

from journeymaps.analysis.phases import phase_groups
from journeymaps.language.labels import ENGLISH, load_labels
from journeymaps.model.project import Project
from journeymaps.pages.map_page import render_map_page

Load = Callable[[dict[str, str]], Project]
LIFECYCLE = """\
phases:
  - id: awareness
    name: Awareness
    names: {pl: Świadomość}
  - id: consideration
    name: Consideration <b>|</b>
    aliases: [Comparison, Quote]
  - id: purchase
    name: Purchase
"""
# Inquiry names no phase, so its phase: says; Lunch belongs to none; the map comes
# back to consideration after purchase.
STAGES = ["  - name: Inquiry\n    phase: awareness\n", "  - name: Awareness\n",
          "  - name: Comparison\n", "  - name: quote\n", "  - name: Lunch\n",
          "  - name: Purchase\n", "  - name: Comparison\n"]
MAP = ("---\ntitle: T\npersona: anna\nstages:\n" + "".join(
    stage + "    touchpoints: [{name: Call, score: 3}]\n" for stage in STAGES) + "---\n")
FILES = {"maps/personas/anna.md": "---\nname: Anna\n---\n", "maps/t/m.md": MAP}


def _runs(project: Project, labels=ENGLISH) -> list[tuple[str, int, str | None]]:
    stages = project.maps[0].stages
    return [(g.name, g.span, g.phase and g.phase.id)
            for g in phase_groups(project, stages, labels, "No phase")]


def test_consecutive_stages_of_a_phase_are_one_run_in_the_map_order(load: Load) -> None:
    project = load({**FILES, "maps/lifecycle.yml": LIFECYCLE})
    assert _runs(project) == [
        ("Awareness", 2, "awareness"),            # by phase: and by name
        ("Consideration <b>|</b>", 2, "consideration"),  # by alias, case ignored
        ("No phase", 1, None),
        ("Purchase", 1, "purchase"),
        ("Consideration <b>|</b>", 1, "consideration"),  # coming back: a run of its own
    ]
    assert sum(span for _, span, _ in _runs(project)) == len(STAGES)


def test_phases_are_named_in_the_site_language(load: Load) -> None:
    project = load({**FILES, "maps/lifecycle.yml": LIFECYCLE})
    polish = load_labels("pl").labels
    assert [name for name, _, _ in _runs(project, polish)][:2] == [
        "Świadomość", "Consideration <b>|</b>"]  # no Polish name: the name as written


def test_without_a_lifecycle_there_are_no_groups_and_no_phase_row(load: Load) -> None:
    project = load(FILES)
    assert _runs(project) == []
    page = render_map_page(project.maps[0], project)
    assert "colgroup" not in page and "jm-phases" not in page
    assert page.count('<th scope="col" ') == len(STAGES)  # a stage's heading, with its id


def test_the_phase_row_spans_each_run_above_the_stage_names(load: Load) -> None:
    project = load({**FILES, "maps/lifecycle.yml": LIFECYCLE})
    page = render_map_page(project.maps[0], project)
    thead = page[page.index("<thead"):page.index("</thead>")]
    phase_row, stage_row = thead.split("</tr>")[:2]
    assert phase_row.index("jm-phases") < stage_row.index("1. Inquiry")
    # one corner cell beside both rows, so the stage names start in the same column
    assert '<td class="jm-corner" rowspan="2"></td>' in phase_row
    assert "jm-corner" not in stage_row
    assert re.findall(r'<th scope="colgroup" colspan="(\d)"( class="jm-no-phase")? markdown>'
                      r"([^<]*)</th>", phase_row) == [
        ("2", "", "Awareness"),
        ("2", "", r"Consideration &lt;b&gt;\|&lt;/b&gt;"),  # author text, escaped
        ("1", ' class="jm-no-phase"', "No phase"),
        ("1", "", "Purchase"),
        ("1", "", r"Consideration &lt;b&gt;\|&lt;/b&gt;"),
    ]
    # a column group per run, after the lane labels' column
    assert re.findall(r'<colgroup span="(\d)">', page) == ["2", "2", "1", "1", "1"]
    assert page.index("<colgroup><col></colgroup>") < page.index('<colgroup span="2">')
