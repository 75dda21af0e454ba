"""The journey landscape: every journey, as its hierarchy, against the phases of the
lifecycle; each cell how customers feel there across the journey's maps (and the maps
of the journeys within it), its pain points and open FAQ gaps. Plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..language.labels import Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from .journeys import JourneyNode, journey_tree
from .phases import OTHER, Column, column_of, columns


@dataclass
class Cell:
    scores: list[int] = field(default_factory=list)
    pain_points: int = 0
    gaps: int = 0
    maps: dict[str, JourneyMap] = field(default_factory=dict)  # by file, in order met

    @property
    def average(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    def add(self, other: Cell) -> None:
        self.scores += other.scores
        self.pain_points += other.pain_points
        self.gaps += other.gaps
        self.maps.update(other.maps)


@dataclass(frozen=True)
class Row:
    node: JourneyNode
    #: by column key; the journey's own maps and those of the journeys within it
    cells: dict[str, Cell]
    own_maps: int


@dataclass(frozen=True)
class Landscape:
    columns: list[Column]
    rows: list[Row]
    #: every map once, by column key
    totals: dict[str, Cell]
    #: the maps of no journey, by column key (a row of their own, after the journeys)
    no_journey: dict[str, Cell] = field(default_factory=dict)

    @property
    def weakest(self) -> Column | None:
        """The phase where customers feel worst across all maps ("other" is no phase)."""
        scored = [(self.totals[c.key].average, i, c) for i, c in enumerate(self.columns)
                  if c.key != OTHER and c.key in self.totals
                  and self.totals[c.key].average is not None]
        return min(scored, key=lambda item: (item[0], item[1]))[2] if scored else None


def map_cells(project: Project, journey_map: JourneyMap) -> dict[str, Cell]:
    """A map's stages by column: scores, pain points, open FAQ gaps."""
    cells: dict[str, Cell] = {}
    for stage in journey_map.stages:
        cell = cells.setdefault(column_of(project, stage), Cell())
        cell.scores += stage.scores
        cell.pain_points += len(stage.pain_points)
        cell.gaps += sum(1 for q in stage.questions if project.answer_of(q) is None)
        cell.maps[journey_map.file] = journey_map
    return cells


def landscape(project: Project, labels: Labels) -> Landscape:
    tree = journey_tree(project, labels.sort_key)
    per_map = {m.file: map_cells(project, m) for m in project.maps}
    totals: dict[str, Cell] = {}
    for cells in per_map.values():
        for key, cell in cells.items():
            totals.setdefault(key, Cell()).add(cell)
    rolled: dict[str, dict[str, Cell]] = {}
    for node in tree:
        own: dict[str, Cell] = {}
        for journey_map in project.maps_by_journey.get(node.id, []):
            for key, cell in per_map[journey_map.file].items():
                own.setdefault(key, Cell()).add(cell)
        rolled[node.id] = own
    by_id = {node.id: node for node in tree}
    for node in reversed(tree):  # children before their parents: roll up one level a time
        if node.parent is not None:
            parent = rolled[node.parent]
            for key, cell in rolled[node.id].items():
                parent.setdefault(key, Cell()).add(cell)
    rows = [Row(by_id[n.id], rolled[n.id], len(project.maps_by_journey.get(n.id, [])))
            for n in tree]
    no_journey: dict[str, Cell] = {}
    for journey_map in project.maps:
        if not journey_map.journey:
            for key, cell in per_map[journey_map.file].items():
                no_journey.setdefault(key, Cell()).add(cell)
    return Landscape(columns(project, project.maps, labels, every_phase=True), rows, totals,
                     no_journey)
