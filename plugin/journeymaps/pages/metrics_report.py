"""The metrics report (``metrics.md``): per catalogue metric, every map and stage that
measures it, the current value, the target and the trend, worst first."""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.fragments import Fragments
from ..analysis.metrics import MeasuredAt, metric_report
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.metric import Metric
from ..model.project import Project
from ..safety.text import cell, code, dotted
from . import site_layout
from .links import map_anchor
from .markdown import latin_1
from .measures import provenance, stage_text, target_text, trend, value_text, verdict
from .report import (
    NONE,
    facets,
    filter_bar,
    folder_facet,
    html_row_around,
    html_table_of,
    render_page,
    sort_as,
)

HEADER = ["map", "stage", "latest", "target", "trend", "source"]
#: The page's filters: a facet of each row, by the column label that names it.
FILTERS = {"folder": "folder", "persona": "personas", "journey": "journey", "owner": "owner"}


#: a row made but for its rank: before the rank's cell, that cell's text, after it
Row = tuple[str, str, str]


def render_metrics_report(project: Project, labels: Labels = ENGLISH,
                          fragments: Fragments | None = None) -> str:
    """With ``fragments`` (a live preview's), a map's rows are the last build's while the
    map and its series are the same objects: at 1,000 maps the page has 21,000 rows."""
    title = labels["metrics.title"]
    if not project.metrics:
        return render_page(title, [labels["metrics.empty"]])
    report = metric_report(project)
    # the page's text in Latin-1, as its rows (``_row``): half the memory
    parts = [latin_1(labels["metrics.intro"]), filter_bar(
        {facet: labels["column." + column] for facet, column in FILTERS.items()}, labels)]
    row = _rows(project, labels, fragments)
    for metric_id, metric in project.metrics.items():
        parts.append(_section(metric, report[metric_id], labels, row))
    return render_page(title, parts, wide=True)


def _facets(project: Project, labels: Labels) -> Callable[[JourneyMap], str]:
    """A row's facets, from its map: made once a map, a map has a row per metric."""
    made: dict[int, str] = {}

    def tag(journey_map: JourneyMap) -> str:
        found = made.get(id(journey_map))
        if found is None:
            found = made[id(journey_map)] = facets(
                folder=folder_facet(journey_map.folder, labels), journey=journey_map.journey,
                persona=[(p.id, p.display_name) for p in project.personas_of(journey_map)],
                owner=journey_map.owner)
        return found
    return tag


def _rows(project: Project, labels: Labels,
          fragments: Fragments | None) -> Callable[[str, MeasuredAt, int], Row]:
    """A row of a metric's table, given its metric id and which of its map's rows of
    that metric and stage it is (a map may have two stages of one name)."""
    tag = _facets(project, labels)
    if fragments is None:
        return lambda metric_id, row, nth: _row(row, labels, tag)

    def kept(metric_id: str, row: MeasuredAt, nth: int) -> Row:
        key = (row.journey_map, *project.series_by_map.get(row.journey_map.slug, ()))
        # a map's rows, filled as its rows come: one look-up of the map a build
        rows = of_map.get(id(row.journey_map))
        if rows is None:
            rows = of_map[id(row.journey_map)] = fragments.of("metrics rows", key, dict)
        made = rows.get((metric_id, row.stage, nth))
        if made is None:
            made = rows[metric_id, row.stage, nth] = _row(row, labels, tag)
        return made
    of_map: dict[int, dict[tuple[str, str, int], Row]] = {}
    return kept


def _section(metric: Metric, rows: list[MeasuredAt], labels: Labels,
             row_of: Callable[[str, MeasuredAt, int], Row]) -> str:
    target = target_text(metric, labels)
    about = dotted(code(metric.id), latin_1(dotted(
        target and labels("measure.target", target=target),
        labels["measure." + (metric.better or "higher")])))
    heading = f"## {cell(metric.name)} {{ #metric-{metric.id} }}"
    if not rows:
        return f"{heading}\n\n{about}\n\n{latin_1(labels['metrics.unmeasured'])}"
    about = dotted(about, latin_1(_summary(rows, labels)))
    seen: dict[tuple[int, str], int] = {}
    made = []
    for rank, row in enumerate(rows):
        where = (id(row.journey_map), row.stage)
        nth = seen[where] = seen.get(where, -1) + 1
        before, value, after = row_of(metric.id, row, nth)
        # sorted by its rank: the browser sorts the column worst first, as the page does
        made.append(f"{before}{sort_as(f'{rank:06d}', value)}{after}")
    body = html_table_of([latin_1(labels["column." + key]) for key in HEADER], made,
                         sortable=True)
    return f"{heading}\n\n{about}\n\n{body}"


def _row(row: MeasuredAt, labels: Labels, tag: Callable[[JourneyMap], str]) -> Row:
    measured = row.measured
    before, after = html_row_around([
        tag(row.journey_map) + map_anchor(site_layout.METRICS, row.journey_map),
        stage_text(row.stage, labels),
        "",  # the rank's cell
        target_text(measured.metric, labels) or NONE,
        trend(measured, labels) or NONE,
        provenance(measured) or NONE,
    ], 2)
    value = dotted(value_text(measured, labels), verdict(measured, labels, with_target=False))
    # Latin-1 here, where a preview keeps the row (the page's 16 MB at 1,000 maps are
    # not read again at every rebuild): the whole page is then Latin-1, ``latin_1``
    return latin_1(before), latin_1(value), latin_1(after)


def _summary(rows: list[MeasuredAt], labels: Labels) -> str:
    """How much is measured and how much of it misses: 21 values · 7 maps · ✗ missed 9."""
    met = sum(1 for row in rows if row.measured.target_met is True)
    missed = sum(1 for row in rows if row.measured.target_met is False)
    maps = len({id(row.journey_map) for row in rows})
    return dotted(labels.count("count.value", len(rows)), labels.count("count.map", maps),
                  f"{labels['measure.met']} {met}" if met or missed else "",
                  f"{labels['measure.missed']} {missed}" if met or missed else "")
