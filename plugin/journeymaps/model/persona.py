"""A persona: the customer whose eyes a journey map looks through."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import ID, Integer, Link, ListOf, Record, Text, spec
from .problem import Problem
from .source import Source

#: The folder of maps/ that holds the persona files.
PERSONAS_FOLDER = "personas"
#: Persona ids are file stems: lowercase letters, digits and '-'.
PERSONA_ID = ID


@dataclass(slots=True)
class Persona:
    name: str = spec(Text(), "display name, e.g. `Anna, moving house`", required=True)
    role: str | None = spec(Text(), "occupation or role")
    age: int | None = spec(Integer(0, 150), "in years")
    location: str | None = spec(Text(), "where the persona lives")
    segment: str | None = spec(Text(), "e.g. `Millennials`, `Boomers`")
    quote: str | None = spec(Text(), "a sentence in the persona's own words")
    goals: list[str] = spec(ListOf(Text()), "what the persona wants to achieve")
    frustrations: list[str] = spec(ListOf(Text()), "what gets in the persona's way")
    channels: list[str] = spec(ListOf(Text()), "channels the persona prefers")
    photo: str | None = spec(Link(relative_to="the persona file"),
                             "image path relative to the file, or an `https://` URL")

    # Not front matter: where the persona came from.
    id: str = ""
    file: str = ""  # relative to the repository root
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        return self.name or self.id

    @property
    def initials(self) -> str:
        words = [w for w in self.display_name.replace(",", " ").split() if w[:1].isalpha()]
        return "".join(w[0].upper() for w in words[:2]) or "?"


PERSONA_RECORD = Record(Persona, "persona")
