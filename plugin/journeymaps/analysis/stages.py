"""Stages of different maps lined up: by name, in journey order."""

from __future__ import annotations

from ..model.journey_map import JourneyMap
from ..model.stage import Stage


def stage_key(name: str) -> str:
    """Stages of different maps with the same name (any case or spacing) line up."""
    return " ".join(name.casefold().split())


def stage_axis(maps: list[JourneyMap]) -> list[tuple[str, str]]:
    """``(key, name)`` of every stage name of ``maps``, in journey order.

    Maps name and order their stages differently; each name goes where it
    sits on average (its index as a fraction of its map's length), ties kept
    in order of first appearance. One pass over the stages: linear.
    """
    names: dict[str, str] = {}
    where: dict[str, list[float]] = {}
    for journey_map in maps:
        last = max(len(journey_map.stages) - 1, 1)
        for i, stage in enumerate(journey_map.stages):
            key = stage_key(stage.name or "")
            names.setdefault(key, stage.name or "")
            total = where.setdefault(key, [0.0, 0.0])
            total[0] += i / last
            total[1] += 1
    first = {key: n for n, key in enumerate(names)}
    ordered = sorted(names, key=lambda k: (where[k][0] / where[k][1], first[k]))
    return [(key, names[key]) for key in ordered]


def stage_feelings(stages: list[Stage]) -> list[float | None]:
    """The average touchpoint score of each stage (None: no score there): the curve's points."""
    return [stage.average_score for stage in stages]
