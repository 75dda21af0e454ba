"""Metrics as the views show them, as plain data: the current value of each metric at
each stage (the latest date of its CSV series, else the stage's own ``metrics:``), its
trend, and whether it meets the catalogue's target.

Everything here is linear in the number of series and stages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model.journey_map import JourneyMap
from ..model.metric import Metric, Series
from ..model.project import Project
from .fragments import kept_on
from .options import SiteOptions

WHOLE_MAP = ""


@dataclass(frozen=True, slots=True)
class Measured:
    """The current value of one metric at one stage (or of the whole map)."""

    #: the metric's id, or the stage's own name for it when the catalogue has none
    metric_id: str
    metric: Metric | None
    value: float | int | str
    date: dt.date | None = None
    source: str = ""
    #: every value of the series, oldest first (one value: no trend)
    trend: tuple[float, ...] = ()
    #: whether ``value`` meets the target; None without a target or a number
    target_met: bool | None = None
    #: the CSV row it comes from, None for a hand-typed value
    file: str | None = None
    line: int | None = None

    @property
    def name(self) -> str:
        return self.metric.name if self.metric else self.metric_id

    @property
    def from_series(self) -> bool:
        return self.file is not None


def judge(metric: Metric | None, value: float | int | str) -> bool | None:
    """Met (True) or missed (False) against the target, which way ``better`` says."""
    if metric is None or isinstance(value, (str, bool)):
        return None
    return metric.met(value)


def current(series: Series, metric: Metric | None) -> Measured:
    """A series' latest value, judged, with its trend."""
    points = series.points
    latest = points[-1]
    return Measured(series.metric, metric, latest.value, latest.date, latest.source,
                    tuple(p.value for p in points), judge(metric, latest.value),
                    latest.file, latest.line)


@dataclass
class MapMeasures:
    """The current metrics of one map: of the map as a whole, and of each stage."""

    whole: list[Measured] = field(default_factory=list)
    #: by stage position in the map
    stages: list[list[Measured]] = field(default_factory=list)


def map_measures(project: Project, journey_map: JourneyMap) -> MapMeasures:
    """Catalogue metrics first, in the catalogue's order, then the stage's own others;
    a CSV value supersedes the hand-typed value of the same metric. Computed once per
    map and build: the map page, the export and the reports all read it."""
    memo: dict[int, MapMeasures] = project.memo.setdefault("map_measures", {})
    measures = memo.get(id(journey_map))
    if measures is None:
        kept = kept_on(project)  # a preview's: the last build's, for an unchanged map
        if kept is None:
            measures = _map_measures(project, journey_map)
        else:
            key = (journey_map, *project.series_by_map.get(journey_map.slug, ()))
            measures = kept.of("map_measures", key,
                               lambda: _map_measures(project, journey_map))
        memo[id(journey_map)] = measures
    return measures


def _map_measures(project: Project, journey_map: JourneyMap) -> MapMeasures:
    by_stage: dict[str, dict[str, Series]] = {}
    for series in project.series_by_map.get(journey_map.slug, ()):
        if not series.question_key:  # a question's contact count is the FAQ report's
            by_stage.setdefault(series.stage, {})[series.metric] = series
    measures = MapMeasures(whole=_measures(project, {}, by_stage.get(WHOLE_MAP, {})))
    seen: set[str] = set()
    for stage in journey_map.stages:
        # two stages of one name: the rows name the first
        series = by_stage.get(stage.name, {}) if stage.name not in seen else {}
        seen.add(stage.name)
        measures.stages.append(_measures(project, stage.metrics, series))
    return measures


def _measures(project: Project, typed: dict[str, int | float | str],
              series: dict[str, Series]) -> list[Measured]:
    found: dict[str, Measured] = {}
    for metric_id, value in typed.items():
        metric = project.metrics.get(metric_id)
        found[metric_id] = Measured(metric_id, metric, value, target_met=judge(metric, value))
    for metric_id, one in series.items():
        found[metric_id] = current(one, project.metrics.get(metric_id))
    order = {metric_id: i for i, metric_id in enumerate(project.metrics)}
    typed_order = {metric_id: i for i, metric_id in enumerate(typed)}
    return sorted(found.values(), key=lambda m: (
        order.get(m.metric_id, len(order)), typed_order.get(m.metric_id, 0)))


@dataclass(frozen=True)
class MeasuredAt:
    """A current value and where it is measured: a row of the metrics report."""

    measured: Measured
    journey_map: JourneyMap
    stage: str  # '' for the map as a whole


def shortfall(measured: Measured) -> float:
    """How far a value is from its target, on the bad side (0 when met), relative to
    the target so that metrics of different sizes compare; values without a target
    or a number sort last."""
    metric, value = measured.metric, measured.value
    if metric is None or metric.target is None or isinstance(value, str):
        return -1.0
    miss = metric.target - value if metric.higher_is_better else value - metric.target
    return max(miss, 0.0) / (abs(metric.target) or 1.0)


def _worst_first_key(row: MeasuredAt) -> tuple[float, float, str, str]:
    """Missed first, the widest miss first; then met or without target, the worst
    value first (lowest where higher is better)."""
    measured = row.measured
    value = measured.value if not isinstance(measured.value, str) else 0.0
    better_high = measured.metric is None or measured.metric.higher_is_better
    return (-shortfall(measured), value if better_high else -value,
            row.journey_map.title.casefold(), row.stage)


def metric_report(project: Project) -> dict[str, list[MeasuredAt]]:
    """Every catalogue metric (in catalogue order) to where it is measured, worst first."""
    report = project.memo.get("metric_report")
    if report is None:
        report = project.memo["metric_report"] = _metric_report(project)
    return report


#: a row of the report: its metric, where it sorts (``_worst_first_key``), the row
_Ranked = tuple[str, tuple[float, float, str, str], MeasuredAt]


def _metric_report(project: Project) -> dict[str, list[MeasuredAt]]:
    kept = kept_on(project)  # a preview's: an unchanged map's rows are the last build's
    rows: dict[str, list[_Ranked]] = {metric_id: [] for metric_id in project.metrics}
    for journey_map in project.maps:
        if kept is None:
            ranked = _map_rows(project, journey_map)
        else:
            key = (journey_map, *project.series_by_map.get(journey_map.slug, ()))
            ranked = kept.of("metric report rows", key,
                             lambda m=journey_map: _map_rows(project, m))
        for found in ranked:
            if found[0] in rows:
                rows[found[0]].append(found)
    return {metric_id: [row for _, _, row in sorted(found, key=_rank)]
            for metric_id, found in rows.items()}


def _rank(row: _Ranked) -> tuple[float, float, str, str]:
    return row[1]


def _map_rows(project: Project, journey_map: JourneyMap) -> list[_Ranked]:
    """A map's rows of every metric: of the map as a whole, then stage by stage."""
    measures = map_measures(project, journey_map)
    found = [MeasuredAt(measured, journey_map, WHOLE_MAP) for measured in measures.whole]
    for stage, measured_there in zip(journey_map.stages, measures.stages, strict=True):
        found += [MeasuredAt(measured, journey_map, stage.name) for measured in measured_there]
    return [(row.measured.metric_id, _worst_first_key(row), row) for row in found]


def missed_targets(report: dict[str, list[MeasuredAt]]) -> list[MeasuredAt]:
    """Every current value that misses its target, the widest miss first."""
    missed = [row for rows in report.values() for row in rows
              if row.measured.target_met is False]
    return sorted(missed, key=lambda row: -shortfall(row.measured))


def project_misses(project: Project) -> list[MeasuredAt]:
    """``missed_targets`` of the project's report, made once a build: health counts
    them and lists them."""
    missed = project.memo.get("missed_targets")
    if missed is None:
        missed = project.memo["missed_targets"] = missed_targets(metric_report(project))
    return missed


@dataclass(frozen=True)
class MapMisses:
    """A map's current values that miss their targets: a row of map health."""

    journey_map: JourneyMap
    #: every missed value of the map, the widest miss first
    missed: list[MeasuredAt]

    @property
    def by_metric(self) -> list[tuple[str, int]]:
        """Each missed metric's name and how many of the map's values miss it."""
        counts: dict[str, int] = {}
        for row in self.missed:
            counts[row.measured.name] = counts.get(row.measured.name, 0) + 1
        return list(counts.items())


def misses_by_map(missed: list[MeasuredAt]) -> list[MapMisses]:
    """The maps with values that miss their target, the map of the widest miss first:
    health names the maps to act on; the metrics page lists every value."""
    by_map: dict[int, MapMisses] = {}
    for row in missed:
        found = by_map.get(id(row.journey_map))
        if found is None:
            found = by_map[id(row.journey_map)] = MapMisses(row.journey_map, [])
        found.missed.append(row)
    return list(by_map.values())


@dataclass(frozen=True)
class StaleExport:
    """Stale series of one metric from one file and source: what one export refreshes."""

    file: str
    source: str
    metric: str
    series: list[Series]

    @property
    def latest(self) -> dt.date:
        return max(s.latest.date for s in self.series)


def stale_exports(project: Project, options: SiteOptions) -> list[StaleExport]:
    """``stale_series`` grouped by the file, source and metric of their latest values,
    the longest unrefreshed first: one export at 1,000 maps holds thousands of series."""
    groups: dict[tuple[str, str, str], list[Series]] = {}
    for series in stale_series(project, options):
        key = (series.latest.file, series.latest.source, series.metric)
        groups.setdefault(key, []).append(series)
    exports = [StaleExport(file, source, metric, found)
               for (file, source, metric), found in groups.items()]
    return sorted(exports, key=lambda e: (e.latest, e.file, e.source, e.metric))


def stale_series(project: Project, options: SiteOptions) -> list[Series]:
    """Series whose latest value is older than ``stale_after_days``, oldest first."""
    oldest = options.today - dt.timedelta(days=options.stale_after_days)
    memo: dict[dt.date, list[Series]] = project.memo.setdefault("stale_series", {})
    if oldest not in memo:  # health counts them and lists them
        stale = [s for s in project.series.values()  # a question's count is the FAQ's
                 if not s.question_key and s.latest.date < oldest]
        memo[oldest] = sorted(stale, key=lambda s: (s.latest.date, s.map_slug, s.stage,
                                                    s.metric))
    return memo[oldest]


def unfounded_maps(project: Project) -> list[JourneyMap]:
    """Maps that say they rest on assumptions, or that name no evidence at all."""
    return [m for m in project.maps
            if m.confidence == "assumed"
            or not (m.evidence or any(stage.evidence for stage in m.stages))]
