"""A stage of a journey: what the customer wants, does, meets, thinks and feels."""

from __future__ import annotations

from dataclasses import dataclass

from .evidence import EVIDENCE, Evidence
from .fields import Id, ListOf, Metrics, Record, Text, spec
from .opportunity import Opportunity
from .question import Question
from .touchpoint import Touchpoint

TEXTS = ListOf(Text())


@dataclass(slots=True)
class Stage:
    name: str = spec(Text(), "e.g. `Inquiry`, `Comparison`, `Purchase`, `Installation`",
                     required=True)
    phase: str | None = spec(
        Id(noun="phase id", example="consideration"),
        "id of a phase of the company lifecycle (`maps/lifecycle.yml`); without it the stage "
        "belongs to the phase its name matches")
    goal: str | None = spec(Text(), "what the customer wants at this stage")
    actions: list[str] = spec(TEXTS, "what the customer does")
    touchpoints: list[Touchpoint] = spec(ListOf(Record(Touchpoint, "touchpoint")),
                                         "see [touchpoint](#a-touchpoint)")
    thoughts: list[str] = spec(TEXTS, "what goes through the customer's mind")
    emotions: list[str] = spec(TEXTS, "e.g. `overwhelmed`, `anxious`, `price-sensitive`")
    pain_points: list[str] = spec(TEXTS, "obstacles on the way")
    opportunities: list[Opportunity] = spec(
        ListOf(Record(Opportunity, "opportunity", shorthand="text")),
        "`priority` is `high`, `medium` or `low`; `status` is `idea` (the default), "
        "`planned`, `in-progress`, `done` or `dropped`; `ticket` is the `https://` URL of the "
        "tracker item that carries the work")
    questions: list[Question] = spec(
        ListOf(Record(Question, "question", shorthand="text")),
        "what the customer asks here; see [questions](#questions-and-answers)")
    metrics: dict[str, int | float | str] = spec(
        Metrics(), 'e.g. `{nps: 21, conversion_rate: "12%"}`; a name that is a metric id of '
        "`maps/metrics.yml` is shown by that metric's name, unit and target; a value of the "
        "same metric in `maps/metrics/*.csv` supersedes it")
    evidence: list[Evidence] = spec(
        EVIDENCE, "what the stage rests on: a study, an export, interviews (`n` how many); "
                  "see [evidence](#evidence)")

    @property
    def scores(self) -> list[int]:
        return [t.score for t in self.touchpoints if t.score is not None]

    @property
    def average_score(self) -> float | None:
        scores = self.scores
        return sum(scores) / len(scores) if scores else None
