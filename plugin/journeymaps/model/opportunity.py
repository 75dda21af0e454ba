"""An opportunity: what the company could do better at a stage."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Choice, Text, spec

PRIORITIES = ("high", "medium", "low")


@dataclass(slots=True)
class Opportunity:
    text: str = spec(Text(), "what the company could do better", required=True)
    priority: str | None = spec(Choice(PRIORITIES), "how urgent it is")
    owner: str | None = spec(Text(), "team or person who takes it on")

    @property
    def rank(self) -> int:
        """Sort key: high first, unprioritised last."""
        return PRIORITIES.index(self.priority) if self.priority else len(PRIORITIES)
