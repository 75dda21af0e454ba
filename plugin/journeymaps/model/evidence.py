"""Evidence: what a map or a stage rests on (a study, an analytics export, interviews)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Choice, Date, Integer, ListOf, Record, Text, WebUrl, spec

#: How far a map rests on research rather than on the team's assumptions, weakest first.
CONFIDENCES = ("assumed", "partial", "validated")


@dataclass(slots=True)
class Evidence:
    source: str = spec(Text(), "what it is, e.g. `Exit survey Q3 2026`, `12 interviews`",
                       required=True)
    url: str | None = spec(WebUrl(), "where to read it")
    date: dt.date | None = spec(Date(), "when it was gathered")
    n: int | None = spec(Integer(minimum=1), "how many: interviews, responses, sessions")


EVIDENCE = ListOf(Record(Evidence, "evidence", shorthand="source"))
CONFIDENCE = Choice(CONFIDENCES)
