"""The emotion curve of one map, drawn as a lane of its journey grid.

The curve spans the grid's stage columns, which are all as wide: stage ``i`` owns
the slot ``[i * SLOT, (i + 1) * SLOT)`` of the drawing, so a point in a slot sits
under its stage's column whatever the width the browser gives the table. Each
touchpoint is a point within its stage's slot, in the order the map lists them;
the expected scores are a second line; another state of the same journey (the
to-be map of an as-is one, or the other way round) is a third, by stage.

Geometry (``lines_of``) is plain data, so tests read it without parsing SVG;
``curve_svg`` draws it for the page (colours from the site's stylesheet, classes
``jm-line-*``) and ``standalone_svg`` for the file a reader downloads (its own
styles, as it is seen without the site).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.stage import Stage

SLOT = 200  # the width of a stage's slot, in drawing units
TOP, PLOT, BOTTOM = 14, 120, 14  # margins and plot height, in drawing units
LOWEST, HIGHEST = 1, 5
HEIGHT = TOP + PLOT + BOTTOM
#: The kinds of line, drawn in this order (the felt one last: on top).
OTHER, EXPECTED, FELT = "other", "expected", "felt"


@dataclass(frozen=True)
class Point:
    """A scored moment: where it is drawn, its score, its stage and what it is."""

    x: float
    y: float
    score: float
    stage: int
    label: str


@dataclass(frozen=True)
class Line:
    """One line of the curve: its kind, its name and its points, left to right."""

    kind: str
    name: str
    points: tuple[Point, ...]


def y_of(score: float) -> float:
    """The height of a score: 5 at the top of the plot, 1 at its bottom."""
    return TOP + (HIGHEST - score) / (HIGHEST - LOWEST) * PLOT


def width_of(stages: int) -> int:
    return SLOT * max(stages, 1)



def _touchpoint_points(stages: list[Stage], expected: bool) -> tuple[Point, ...]:
    """A point per scored touchpoint (or per expected score), spread evenly within the
    stage's slot."""
    points = []
    for i, stage in enumerate(stages):
        scored = [tp for tp in stage.touchpoints if tp.score is not None]
        for j, tp in enumerate(scored):
            score = tp.expected if expected else tp.score
            if score is not None:
                x = SLOT * (i + (j + 0.5) / len(scored))
                points.append(Point(x, y_of(score), score, i, tp.name or ""))
    return tuple(points)


def _stage_points(stages: list[Stage], other: JourneyMap) -> tuple[Point, ...]:
    """The other map's average feeling per stage, in the slot of the stage of the same
    name (ignoring case); by position when no name matches and the counts are equal."""
    names = {_key(s): i for i, s in enumerate(stages) if s.name}
    slots = [names.get(_key(s)) if s.name else None for s in other.stages]
    if all(slot is None for slot in slots) and len(other.stages) == len(stages):
        slots = list(range(len(stages)))
    points = []
    for slot, stage in zip(slots, other.stages, strict=True):
        average = stage.average_score
        if slot is not None and average is not None:
            points.append(Point(SLOT * (slot + 0.5), y_of(average), round(average, 1), slot,
                                stage.name or ""))
    return tuple(sorted(points, key=lambda p: p.x))


def _key(stage: Stage) -> str:
    return " ".join((stage.name or "").split()).casefold()


def lines_of(journey_map: JourneyMap, names: dict[str, str],
             others: Sequence[tuple[str, JourneyMap]] = ()) -> list[Line]:
    """The lines of a map's curve, in drawing order; a line without points is left out.

    ``names`` names the felt and expected lines (keys ``felt``, ``expected``);
    ``others`` are (name, map) of the other states of the same journey and persona.
    """
    lines = [Line(OTHER, name, _stage_points(journey_map.stages, other))
             for name, other in others]
    lines.append(Line(EXPECTED, names[EXPECTED], _touchpoint_points(journey_map.stages, True)))
    lines.append(Line(FELT, names[FELT], _touchpoint_points(journey_map.stages, False)))
    return [line for line in lines if line.points]


def summary(lines: list[Line], stage_names: list[str], labels: Labels = ENGLISH) -> str:
    """The curve in words, for its text alternative: each line, its scores by stage."""
    parts = []
    for line in reversed(lines):  # the felt line first
        by_stage: dict[int, list[str]] = {}
        for point in line.points:
            by_stage.setdefault(point.stage, []).append(labels.number(point.score, 1))
        stages = "; ".join(f"{stage_names[i]} {', '.join(scores)}"
                           for i, scores in by_stage.items())
        parts.append(f"{line.name}: {stages}")
    return ". ".join(parts)


def _shapes(lines: list[Line], stages: int, labels: Labels) -> list[str]:
    width = width_of(stages)
    parts = []
    for score in range(LOWEST, HIGHEST + 1):
        y = y_of(score)
        parts.append(f'<line class="jm-rule" x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="jm-scale" x="4" y="{y - 3:.1f}">{score}</text>')
    for i in range(1, stages):  # the columns' borders, so the slots read as the grid's
        parts.append(f'<line class="jm-rule" x1="{SLOT * i}" x2="{SLOT * i}" y1="0" '
                     f'y2="{HEIGHT}"/>')
    for k, line in enumerate(lines):
        kind = f"jm-line-{line.kind}" + (f" jm-line-{k}" if line.kind == OTHER else "")
        coords = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in line.points)
        parts.append(f'<g class="jm-line {kind}">')
        parts.append(f'<polyline points="{coords}"/>')
        name = html.escape(line.name)
        for p in line.points:
            title = f"<title>{name} · {html.escape(p.label)}: {labels.number(p.score, 1)}</title>"
            parts.append(f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="5">{title}</circle>')
        parts.append("</g>")
    return parts


def curve_svg(lines: list[Line], stages: int, summary_text: str,
              labels: Labels = ENGLISH) -> str:
    """The curve for the grid's curve lane: as wide as its cell, as tall as in proportion."""
    width = width_of(stages)
    return (f'<svg class="jm-journey-curve" viewBox="0 0 {width} {HEIGHT}" role="img" '
            f'aria-label="{html.escape(summary_text)}">'
            + "".join(_shapes(lines, stages, labels)) + "</svg>")


#: The standalone file's look: the site's light palette, dashes as in the page.
_STANDALONE_STYLE = (
    "svg{font-family:system-ui,sans-serif;background:#fff}"
    ".jm-rule{stroke:#000;stroke-opacity:.15}.jm-scale{font-size:12px;fill:#555}"
    ".jm-line polyline{fill:none;stroke-width:3}"
    ".jm-line-felt polyline{stroke:#3949ab}.jm-line-felt circle{fill:#3949ab}"
    ".jm-line-expected polyline{stroke:#6d4c41;stroke-dasharray:8 5}"
    ".jm-line-expected circle{fill:#6d4c41}"
    ".jm-line-other polyline{stroke:#00897b;stroke-dasharray:2 4}"
    ".jm-line-other circle{fill:#00897b}"
    ".jm-stage{font-size:14px;fill:#222}.jm-legend{font-size:14px}"
    "text.jm-line-felt{fill:#3949ab}text.jm-line-expected{fill:#6d4c41}"
    "text.jm-line-other{fill:#00897b}"
)
LEGEND = 26  # the height of the standalone file's stage names and of its legend


def standalone_svg(title: str, stage_names: list[str], lines: list[Line],
                   summary_text: str, labels: Labels = ENGLISH) -> str:
    """The curve as an SVG file of its own: title, stage names, curve and legend."""
    stages = len(stage_names)
    width, height = width_of(stages), HEIGHT + 2 * LEGEND
    names = "".join(
        f'<text class="jm-stage" x="{SLOT * (i + 0.5)}" y="{LEGEND - 8}" '
        f'text-anchor="middle">{html.escape(name)}</text>'
        for i, name in enumerate(stage_names))
    legend = "".join(
        f'<text class="jm-legend jm-line-{line.kind}" x="{8 + 240 * k}" '
        f'y="{HEIGHT + 2 * LEGEND - 8}">'
        f"{'—' if line.kind == FELT else '- -'} {html.escape(line.name)}</text>"
        for k, line in enumerate(reversed(lines)))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(summary_text)}">'
        f"<title>{html.escape(title)}</title><desc>{html.escape(summary_text)}</desc>"
        f"<style>{_STANDALONE_STYLE}</style>{names}{legend}"
        f'<g transform="translate(0 {LEGEND})">'
        + "".join(_shapes(lines, stages, labels)) + "</g></svg>\n")
