"""A question the customer asks at a stage, answered by the knowledge base or not."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .fields import DOCS, Link, Text, spec

#: Question marks ignored at the end: ASCII, full-width (Chinese, Japanese) and Arabic.
QUESTION_MARKS = "?？؟"


@lru_cache(maxsize=1 << 16)  # every build matches every map's questions: the same texts
def normalise(text: str) -> str:
    """The form questions are matched by: case, outer spaces and a final '?' ignored."""
    return " ".join(text.strip().rstrip(QUESTION_MARKS).strip().casefold().split())


@dataclass(slots=True)
class Question:
    text: str = spec(Text(), "the question in the customer's words", required=True)
    answer: str | None = spec(
        Link(relative_to=f"the docs folder `{DOCS}/`"),
        f"a page path relative to the docs folder `{DOCS}/` (e.g. `kb/keep-my-number.md`) "
        "or an `https://` URL; a question without an answer is an FAQ gap")

    @property
    def key(self) -> str:
        return normalise(self.text or "")

    @property
    def is_external(self) -> bool:
        return bool(self.answer and self.answer.lower().startswith("https://"))
