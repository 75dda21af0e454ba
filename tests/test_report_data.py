"""What the catalogue, the FAQ gap report and the KB index say, asserted on the plain data
``analysis/`` returns (how they look is tested on the built site), and figures written as
the site's language writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from journeymaps.analysis.catalogue import catalogue
from journeymaps.analysis.comparison import comparison
from journeymaps.analysis.faq_gaps import counted, gaps_by_folder
from journeymaps.analysis.health import (
    obstacle_clusters,
    personas_without_maps,
    stages_without_touchpoints,
    unowned_maps,
)
from journeymaps.analysis.options import SiteOptions
from journeymaps.language.labels import ENGLISH, load_labels
from journeymaps.model.project import Project
from journeymaps.pages.measures import with_unit
from journeymaps.pages.report import heat

Load = Callable[[dict[str, str]], Project]

PERSONAS = {
    "maps/personas/anna.md": "---\nname: Anna\n---\n",
    "maps/personas/ben.md": "---\nname: Ben\n---\n",
}


def _map(title: str, persona: str, *, reviewed: str = "", scores: tuple[int, ...] = (),
         questions: tuple[str, ...] = ()) -> str:
    touchpoints = "".join(f"      - {{name: T{i}, channel: web, score: {s}}}\n"
                          for i, s in enumerate(scores))
    asked = "".join(f"      - {q}\n" for q in questions)
    return (f"---\ntitle: {title}\npersona: {persona}\n"
            + (f"reviewed: {reviewed}\n" if reviewed else "")
            + "stages:\n  - name: Start\n"
            + (f"    touchpoints:\n{touchpoints}" if touchpoints else "")
            + (f"    questions:\n{asked}" if asked else "")
            + "  - name: End\n---\n")


def test_catalogue_rows_are_data_in_the_catalogue_order(load: Load) -> None:
    project = load({**PERSONAS,
                    "maps/zeta.md": _map("Zeta", "anna", reviewed="2026-11-20", scores=(2, 4),
                                         questions=("Is there parking?",)),
                    "maps/clinic/booking.md": _map("Booking", "ben", scores=(5,)),
                    "maps/clinic/arrival.md": _map("Arrival", "anna", reviewed="2020-01-01")})
    options = SiteOptions(today=dt.date(2026, 12, 1), stale_after_days=180)
    rows = catalogue(project, options)
    assert [r.journey_map.title for r in rows] == ["Zeta", "Arrival", "Booking"]
    assert [r.first_of_folder for r in rows] == [True, True, False]
    zeta, arrival, booking = rows
    assert (zeta.feeling, zeta.stage_feelings, zeta.open_faq_gaps, zeta.stale) == (
        3.0, [3.0, None], 1, False)
    assert [p.id for p in zeta.personas] == ["anna"]
    assert arrival.stale and arrival.reviewed == dt.date(2020, 1, 1) and arrival.feeling is None
    assert booking.stale and booking.reviewed is None and booking.feeling == 5.0


def test_one_folder_has_no_folder_anchors(load: Load) -> None:
    project = load({**PERSONAS, "maps/a.md": _map("A", "anna"), "maps/b.md": _map("B", "ben")})
    assert [r.first_of_folder for r in catalogue(project, SiteOptions())] == [False, False]


def test_gaps_are_grouped_by_the_folder_asking(load: Load) -> None:
    parking, fee = "Is there parking nearby?", "Is there a fee?"
    project = load({**PERSONAS,
                    "maps/clinic/visit.md": _map("Visit", "anna", questions=(parking, fee)),
                    "maps/clinic/booking.md": _map("Booking", "ben", questions=(parking,)),
                    "maps/restaurant/table.md": _map("Table", "ben", questions=(parking,))})
    folders = gaps_by_folder(project, ENGLISH)
    assert list(folders) == ["clinic", "restaurant"]
    clinic = folders["clinic"]
    assert [(g.gap.text, len(g.askers), g.anchored) for g in clinic] == [
        (parking, 2, True), (fee, 1, True)]
    assert [(g.gap.text, g.anchored, g.persona_ids) for g in folders["restaurant"]] == [
        (parking, False, ["ben"])]
    assert clinic[0].persona_ids == ["ben", "anna"]  # in project order: booking, visit
    assert clinic[0].contacts is None
    assert not counted(project)


def test_figures_in_the_sites_language() -> None:
    polish = load_labels("pl").labels
    assert polish.number(3.5, 1, fixed=True) == "3,5"
    assert ENGLISH.number(3.5, 1, fixed=True) == "3.5"
    assert ENGLISH.number(25.0) == "25" and ENGLISH.number(0.125) == "0.12"
    assert with_unit(12.5, "%", polish) == "12,5%"
    assert with_unit(1250, "s", ENGLISH) == "1,250 s"
    assert ">4,0</span>" in heat(4.0, labels=polish) and ">4.0</span>" in heat(4.0)


def test_a_journey_comparison_finds_where_the_ways_part(load: Load) -> None:
    def walk(title: str, persona: str, first: int, second: int, state: str = "") -> str:
        return (f"---\ntitle: {title}\npersona: {persona}\njourney: moving\n"
                + (f"state: {state}\n" if state else "")
                + "stages:\n"
                f"  - name: Inquiry\n    touchpoints:\n      - {{name: Call, score: {first}}}\n"
                f"  - name: Visit\n    touchpoints:\n      - {{name: Engineer, score: {second}}}\n"
                "---\n")
    project = load({**PERSONAS,
                    "maps/a.md": walk("Calls", "anna", 2, 4),
                    "maps/b.md": walk("Ads", "ben", 3, 1),
                    "maps/c.md": walk("Better", "ben", 4, 4, state="future")})
    compared = comparison("moving", project, ENGLISH)
    assert [c.name for c in compared.axis] == ["Inquiry", "Visit"]
    assert [w.journey_map.title for w in compared.walks] == ["Ads", "Calls", "Better"]
    assert [compared.feelings(w) for w in compared.walks] == [[3, 1], [2, 4], [4, 4]]
    assert [compared.spread(i) for i in range(2)] == [2, 3]
    assert compared.parting() == (1, 3) and compared.walks[2].future


def test_map_health_findings_are_data(load: Load) -> None:
    pains = "    pain_points: [Queue, Price, Noise]\n"
    project = load({**PERSONAS, "maps/personas/cleo.md": "---\nname: Cleo\n---\n",
                    "maps/b.md": "---\ntitle: B\npersona: anna\nowner: Digital\nstages:\n"
                                 "  - name: Shop\n" + pains + "  - name: Pay\n"
                                 "    touchpoints: [{name: Till, score: 2}]\n---\n",
                    "maps/a.md": "---\ntitle: A\npersona: ben\nstages:\n  - name: Ask\n"
                                 + pains + "---\n"})
    options = SiteOptions()
    assert [(s.name, m.title) for s, m in obstacle_clusters(project, options)] == [
        ("Ask", "A"), ("Shop", "B")]
    assert [m.title for m in unowned_maps(project, options)] == ["A"]
    assert [p.id for p in personas_without_maps(project, options)] == ["cleo"]
    assert [(s.name, m.title) for s, m in stages_without_touchpoints(project)] == [
        ("Ask", "A"), ("Shop", "B")]


def test_figures_of_any_size_are_written() -> None:
    """Babel rounds in a Decimal context of 28 digits; a value of 1e26 with two decimals
    needs more (found by the fuzzer)."""
    assert ENGLISH.number(1e26) == "100,000,000,000,000,000,000,000,000"
    assert load_labels("pl").labels.number(-1e30, 1, fixed=True).endswith("000,0")
