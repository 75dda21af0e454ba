"""A knowledge-base article: a docs page that says which customer questions it answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problem import Problem


@dataclass
class Article:
    """A page of the docs folder with ``answers:`` in its front matter."""

    page: str  # relative to the docs folder, e.g. kb/keep-my-number.md
    file: str  # relative to the repository root
    title: str
    answers: list[str]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    #: where each answer stands in the front matter's list (invalid items are dropped)
    positions: list[int] = field(default_factory=list)
