"""The emotion curve lane of a map's journey grid: its geometry, its words, its files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from journeymaps.language.labels import load_labels
from journeymaps.model.journey_map import JourneyMap
from journeymaps.model.stage import Stage
from journeymaps.model.touchpoint import Touchpoint
from journeymaps.pages import journey_curve
from journeymaps.pages.journey_curve import (
    EXPECTED,
    FELT,
    HEIGHT,
    OTHER,
    SLOT,
    curve_svg,
    lines_of,
    standalone_svg,
    summary,
    y_of,
)
from journeymaps.pages.map_page import curve_document, curve_file, render_map_page

NAMES = {FELT: "Felt", EXPECTED: "Expected"}
SVG = "{http://www.w3.org/2000/svg}"


def _map(*stages: Stage, state: str = "current") -> JourneyMap:
    return JourneyMap(title="T", persona=["anna"], journey="j", state=state, stages=list(stages),
                      slug="t/m")


def _stage(name: str, *scores: tuple[int, int | None]) -> Stage:
    return Stage(name=name, touchpoints=[Touchpoint(name=f"{name}{k}", score=s, expected=e)
                                         for k, (s, e) in enumerate(scores)])


AS_IS = _map(_stage("Inquiry", (4, 4), (2, None), (3, 5)), _stage("Wait"),
             _stage("Purchase", (1, 2)))


def test_a_point_per_touchpoint_within_its_stage_column() -> None:
    felt = next(line for line in lines_of(AS_IS, NAMES) if line.kind == FELT)
    # three touchpoints share the first slot evenly; the empty stage has none
    assert [(round(p.x, 6), p.score, p.stage) for p in felt.points] == [
        (round(SLOT / 6, 6), 4, 0), (SLOT / 2, 2, 0), (round(SLOT * 5 / 6, 6), 3, 0),
        (SLOT * 2.5, 1, 2)]
    assert all(p.stage * SLOT <= p.x < (p.stage + 1) * SLOT for p in felt.points)
    assert [p.label for p in felt.points] == ["Inquiry0", "Inquiry1", "Inquiry2", "Purchase0"]


def test_scores_run_from_the_bottom_to_the_top_of_the_plot() -> None:
    assert y_of(5) == journey_curve.TOP
    assert y_of(1) == journey_curve.TOP + journey_curve.PLOT
    assert y_of(1) < HEIGHT
    assert y_of(2) > y_of(3)  # a better feeling is drawn higher


def test_expected_scores_are_a_line_of_their_own_where_given() -> None:
    lines = lines_of(AS_IS, NAMES)
    assert [line.kind for line in lines] == [EXPECTED, FELT]  # the felt line on top
    expected = lines[0]
    assert [(round(p.x, 6), p.score) for p in expected.points] == [
        (round(SLOT / 6, 6), 4), (round(SLOT * 5 / 6, 6), 5), (SLOT * 2.5, 2)]
    assert lines_of(_map(_stage("A", (3, None))), NAMES)[0].kind == FELT  # none: no line


def test_the_other_state_is_overlaid_by_stage_name() -> None:
    to_be = _map(_stage("purchase ", (5, None), (4, None)), _stage("Elsewhere", (3, None)),
                 _stage("Inquiry", (4, None)), state="future")
    other = lines_of(AS_IS, NAMES, [("to-be: T", to_be)])[0]
    assert other.kind == OTHER and other.name == "to-be: T"
    # stage averages, at the middle of the as-is map's column of the same name
    assert [(p.x, p.score) for p in other.points] == [(SLOT / 2, 4), (SLOT * 2.5, 4.5)]
    # no name in common and as many stages: by position
    renamed = _map(_stage("X", (2, None)), _stage("Y", (3, None)), _stage("Z", (4, None)))
    assert [p.x for p in lines_of(AS_IS, NAMES, [("o", renamed)])[0].points] == [
        SLOT / 2, SLOT * 1.5, SLOT * 2.5]


def test_the_curve_in_words_carries_every_score() -> None:
    lines = lines_of(AS_IS, NAMES)
    assert summary(lines, ["Inquiry", "Wait", "Purchase"]) == (
        "Felt: Inquiry 4, 2, 3; Purchase 1. Expected: Inquiry 4, 5; Purchase 2")
    svg = ET.fromstring(curve_svg(lines, 3, "Scores <&> said"))
    assert svg.get("role") == "img" and svg.get("aria-label") == "Scores <&> said"
    assert svg.get("viewBox") == f"0 0 {3 * SLOT} {HEIGHT}"
    circles = svg.findall(".//circle")
    assert len(circles) == 4 + 3
    assert [c.findtext("title") for c in circles][-1] == "Felt · Purchase0: 1"


def test_the_curve_writes_its_scores_as_the_sites_language_does() -> None:
    to_be = _map(_stage("Inquiry", (4, None), (3, None)), state="future")
    other = lines_of(AS_IS, NAMES, [("to-be", to_be)])
    polish = load_labels("pl").labels
    assert "Inquiry 3,5" in summary(other, ["Inquiry", "Wait", "Purchase"], polish)
    assert "Inquiry 3.5" in summary(other, ["Inquiry", "Wait", "Purchase"])
    assert ": 3,5</title>" in curve_svg(other, 3, "", polish)


def test_the_map_page_has_the_curve_as_a_lane_and_a_link_to_its_file(load) -> None:
    from test_pages import FILES

    project = load(FILES)
    moving = next(m for m in project.maps if m.slug == "telecom/moving")
    page = render_map_page(moving, project)
    lane = page[page.index('<tr class="jm-lane-curve">'):]
    lane = lane[:lane.index("</tr>")]
    assert '<th scope="row">Emotion curve</th><td colspan="2"><svg' in lane
    assert 'aria-label="Emotion curve, scores from 1 (very negative) to 5 (very positive). ' \
           'Felt: Inquiry 4' in lane
    assert curve_file(moving) == "maps/telecom/moving.svg"
    assert '<a class="jm-download" href="../moving.svg" download>' in lane
    # the lane follows the touchpoints
    assert page.index('<th scope="row">Touchpoints</th>') < page.index("jm-lane-curve")


def test_the_curve_file_stands_alone_and_keeps_author_text_as_text() -> None:
    hostile = _map(_stage("<script>alert(1)</script>", (2, 3)))
    hostile.title = "</title><script>x</script>"
    lines = lines_of(hostile, NAMES)
    document = standalone_svg(hostile.title, ["<script>alert(1)</script>"], lines, "words")
    root = ET.fromstring(document.split("\n", 1)[1])
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title") == "</title><script>x</script>"
    assert not root.findall(f".//{SVG}script")
    stage_names = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "jm-stage"]
    assert stage_names == ["<script>alert(1)</script>"]


def test_the_curve_file_of_a_map_in_the_project(load) -> None:
    from test_pages import FILES

    project = load(FILES)
    moving = next(m for m in project.maps if m.slug == "telecom/moving")
    root = ET.fromstring(curve_document(moving, project).split("\n", 1)[1])
    assert root.findtext(f"{SVG}title") == "Moving house"
    assert "Felt: Inquiry 4" in (root.findtext(f"{SVG}desc") or "")
