"""The company lifecycle (``maps/lifecycle.yml``): the phases every stage of every map
belongs to, in lifecycle order, so that maps of different teams and languages line up."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import Id, ListOf, Record, Text, TextMapping, spec
from .problem import Problem
from .source import Source

#: The file, relative to the maps folder.
LIFECYCLE_FILE = "lifecycle.yml"


@dataclass(slots=True)
class Phase:
    id: str = spec(Id(noun="phase id", example="consideration"),
                   "what a stage's `phase:` names, e.g. `consideration`", required=True)
    name: str = spec(Text(), "the phase's name in the site's language, e.g. `Consideration`",
                     required=True)
    names: dict[str, str] = spec(
        TextMapping(), "the name in other languages (codes as in `theme.language`), "
                       "e.g. `{pl: Rozważanie, ru: Рассмотрение}`")
    aliases: list[str] = spec(ListOf(Text()), "other stage names that belong to this phase, "
                                              "e.g. `[Comparison, Porównanie ofert]`")
    description: str | None = spec(Text(), "what happens in this phase")

    def name_in(self, language: str) -> str:
        """The phase's name in ``language`` (a ``theme.language`` code), else ``name``."""
        if not self.names:
            return self.name
        wanted = language.casefold()
        by_code = {code.casefold(): text for code, text in self.names.items()}
        return by_code.get(wanted) or by_code.get(wanted.split("-")[0]) or self.name


@dataclass(slots=True)
class Lifecycle:
    phases: list[Phase] = spec(ListOf(Record(Phase, "phase"), min_items=1),
                               "the phases, in lifecycle order", required=True)

    # Not in the file: where it came from.
    file: str = ""
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False, compare=False)
    #: filled by ``load.vocabulary``: each phase by id, and by every name a map may give it
    by_id: dict[str, Phase] = field(default_factory=dict, repr=False)
    by_name: dict[str, Phase] = field(default_factory=dict, repr=False)


LIFECYCLE_RECORD = Record(Lifecycle, "lifecycle")
PHASE_RECORD = Record(Phase, "phase")
