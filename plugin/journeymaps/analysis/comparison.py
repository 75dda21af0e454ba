"""What a journey page compares, as plain data: each map of the journey (a persona's way
through it) lined up on one axis of phases (or stage names), its feeling in each column,
and where the ways part most."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..language.labels import Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..model.stage import Stage
from .phases import Column, column_of, columns


@dataclass(frozen=True)
class Walk:
    """One map of the journey: a persona's (or several's) way through it."""

    journey_map: JourneyMap
    personas: list[Persona]
    stages: dict[str, list[Stage]]  # by column key

    @property
    def future(self) -> bool:
        return self.journey_map.state_or_default == "future"

    def feeling(self, key: str) -> float | None:
        """The mean score of the walk's touchpoints in a column (None: none scored)."""
        scores = [s for stage in self.stages.get(key, []) for s in stage.scores]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Comparison:
    axis: list[Column]
    #: as-is maps first, then by title in the site's order
    walks: list[Walk]

    def feelings(self, walk: Walk) -> list[float | None]:
        """The walk's curve: its feeling in each column of the axis."""
        return [walk.feeling(column.key) for column in self.axis]

    def spread(self, index: int) -> float | None:
        """How far apart the walks feel in a column: best minus worst (None: fewer than
        two scored there)."""
        scored = [f for walk in self.walks if (f := walk.feeling(self.axis[index].key))
                  is not None]
        return max(scored) - min(scored) if len(scored) > 1 else None

    def parting(self) -> tuple[int, float] | None:
        """The column where the walks differ most (the first of equals), and by how much:
        where one persona is lost. None when they never differ."""
        spreads = [(i, s) for i in range(len(self.axis)) if (s := self.spread(i))]
        return max(spreads, key=lambda found: found[1]) if spreads else None


def comparison(journey: str, project: Project, labels: Labels) -> Comparison:
    maps = project.maps_by_journey.get(journey, [])
    ordered = sorted(maps, key=lambda m: (m.state_or_default != "current",
                                          labels.sort_key(m.title)))
    walks = []
    for journey_map in ordered:
        by_key: dict[str, list[Stage]] = defaultdict(list)
        for stage in journey_map.stages:
            by_key[column_of(project, stage)].append(stage)
        walks.append(Walk(journey_map, project.personas_of(journey_map), dict(by_key)))
    return Comparison(columns(project, maps, labels), walks)
