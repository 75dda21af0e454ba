"""A journey (``maps/journeys/<id>.md``): what the maps that name it in ``journey:``
show through different personas' eyes, with its title, owner and place in a larger
journey."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import Id, ListOf, Record, Text, spec
from .problem import Problem
from .source import Source

#: The folder of maps/ that holds the journey files: no journey maps in it.
JOURNEYS_FOLDER = "journeys"


@dataclass(slots=True)
class Journey:
    title: str = spec(Text(), "how every page names the journey, e.g. `Moving house`",
                      required=True)
    description: str | None = spec(Text(), "what the journey is, in a sentence or two")
    owner: str | None = spec(Text(), "team or person responsible for the journey across "
                                     "its maps")
    parent: str | None = spec(Id(noun="journey id", reserved=("index",)),
                              "the id of the wider journey this one is part of; journeys "
                              "nest to any depth")
    tags: list[str] = spec(ListOf(Text()), "free labels")

    # Not front matter: where the journey came from.
    id: str = ""
    file: str = ""
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False, compare=False)


JOURNEY_RECORD = Record(Journey, "journey")
