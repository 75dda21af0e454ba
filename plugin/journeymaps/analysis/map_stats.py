"""Figures about one map that several reports show: feeling, FAQ gaps, staleness.

Each is computed from the map alone (plus the project's answer index), so a
report that shows them for every map stays linear in the number of maps.
"""

from __future__ import annotations

from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.question import Question
from .options import SiteOptions


def average_score(journey_map: JourneyMap) -> float | None:
    """The mean of every touchpoint score of the map."""
    scores = journey_map.scores
    return sum(scores) / len(scores) if scores else None


def open_questions(project: Project, journey_map: JourneyMap) -> list[Question]:
    """The map's questions nothing answers: its FAQ gaps.

    The same rule as the FAQ gap report (``Project.answer_of``), counted per map.
    """
    return [q for stage in journey_map.stages for q in stage.questions
            if project.answer_of(q) is None]


def days_since_review(journey_map: JourneyMap, options: SiteOptions) -> int | None:
    """Days since the last review; None when the map was never reviewed."""
    if journey_map.reviewed is None:
        return None
    return (options.today - journey_map.reviewed).days


def is_stale(journey_map: JourneyMap, options: SiteOptions) -> bool:
    """Never reviewed, or not within ``stale_after_days``."""
    days = days_since_review(journey_map, options)
    return days is None or days > options.stale_after_days
