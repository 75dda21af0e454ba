"""Journey pages (``journeys/<journey>.md``): the journey's title, description, owner,
place in the hierarchy and body, and the personas who walk it side by side, phase by
phase (stage by stage without a lifecycle), with their emotion curves; and the index
of journeys as their hierarchy (``journeys/index.md``).
"""

from __future__ import annotations

from ..analysis.channels import channel_ref
from ..analysis.comparison import Comparison, Walk, comparison
from ..analysis.journeys import JourneyNode, ancestors, journey_tree
from ..analysis.phases import by_phase
from ..language.labels import ENGLISH, Labels
from ..model.project import Project
from ..safety.text import cell, dotted, inline, plain
from . import site_layout
from .emotion_curve import Curve, emotion_chart
from .links import journey_link, map_link, persona_links
from .markdown import author_body
from .report import NONE, heat, join_items, render_page, table


def render_journey_comparison(journey: str, project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.journey_page(journey)
    title = project.journey_title(journey)
    compared = comparison(journey, project, labels)
    parts = [_about(journey, project, page, labels), _children(journey, project, page, labels)]
    if compared.walks:
        curves = [Curve(_label(walk, labels), compared.feelings(walk)) for walk in compared.walks]
        heading = "journey.by_phase" if by_phase(project) else "journey.by_stage"
        parts += [
            labels.count("journey.intro", len(compared.walks), journey=inline(title)),
            "\n".join("- " + dotted(map_link(page, w.journey_map), persona_links(page, w.personas),
                                    labels.state(w.journey_map.state_or_default),
                                    cell(w.journey_map.owner))
                      for w in compared.walks),
            f"## {labels['journey.curves']}",
            emotion_chart([c.name for c in compared.axis], curves,
                          labels("journey.caption", journey=plain(title))),
            _parting(compared, curves, labels),
            f"## {labels[heading]}",
            _table(compared, project, page, labels),
        ]
    definition = project.journeys.get(journey)
    if definition is not None and definition.body.strip():
        parts.append(author_body(definition.body))  # last: see sanitize.clean_page
    return render_page(title, parts, wide=True)


def _label(walk: Walk, labels: Labels) -> str:
    """The walk's name on the chart, plain text: its personas (the map's title without)."""
    names = ", ".join(plain(p.display_name) for p in walk.personas) or plain(
        walk.journey_map.title)
    return f"{names} ({labels.state('future')})" if walk.future else names


def _header(walk: Walk, page: str, labels: Labels) -> str:
    """The walk's column heading: its personas (or title), and its map named by state."""
    target = site_layout.link(page, site_layout.map_page(walk.journey_map))
    return dotted(persona_links(page, walk.personas) or cell(walk.journey_map.title),
                  f"[{labels.state(walk.journey_map.state_or_default)}]({target})")


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


def _parting(compared: Comparison, curves: list[Curve], labels: Labels) -> str:
    """The column where the walks differ most: where one persona is lost."""
    found = compared.parting()
    if found is None:
        return ""
    i, spread = found
    feelings = ", ".join(f"{inline(c.label)} {labels.number(c.points[i], 1, fixed=True)}"
                         for c in curves if c.points[i] is not None)
    return labels("journey.parting", stage=inline(compared.axis[i].name),
                  spread=labels.number(spread, 1, fixed=True), feelings=feelings)


def _table(compared: Comparison, project: Project, page: str, labels: Labels) -> str:
    rows = []
    for n, column in enumerate(compared.axis, 1):
        spread = compared.spread(n - 1)
        rows.append([f"**{n}. {cell(column.name)}**",
                     *(_cell(w, column.key, project, labels) for w in compared.walks),
                     labels.number(spread, 1, fixed=True) if spread is not None else NONE])
    first = labels["column.phase"] if by_phase(project) else labels["column.stage"]
    header = [first, *(_header(w, page, labels) for w in compared.walks),
              labels["column.spread"]]
    return table(header, rows)


def _cell(walk: Walk, key: str, project: Project, labels: Labels) -> str:
    stages = walk.stages.get(key)
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
