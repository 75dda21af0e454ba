"""A journey map: one persona's (or several's) way through a journey, stage by stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .evidence import CONFIDENCE, EVIDENCE, Evidence
from .fields import Choice, Date, Id, ListOf, OneOrMany, Record, Text, spec
from .problem import Problem
from .source import Source
from .stage import Stage

STATES = ("current", "future")  # their words, as-is and to-be, are labels (``labels.py``)


@dataclass(slots=True)  # thousands of maps: no __dict__ per record
class JourneyMap:
    title: str = spec(Text(), "the heading of the map's page", required=True)
    persona: list[str] = spec(
        OneOrMany(Id(noun="persona id", example="anna"), min_items=1),
        "persona id(s); each must exist", required=True)
    journey: str | None = spec(
        Id(noun="journey id", reserved=("index",)),
        "journey id: maps that share it show the same journey through different personas' "
        "eyes and are compared side by side")
    state: str | None = spec(Choice(STATES), "as-is or to-be; default `current`")
    owner: str | None = spec(Text(), "team or person responsible for the map")
    reviewed: dt.date | None = spec(Date(), "last review; staleness is measured from it")
    tags: list[str] = spec(ListOf(Text()), "free labels that help find the map")
    confidence: str | None = spec(
        CONFIDENCE, "how far the map rests on research rather than on the team's assumptions")
    evidence: list[Evidence] = spec(EVIDENCE, "as for a stage, for the whole map")
    stages: list[Stage] = spec(ListOf(Record(Stage, "stage"), min_items=1),
                               "at least one, in journey order", required=True)

    # Not front matter: where the map came from.
    file: str = ""  # relative to the repository root, e.g. maps/telecom/moving.md
    slug: str = ""  # path below maps/ without .md, e.g. telecom/moving
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False, compare=False)

    @property
    def state_or_default(self) -> str:
        return self.state or "current"

    @property
    def folder(self) -> str:
        return self.slug.rpartition("/")[0]

    @property
    def scores(self) -> list[int]:
        return [score for stage in self.stages for score in stage.scores]


MAP_RECORD = Record(JourneyMap, "journey map")


def default_title(stem: str) -> str:
    """The title a file name suggests: ``moving-house`` reads ``Moving house``."""
    return stem.replace("-", " ").capitalize()
