"""Journey comparison (``journeys/<journey>.md``): the personas who walk one
journey side by side, stage by stage, with their emotion curves; and the
index of journeys (``journeys/index.md``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..analysis.stages import stage_axis, stage_key
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from ..safety.text import cell, dotted, inline, plain
from . import site_layout
from .emotion_curve import Curve, emotion_chart
from .report import (
    NONE,
    heat,
    join_items,
    journey_link,
    map_link,
    persona_links,
    render_page,
    table,
)


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


def _views(maps: list[JourneyMap], project: Project, page: str, labels: Labels) -> list[View]:
    views = []
    ordered = sorted(maps, key=lambda m: (m.state_or_default != "current",
                                          labels.sort_key(m.title)))
    for journey_map in ordered:
        personas = project.personas_of(journey_map)
        names = ", ".join(plain(p.display_name) for p in personas) or plain(journey_map.title)
        future = journey_map.state_or_default == "future"
        by_key: dict[str, list[Stage]] = defaultdict(list)
        for stage in journey_map.stages:
            by_key[stage_key(stage.name or "")].append(stage)
        target = site_layout.link(page, site_layout.map_page(journey_map))
        header = dotted(persona_links(page, personas) or cell(journey_map.title),
                        f"[{labels.state(journey_map.state_or_default)}]({target})")
        label = f"{names} ({labels.state('future')})" if future else names
        views.append(View(journey_map, label, header, dict(by_key)))
    return views


def render_journey_comparison(journey: str, project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.journey_page(journey)
    maps = project.maps_by_journey.get(journey, [])
    views = _views(maps, project, page, labels)
    axis = stage_axis(maps)
    curves = [Curve(v.label, [v.feeling(key) for key, _ in axis]) for v in views]
    parts = [
        labels.count("journey.intro", len(views), journey=inline(journey)),
        "\n".join("- " + dotted(map_link(page, v.journey_map),
                                persona_links(page, project.personas_of(v.journey_map)),
                                labels.state(v.journey_map.state_or_default),
                                cell(v.journey_map.owner))
                  for v in views),
        f"## {labels['journey.curves']}",
        emotion_chart([name for _, name in axis], curves,
                      labels("journey.caption", journey=plain(journey))),
        _parting(axis, curves, labels),
        f"## {labels['journey.by_stage']}",
        _table(axis, views, labels),
    ]
    return render_page(journey, parts, wide=True)


def _spread(points: list[float | None]) -> float | None:
    scored = [p for p in points if p is not None]
    return max(scored) - min(scored) if len(scored) > 1 else None


def _parting(axis: list[tuple[str, str]], curves: list[Curve], labels: Labels) -> str:
    """The stage where the views differ most: where one persona is lost."""
    spreads = [(_spread([c.points[i] for c in curves]), i) for i in range(len(axis))]
    widest = max(((s, i) for s, i in spreads if s), default=None, key=lambda x: x[0])
    if widest is None:
        return ""
    spread, i = widest
    feelings = ", ".join(f"{inline(c.label)} {c.points[i]:.1f}"
                         for c in curves if c.points[i] is not None)
    return labels("journey.parting", stage=inline(axis[i][1]), spread=f"{spread:.1f}",
                  feelings=feelings)


def _table(axis: list[tuple[str, str]], views: list[View], labels: Labels) -> str:
    rows = []
    for n, (key, name) in enumerate(axis, 1):
        spread = _spread([v.feeling(key) for v in views])
        rows.append([f"**{n}. {cell(name)}**", *(_cell(v, key, labels) for v in views),
                     f"{spread:.1f}" if spread is not None else NONE])
    return table([labels["column.stage"], *(v.header for v in views), labels["column.spread"]],
                 rows)


def _cell(view: View, key: str, labels: Labels) -> str:
    stages = view.stages.get(key)
    if not stages:
        return NONE
    items = [dotted(f"**{cell(tp.name)}**", tp.channel and f"_{cell(tp.channel)}_",
                    heat(tp.score, str(tp.score)) if tp.score is not None else "")
             for stage in stages for tp in stage.touchpoints]
    emotions = [cell(e) for stage in stages for e in stage.emotions]
    pains = [cell(p) for stage in stages for p in stage.pain_points]
    if emotions:
        items.append(labels("journey.feels", emotions=", ".join(f"_{e}_" for e in emotions)))
    items += [labels("journey.pain", pain=p) for p in pains]
    return join_items(items) or NONE


def render_journey_index(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.JOURNEY_INDEX
    title = labels["journeys.title"]
    if not project.maps_by_journey:
        return render_page(title, [labels["journeys.empty"]])
    rows = []
    for journey in sorted(project.maps_by_journey, key=labels.sort_key):
        maps = project.maps_by_journey[journey]
        personas = {p.id: p for m in maps for p in project.personas_of(m)}
        scores = [s for m in maps for s in m.scores]
        rows.append([journey_link(page, journey), str(len(maps)),
                     persona_links(page, list(personas.values())) or NONE,
                     heat(sum(scores) / len(scores) if scores else None)])
    header = [labels["column." + key] for key in ("journey", "maps", "personas", "feeling")]
    return render_page(title, [labels["journeys.intro"], table(header, rows, sortable=True)])

