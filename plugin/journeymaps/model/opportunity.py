"""An opportunity: what the company could do better at a stage, and how far the work is."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Choice, Text, WebUrl, spec

PRIORITIES = ("high", "medium", "low")
#: The work's way from an idea to done (or dropped), in that order.
STATUSES = ("idea", "planned", "in-progress", "done", "dropped")
DEFAULT_STATUS = "idea"


@dataclass(slots=True)
class Opportunity:
    text: str = spec(Text(), "what the company could do better", required=True)
    priority: str | None = spec(Choice(PRIORITIES), "how urgent it is")
    owner: str | None = spec(Text(), "team or person who takes it on")
    status: str | None = spec(Choice(STATUSES), "how far the work is; default `idea`")
    ticket: str | None = spec(WebUrl(), "the `https://` URL of the tracker item that "
                                        "carries the work")

    @property
    def rank(self) -> int:
        """Sort key: high first, unprioritised last."""
        return PRIORITIES.index(self.priority) if self.priority else len(PRIORITIES)

    @property
    def status_or_default(self) -> str:
        return self.status or DEFAULT_STATUS
