"""The journey landscape (``lifecycle.md``): every journey, as its hierarchy, against
the phases of the lifecycle. Each cell is how customers feel there across the
journey's maps (and those of the journeys within it): a heat colour and the average,
the pain points and open FAQ gaps, the maps. Above it, the company's weakest phase;
below it, the phases with the stage names the maps give them."""

from __future__ import annotations

from collections import defaultdict

from ..analysis.landscape import Cell, Landscape, Row, landscape
from ..analysis.phases import by_phase, column_of
from ..language.labels import ENGLISH, Labels
from ..model.project import Project
from ..safety.text import cell, inline
from . import site_layout
from .links import journey_link, some_map_links
from .report import LIST_SEPARATOR, NONE, heat, render_page, table

#: Indents a journey within its parent in the table (a non-breaking em space per level).
INDENT = "&emsp;"


def render_landscape(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.LIFECYCLE
    title = labels["lifecycle.title"]
    view = landscape(project, labels)
    if not view.rows and not view.no_journey:
        return render_page(title, [labels["journeys.empty"]])
    parts = [labels["lifecycle.intro"]]
    if not by_phase(project):
        parts.append(labels["lifecycle.no_lifecycle"])
    parts += [_weakest(view, labels), _table(view, project, page, labels)]
    if by_phase(project):
        parts += [f"## {labels['lifecycle.phases']}", _phases(view, project, labels)]
    return render_page(title, parts, wide=True)


def _weakest(view: Landscape, labels: Labels) -> str:
    weakest = view.weakest
    if weakest is None:
        return ""
    total = view.totals[weakest.key]
    return "!!! warning \"" + labels("lifecycle.weakest", phase=_quoted(weakest.name)) + \
        "\"\n\n    " + labels("lifecycle.weakest_detail",
                             feeling=heat(total.average, labels=labels),
                             maps=labels.count("count.map", len(total.maps)),
                             pains=labels.count("lifecycle.pains", total.pain_points),
                             gaps=labels.count("lifecycle.gaps", total.gaps))


def _quoted(name: str) -> str:
    """A phase's name inside an admonition's double-quoted title."""
    return inline(name).replace('"', "&quot;")


def _table(view: Landscape, project: Project, page: str, labels: Labels) -> str:
    header = [labels["column.journey"], *(cell(c.name) for c in view.columns)]
    rows = [[_journey(row, project, page),
             *(_cell(row.cells.get(c.key), page, labels) for c in view.columns)]
            for row in view.rows]
    if view.no_journey:  # the maps of no journey still count: in a row of their own
        rows.append([f"_{cell(labels['lifecycle.no_journey'])}_",
                     *(_cell(view.no_journey.get(c.key), page, labels) for c in view.columns)])
    return table(header, rows)


def _journey(row: Row, project: Project, page: str) -> str:
    link = journey_link(page, row.node.id, row.node.title)
    name = f"**{link}**" if row.node.depth == 0 else link
    return INDENT * row.node.depth + ("↳ " if row.node.depth else "") + name


def _cell(found: Cell | None, page: str, labels: Labels) -> str:
    if found is None or not found.maps:
        return " "
    counts = [labels.count("lifecycle.pains", found.pain_points) if found.pain_points else "",
              labels.count("lifecycle.gaps", found.gaps) if found.gaps else ""]
    maps = list(found.maps.values())
    links = some_map_links(page, maps, labels)
    lines = [heat(found.average, labels=labels), " · ".join(c for c in counts if c), links]
    return LIST_SEPARATOR.join(line for line in lines if line)


def _phases(view: Landscape, project: Project, labels: Labels) -> str:
    """Each phase: what it is, the stage names that belong to it, how it feels."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for journey_map in project.maps:
        for stage in journey_map.stages:
            if stage.name:
                names[column_of(project, stage)].setdefault(stage.name.casefold(), stage.name)
    rows = []
    for column in view.columns:
        total = view.totals.get(column.key, Cell())
        description = column.phase.description if column.phase else ""
        rows.append([f"**{cell(column.name)}**", cell(description) or NONE,
                     ", ".join(cell(n) for n in names[column.key].values()) or NONE,
                     heat(total.average, labels=labels), str(total.pain_points), str(total.gaps),
                     str(len(total.maps))])
    header = [labels["column." + key] for key in ("phase", "description", "stages", "feeling",
                                                 "pain_points", "open_faq_gaps", "maps")]
    return table(header, rows)
