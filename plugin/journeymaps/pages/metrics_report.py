"""The metrics report (``metrics.md``): per catalogue metric, every map and stage that
measures it, the current value, the target and the trend, worst first."""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.metrics import MeasuredAt, metric_report
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.metric import Metric
from ..model.project import Project
from ..safety.text import cell, code, dotted
from . import site_layout
from .links import map_anchor
from .measures import provenance, stage_text, target_text, trend, value_text, verdict
from .report import NONE, facets, filter_bar, folder_facet, html_table, render_page, sort_as

HEADER = ["map", "stage", "latest", "target", "trend", "source"]
#: The page's filters: a facet of each row, by the column label that names it.
FILTERS = {"folder": "folder", "persona": "personas", "journey": "journey", "owner": "owner"}


def render_metrics_report(project: Project, labels: Labels = ENGLISH) -> str:
    title = labels["metrics.title"]
    if not project.metrics:
        return render_page(title, [labels["metrics.empty"]])
    report = metric_report(project)
    parts = [labels["metrics.intro"], filter_bar(
        {facet: labels["column." + column] for facet, column in FILTERS.items()}, labels)]
    tag = _facets(project, labels)
    for metric_id, metric in project.metrics.items():
        parts.append(_section(metric, report[metric_id], labels, tag))
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


def _section(metric: Metric, rows: list[MeasuredAt], labels: Labels,
             tag: Callable[[JourneyMap], str]) -> str:
    target = target_text(metric, labels)
    about = dotted(code(metric.id), target and labels("measure.target", target=target),
                   labels["measure." + (metric.better or "higher")])
    heading = f"## {cell(metric.name)} {{ #metric-{metric.id} }}"
    if not rows:
        return f"{heading}\n\n{about}\n\n{labels['metrics.unmeasured']}"
    about = dotted(about, _summary(rows, labels))
    body = html_table([labels["column." + key] for key in HEADER],
                      [_row(i, row, labels, tag) for i, row in enumerate(rows)], sortable=True)
    return f"{heading}\n\n{about}\n\n{body}"


def _row(rank: int, row: MeasuredAt, labels: Labels,
         tag: Callable[[JourneyMap], str]) -> list[str]:
    measured = row.measured
    return [
        tag(row.journey_map) + map_anchor(site_layout.METRICS, row.journey_map),
        stage_text(row.stage, labels),
        # sorted by its rank: the browser sorts the column worst first, as the page does
        sort_as(f"{rank:06d}", dotted(value_text(measured, labels),
                                      verdict(measured, labels, with_target=False))),
        target_text(measured.metric, labels) or NONE,
        trend(measured, labels) or NONE,
        provenance(measured) or NONE,
    ]


def _summary(rows: list[MeasuredAt], labels: Labels) -> str:
    """How much is measured and how much of it misses: 21 values · 7 maps · ✗ missed 9."""
    met = sum(1 for row in rows if row.measured.target_met is True)
    missed = sum(1 for row in rows if row.measured.target_met is False)
    maps = len({id(row.journey_map) for row in rows})
    return dotted(labels.count("count.value", len(rows)), labels.count("count.map", maps),
                  f"{labels['measure.met']} {met}" if met or missed else "",
                  f"{labels['measure.missed']} {missed}" if met or missed else "")
