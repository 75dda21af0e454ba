"""Journeys read by their titles where a persona walks them, and maps of no journey
on the journey landscape."""

from __future__ import annotations

from collections.abc import Callable

from journeymaps.analysis.landscape import landscape
from journeymaps.language.labels import ENGLISH
from journeymaps.model.project import Project
from journeymaps.pages.journey_landscape import render_landscape
from journeymaps.pages.persona_page import render_persona_page

Load = Callable[[dict[str, str]], Project]
LIFECYCLE = "phases:\n  - id: awareness\n    name: Awareness\n  - id: support\n    name: Support\n"


def _map(title: str, persona: str, journey: str, stage: str, score: int) -> str:
    line = f"journey: {journey}\n" if journey else ""
    return (f"---\ntitle: {title}\npersona: [{persona}]\n{line}stages:\n  - name: {stage}\n"
            f"    touchpoints: [{{name: Call, score: {score}}}]\n---\n")


FILES = {
    "maps/personas/anna.md": "---\nname: Anna\n---\n",
    "maps/personas/ben.md": "---\nname: Ben\n---\n",
    "maps/journeys/moving.md": "---\ntitle: Moving <b>house</b>\n---\n",
    "maps/lifecycle.yml": LIFECYCLE,
    "maps/t/move-anna.md": _map("Anna moves", "anna", "moving", "Awareness", 2),
    "maps/t/move-ben.md": _map("Ben moves", "ben", "moving", "Awareness", 4),
    "maps/t/switch.md": _map("Switching", "anna", "switching", "Awareness", 3),  # no file
    "maps/t/bill.md": _map("Billing", "anna, ben", "", "Support", 1),  # no journey
}


def test_the_persona_page_names_journeys_by_title_linked_to_their_page(load: Load) -> None:
    project = load(FILES)
    page = render_persona_page(project.personas["anna"], project)
    assert ("- [Anna moves](../maps/t/move-anna.md) · as-is · journey "
            "[Moving &lt;b&gt;house&lt;/b&gt;](../journeys/moving.md)") in page
    # a journey without a file keeps its id, still linked; a map of no journey has none
    assert "journey [switching](../journeys/switching.md)" in page
    assert "- [Billing](../maps/t/bill.md) · as-is ·" in page
    assert "`moving`" not in page and "`switching`" not in page
    # who else walks them: Ben on the journey, and on the map of no journey by its title
    assert ("- [Ben](ben.md) · [Billing](../maps/t/bill.md), "  # in the maps' order
            "[Moving &lt;b&gt;house&lt;/b&gt;](../journeys/moving.md)") in page


def test_maps_of_no_journey_have_a_row_of_their_own_on_the_landscape(load: Load) -> None:
    project = load(FILES)
    view = landscape(project, ENGLISH)
    assert [row.node.id for row in view.rows] == ["moving", "switching"]
    assert {key: (c.scores, list(c.maps)) for key, c in view.no_journey.items()} == {
        "support": ([1], ["maps/t/bill.md"])}
    grid = render_landscape(project).split("## The phases")[0]  # not the phases' table
    rows = [line for line in grid.splitlines() if line.startswith("|")]
    assert rows[-1].startswith("| _No journey_ | ")
    assert "[Billing](maps/t/bill.md)" in rows[-1] and "Billing" not in "".join(rows[:-1])
    # the weakest phase counts every map, and now the table shows each of them
    assert view.weakest is not None and view.weakest.key == "support"


def test_no_row_of_no_journey_when_every_map_has_one(load: Load) -> None:
    project = load({k: v for k, v in FILES.items() if k != "maps/t/bill.md"})
    assert landscape(project, ENGLISH).no_journey == {}
    assert "No journey" not in render_landscape(project)
