"""Journey comparison (``journeys/<journey>.md``): the personas who walk one
journey side by side, stage by stage, with their emotion curves; and the
index of journeys (``journeys/index.md``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import site_layout
from .emotion_curve import Curve, emotion_chart
from .journey_map import JourneyMap
from .map_page import join_items
from .project import Project
from .report import (
    NONE,
    heat,
    journey_link,
    map_link,
    persona_links,
    plural,
    render_page,
    stage_axis,
    stage_key,
    table,
)
from .stage import Stage
from .text import cell, dotted, inline, plain

INDEX_TITLE = "Journeys"


@dataclass
class View:
    """One map of the journey: a persona's (or several's) way through it."""

    journey_map: JourneyMap
    label: str  # plain text, for the chart
    header: str  # Markdown, for the table
    stages: dict[str, list[Stage]]  # by stage key

    def feeling(self, key: str) -> float | None:
        scores = [s for stage in self.stages.get(key, []) for s in stage.scores]
        return sum(scores) / len(scores) if scores else None


def _views(maps: list[JourneyMap], project: Project, page: str) -> list[View]:
    views = []
    ordered = sorted(maps, key=lambda m: (m.state_or_default != "current", m.title.casefold()))
    for journey_map in ordered:
        personas = project.personas_of(journey_map)
        names = ", ".join(plain(p.display_name) for p in personas) or plain(journey_map.title)
        future = journey_map.state_or_default == "future"
        by_key: dict[str, list[Stage]] = defaultdict(list)
        for stage in journey_map.stages:
            by_key[stage_key(stage.name or "")].append(stage)
        target = site_layout.link(page, site_layout.map_page(journey_map))
        header = dotted(persona_links(page, personas) or cell(journey_map.title),
                        f"[{journey_map.state_label}]({target})")
        views.append(View(journey_map, names + (" (to-be)" if future else ""), header,
                          dict(by_key)))
    return views


def render_journey_comparison(journey: str, project: Project) -> str:
    page = site_layout.journey_page(journey)
    maps = project.maps_by_journey.get(journey, [])
    views = _views(maps, project, page)
    axis = stage_axis(maps)
    curves = [Curve(v.label, [v.feeling(key) for key, _ in axis]) for v in views]
    parts = [
        f"{plural(len(views), 'map')} of the journey **{inline(journey)}**, side by side: "
        "each column is one map, seen through its personas' eyes. Scores run from 1 "
        "(very negative) to 5 (very positive).",
        "\n".join("- " + dotted(map_link(page, v.journey_map),
                                persona_links(page, project.personas_of(v.journey_map)),
                                v.journey_map.state_label, cell(v.journey_map.owner))
                  for v in views),
        "## Emotion curves",
        emotion_chart([name for _, name in axis], curves,
                      f"Emotion curves of the journey {plain(journey)}"),
        _parting(axis, curves),
        "## Stage by stage",
        _table(axis, views),
    ]
    return render_page(journey, parts, wide=True)


def _spread(points: list[float | None]) -> float | None:
    scored = [p for p in points if p is not None]
    return max(scored) - min(scored) if len(scored) > 1 else None


def _parting(axis: list[tuple[str, str]], curves: list[Curve]) -> str:
    """The stage where the views differ most: where one persona is lost."""
    spreads = [(_spread([c.points[i] for c in curves]), i) for i in range(len(axis))]
    widest = max(((s, i) for s, i in spreads if s), default=None, key=lambda x: x[0])
    if widest is None:
        return ""
    spread, i = widest
    feelings = ", ".join(f"{inline(c.label)} {c.points[i]:.1f}"
                         for c in curves if c.points[i] is not None)
    return (f"The views part most at **{inline(axis[i][1])}** "
            f"(a spread of {spread:.1f} points: {feelings}).")


def _table(axis: list[tuple[str, str]], views: list[View]) -> str:
    rows = []
    for n, (key, name) in enumerate(axis, 1):
        spread = _spread([v.feeling(key) for v in views])
        rows.append([f"**{n}. {cell(name)}**", *(_cell(v, key) for v in views),
                     f"{spread:.1f}" if spread is not None else NONE])
    return table(["Stage", *(v.header for v in views), "Spread"], rows)


def _cell(view: View, key: str) -> str:
    stages = view.stages.get(key)
    if not stages:
        return NONE
    items = [dotted(f"**{cell(tp.name)}**", tp.channel and f"_{cell(tp.channel)}_",
                    heat(tp.score, str(tp.score)) if tp.score is not None else "")
             for stage in stages for tp in stage.touchpoints]
    emotions = [cell(e) for stage in stages for e in stage.emotions]
    pains = [cell(p) for stage in stages for p in stage.pain_points]
    if emotions:
        items.append("Feels " + ", ".join(f"_{e}_" for e in emotions))
    items += [f"Pain: {p}" for p in pains]
    return join_items(items) or NONE


def render_journey_index(project: Project) -> str:
    page = site_layout.JOURNEY_INDEX
    if not project.maps_by_journey:
        return render_page(INDEX_TITLE, [
            "No journey yet: give maps the same `journey:` id to compare them here."])
    rows = []
    for journey in sorted(project.maps_by_journey, key=str.casefold):
        maps = project.maps_by_journey[journey]
        personas = {p.id: p for m in maps for p in project.personas_of(m)}
        scores = [s for m in maps for s in m.scores]
        rows.append([journey_link(page, journey), str(len(maps)),
                     persona_links(page, list(personas.values())) or NONE,
                     heat(sum(scores) / len(scores) if scores else None)])
    intro = ("Maps that share a `journey:` id show the same journey through different "
             "personas' eyes (or as-is and to-be); each journey's page sets them side by side.")
    return render_page(INDEX_TITLE, [intro, table(["Journey", "Maps", "Personas", "Feeling"],
                                                  rows, sortable=True)])

