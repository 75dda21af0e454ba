"""The project's measured data: the metric catalogue, the CSV series, and the contact
volumes of customer questions that the FAQ gap report ranks by."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model.fields import did_you_mean
from ..model.metric import CONTACTS, Series
from ..model.problem import Problem
from ..model.project import Project
from .cache import FileCache, stamps
from .metric_catalogue import load_catalogue
from .metric_series import Loaded, load_series, series_files, series_inputs


def load_metrics(project: Project, cache: FileCache | None = None) -> None:
    """Fill the project's catalogue, series and contact volumes; problems go with the
    other problems found across files. With a ``cache`` (a live preview's), the CSV
    files are read again only when they, the metric ids or a map's stages changed."""
    project.metrics, problems = load_catalogue(project.maps_dir, project.root)
    maps_dir, root = project.maps_dir, project.root

    def read() -> Loaded:
        return load_series(maps_dir, root, project.maps, project.metrics)

    if cache is None:
        loaded = read()
    else:
        key = (maps_dir, root, stamps(series_files(maps_dir)),
               series_inputs(project.maps, project.metrics))
        loaded = cache.derived("series", key, read)
    project.series = loaded.series
    project.cross_problems += problems + loaded.problems
    by_map: dict[str, list[Series]] = defaultdict(list)
    for series in loaded.series.values():
        series.points.sort()  # by date: a series has one point a date
        if series.map_slug:
            by_map[series.map_slug].append(series)
    project.series_by_map = dict(by_map)
    project.contact_volume = contact_volumes(loaded.series.values())


def contact_volumes(series: Iterable[Series]) -> dict[str, float]:
    """Normalised question text to how often customers ask it: the sum, over every map
    and stage that counts it, of the latest count."""
    volumes: dict[str, float] = defaultdict(float)
    for one in series:
        if one.question_key and one.metric == CONTACTS:
            volumes[one.question_key] += one.latest.value
    return dict(volumes)


def check_contact_questions(project: Project) -> None:
    """A counted question no map asks is a warning: its volume ranks no gap."""
    asked = project.questions.by_key
    texts: list[str] = []
    told: set[str] = set()
    for series in project.series.values():
        if not series.question_key or series.question_key in told or series.question_key in asked:
            continue
        told.add(series.question_key)
        texts = texts or [q.text for q in asked.values()]
        first = min(series.points, key=lambda p: (p.file, p.line))
        hint = did_you_mean(series.question, texts) or (
            "; check its wording against the maps' questions")
        project.cross_problems.append(Problem(
            first.file, first.line, "question",
            f"'{series.question}' matches no question in any map{hint}", "warning"))
