"""Journey pages (``journeys/<journey>.md``): the journey's title, description, owner,
place in the hierarchy and body, and the personas who walk it side by side, phase by
phase (stage by stage without a lifecycle), with their emotion curves; and the index
of journeys as their hierarchy (``journeys/index.md``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..analysis.channels import channel_ref
from ..analysis.journeys import JourneyNode, ancestors, journey_tree
from ..analysis.phases import Column, by_phase, column_of, columns
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from ..safety.text import cell, dotted, inline, plain
from . import site_layout
from .emotion_curve import Curve, emotion_chart
from .links import journey_link, map_link, persona_links
from .markdown import author_body
from .report import NONE, heat, join_items, render_page, table


@dataclass
class View:
    """One map of the journey: a persona's (or several's) way through it."""

    journey_map: JourneyMap
    label: str  # plain text, for the chart
    header: str  # Markdown, for the table
    stages: dict[str, list[Stage]]  # by column key

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
            by_key[column_of(project, stage)].append(stage)
        target = site_layout.link(page, site_layout.map_page(journey_map))
        header = dotted(persona_links(page, personas) or cell(journey_map.title),
                        f"[{labels.state(journey_map.state_or_default)}]({target})")
        label = f"{names} ({labels.state('future')})" if future else names
        views.append(View(journey_map, label, header, dict(by_key)))
    return views


def render_journey_comparison(journey: str, project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.journey_page(journey)
    title = project.journey_title(journey)
    maps = project.maps_by_journey.get(journey, [])
    views = _views(maps, project, page, labels)
    axis = columns(project, maps, labels)
    parts = [_about(journey, project, page, labels), _children(journey, project, page, labels)]
    if views:
        curves = [Curve(v.label, [v.feeling(c.key) for c in axis]) for v in views]
        heading = "journey.by_phase" if by_phase(project) else "journey.by_stage"
        parts += [
            labels.count("journey.intro", len(views), journey=inline(title)),
            "\n".join("- " + dotted(map_link(page, v.journey_map),
                                    persona_links(page, project.personas_of(v.journey_map)),
                                    labels.state(v.journey_map.state_or_default),
                                    cell(v.journey_map.owner))
                      for v in views),
            f"## {labels['journey.curves']}",
            emotion_chart([c.name for c in axis], curves,
                          labels("journey.caption", journey=plain(title))),
            _parting(axis, curves, labels),
            f"## {labels[heading]}",
            _table(axis, views, project, labels),
        ]
    definition = project.journeys.get(journey)
    if definition is not None and definition.body.strip():
        parts.append(author_body(definition.body))  # last: see sanitize.clean_page
    return render_page(title, parts, wide=True)


def _about(journey: str, project: Project, page: str, labels: Labels) -> str:
    """Description, owner and the wider journeys this one is part of."""
    definition = project.journeys.get(journey)
    if definition is None:
        return ""
    wider = " › ".join(_journey_link(page, j, project) for j in ancestors(project, journey))
    lines = [f"_{inline(definition.description)}_" if definition.description else "",
             "\n".join(f"- **{label}:** {value}" for label, value in (
                 (labels["journey.part_of"], wider),
                 (labels["journey.owner"], inline(definition.owner)),
             ) if value)]
    return "\n\n".join(line for line in lines if line)


def _children(journey: str, project: Project, page: str, labels: Labels) -> str:
    tree = journey_tree(project, labels.sort_key)
    node = next((n for n in tree if n.id == journey), None)
    if node is None or not node.children:
        return ""
    lines = [f"## {labels['journey.children']}", ""]
    lines += ["- " + _summary(n, project, page, labels)
              for n in tree if n.id in node.children]
    return "\n".join(lines)


def _summary(node: JourneyNode, project: Project, page: str, labels: Labels) -> str:
    """A journey in a list: its link, its maps' count and feeling, its owner."""
    maps = project.maps_by_journey.get(node.id, [])
    scores = [s for m in maps for s in m.scores]
    definition = project.journeys.get(node.id)
    return dotted(_journey_link(page, node.id, project),
                  labels.count("count.map", len(maps)) if maps else "",
                  heat(sum(scores) / len(scores), labels=labels) if scores else "",
                  cell(definition.owner) if definition else "")


def _journey_link(page: str, journey: str, project: Project) -> str:
    return journey_link(page, journey, project.journey_title(journey))


def _spread(points: list[float | None]) -> float | None:
    scored = [p for p in points if p is not None]
    return max(scored) - min(scored) if len(scored) > 1 else None


def _parting(axis: list[Column], curves: list[Curve], labels: Labels) -> str:
    """The stage where the views differ most: where one persona is lost."""
    spreads = [(_spread([c.points[i] for c in curves]), i) for i in range(len(axis))]
    widest = max(((s, i) for s, i in spreads if s), default=None, key=lambda x: x[0])
    if widest is None:
        return ""
    spread, i = widest
    feelings = ", ".join(f"{inline(c.label)} {labels.number(c.points[i], 1, fixed=True)}"
                         for c in curves if c.points[i] is not None)
    return labels("journey.parting", stage=inline(axis[i].name),
                  spread=labels.number(spread, 1, fixed=True), feelings=feelings)


def _table(axis: list[Column], views: list[View], project: Project, labels: Labels) -> str:
    named = by_phase(project)  # a phase's cell names the map's stages it holds (_cell)
    rows = []
    for n, column in enumerate(axis, 1):
        spread = _spread([v.feeling(column.key) for v in views])
        rows.append([f"**{n}. {cell(column.name)}**",
                     *(_cell(v, column.key, project, labels) for v in views),
                     labels.number(spread, 1, fixed=True) if spread is not None else NONE])
    first = labels["column.phase"] if named else labels["column.stage"]
    return table([first, *(v.header for v in views), labels["column.spread"]], rows)


def _cell(view: View, key: str, project: Project, labels: Labels) -> str:
    stages = view.stages.get(key)
    if not stages:
        return NONE
    named = by_phase(project)
    items = [f"_{cell(stage.name)}_" for stage in stages if named and stage.name]
    items += [dotted(f"**{cell(tp.name)}**",
                     tp.channel and f"_{cell(channel_ref(project, tp.channel).name)}_",
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
    tree = journey_tree(project, labels.sort_key)
    if not tree:
        return render_page(title, [labels["journeys.empty"]])
    parts = [labels["journeys.intro"]]
    if any(node.depth for node in tree):  # a hierarchy: the tree, then the sortable table
        parts.append("\n".join("    " * node.depth + "- " + _summary(node, project, page, labels)
                               for node in tree))
    rows = []
    for node in tree:
        maps = project.maps_by_journey.get(node.id, [])
        personas = {p.id: p for m in maps for p in project.personas_of(m)}
        scores = [s for m in maps for s in m.scores]
        rows.append([_journey_link(page, node.id, project), str(len(maps)),
                     persona_links(page, list(personas.values())) or NONE,
                     heat(sum(scores) / len(scores) if scores else None, labels=labels)])
    header = [labels["column." + key] for key in ("journey", "maps", "personas", "feeling")]
    parts.append(table(header, rows, sortable=True))
    return render_page(title, parts)
