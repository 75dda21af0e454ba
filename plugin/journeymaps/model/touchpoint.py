"""A touchpoint: one moment where the customer meets the company on a channel."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Integer, Text, spec

#: The Mermaid journey scale: 1 very negative ... 5 very positive.
SCORE = Integer(1, 5)
SCORE_FACES = {1: "😫", 2: "🙁", 3: "😐", 4: "🙂", 5: "😀"}


@dataclass(slots=True)
class Touchpoint:
    name: str = spec(Text(), "e.g. `Google search ad`, `Hotline call`", required=True)
    channel: str | None = spec(Text(), "e.g. `web`, `phone`, `store`, `email`, `chat`, `social`")
    score: int | None = spec(SCORE, "how the persona feels here: 1 very negative, "
                                    "5 very positive (the Mermaid journey scale)", required=True)
    expected: int | None = spec(SCORE, "what the persona expected; perceived minus "
                                       "expected is the service gap")
    note: str | None = spec(Text(), "what stands out here, e.g. `25 minutes on hold`")

    @property
    def gap(self) -> int | None:
        """Perceived minus expected: negative where the company disappoints."""
        if self.score is None or self.expected is None:
            return None
        return self.score - self.expected
