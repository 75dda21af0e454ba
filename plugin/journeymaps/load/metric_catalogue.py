"""Reading the metric catalogue, ``maps/metrics.yml``: one definition per metric id."""

from __future__ import annotations

from pathlib import Path

from ..model.metric import CATALOGUE_FILE, CATALOGUE_RECORD, Metric, MetricCatalogue
from ..model.problem import Problem
from .files import display_path
from .frontmatter import read_yaml


def load_catalogue(maps_dir: Path, root: Path) -> tuple[dict[str, Metric], list[Problem]]:
    """The catalogue's metrics by id and its problems; empty without the file."""
    path = maps_dir / CATALOGUE_FILE
    if not path.is_file():
        return {}, []
    source = read_yaml(path, display_path(path, root))
    catalogue = (CATALOGUE_RECORD.check(source.data, (), source)
                 if source.data is not None else None) or MetricCatalogue()
    raw = (source.data or {}).get("metrics")
    # the list's positions of the metrics that were mappings: the others were dropped
    positions = [i for i, item in enumerate(raw) if isinstance(item, dict)] if isinstance(
        raw, list) else []
    metrics: dict[str, Metric] = {}
    first_at: dict[str, int] = {}
    for i, metric in zip(positions, catalogue.metrics, strict=False):
        if not metric.id or not metric.name:  # already a problem: a metric needs both
            continue
        if metric.id in metrics:
            first_line = source.line_of(("metrics", first_at[metric.id], "id"))
            source.problem(("metrics", i, "id"), f"duplicate metric id '{metric.id}' (first at "
                                                 f"line {first_line}); give each metric its own")
            continue
        metrics[metric.id], first_at[metric.id] = metric, i
    return metrics, source.problems
