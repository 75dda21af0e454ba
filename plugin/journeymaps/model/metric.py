"""The metric catalogue (``maps/metrics.yml``) and the values measured against it
(``maps/metrics/*.csv``): one vocabulary of numbers for every map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from .fields import Choice, Id, ListOf, Number, Record, Text, spec

#: The catalogue's file and the folder of measured series, below maps/.
CATALOGUE_FILE = "metrics.yml"
SERIES_FOLDER = "metrics"
BETTER = ("higher", "lower")
#: The knowledge-base convention: a ``contacts`` series with a ``question`` column counts
#: how often customers ask that question (see the authors' guide, "Contact volumes").
CONTACTS = "contacts"


@dataclass(slots=True)
class Metric:
    id: str = spec(Id(noun="metric id", example="nps"),
                   "what maps and CSV files name it by, e.g. `nps`", required=True)
    name: str = spec(Text(), "how pages show it, e.g. `Net Promoter Score`", required=True)
    unit: str | None = spec(Text(), 'written after the value; "%" is written without a space')
    target: int | float | None = spec(Number(), "the value to reach")
    better: str | None = spec(Choice(BETTER), "which way is good; default `higher`")

    @property
    def higher_is_better(self) -> bool:
        return self.better != "lower"

    def met(self, value: float) -> bool | None:
        """Whether ``value`` meets the target; None without a target."""
        if self.target is None:
            return None
        return value >= self.target if self.higher_is_better else value <= self.target


@dataclass(slots=True)
class MetricCatalogue:
    metrics: list[Metric] = spec(ListOf(Record(Metric, "metric")),
                                 "the metrics, in the order pages list them", required=True)


CATALOGUE_RECORD = Record(MetricCatalogue, "metric catalogue")


class Point(NamedTuple):
    """One measured value: a row of a CSV file (a tuple: 100,000 rows load in a blink)."""

    date: dt.date
    value: float
    source: str
    file: str
    line: int


@dataclass(slots=True)
class Series:
    """Every value of one metric at one stage of one map (or of a question), by date."""

    map_slug: str
    stage: str  # '' for the map as a whole
    metric: str
    #: the question's text as first written, for a contact count (``CONTACTS``)
    question: str = ""
    #: its normalised text (``question.normalise``), as questions are matched
    question_key: str = ""
    #: oldest first once loaded (``load.metrics`` sorts them); one per date
    points: list[Point] = field(default_factory=list)

    @property
    def latest(self) -> Point:
        return self.points[-1]


#: (map slug, stage name or '', metric id, question's normalised text or '')
SeriesKey = tuple[str, str, str, str]
