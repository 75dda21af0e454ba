"""Every question customers ask across the maps, grouped: who asks what, which page
answers it, and which questions are still FAQ gaps (``load.questions`` builds it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .journey_map import JourneyMap
from .question import Question
from .stage import Stage


@dataclass
class Asker:
    """A map asking a question, with the stages where it does."""

    journey_map: JourneyMap
    stages: list[str] = field(default_factory=list)


@dataclass
class AskedQuestion:
    """Every ask of one question text (compared as ``question.normalise`` does)."""

    key: str
    #: the text as written in the first map that asks it
    text: str
    #: by map identity, in project order
    askers: dict[int, Asker] = field(default_factory=dict)

    def add(self, journey_map: JourneyMap, stage: Stage) -> None:
        asker = self.askers.get(id(journey_map))
        if asker is None:
            asker = self.askers[id(journey_map)] = Asker(journey_map)
        if stage.name and stage.name not in asker.stages:
            asker.stages.append(stage.name)

    @property
    def maps(self) -> list[JourneyMap]:
        return [asker.journey_map for asker in self.askers.values()]

    @property
    def count(self) -> int:
        """How many maps ask it (a map asking at two stages counts once)."""
        return len(self.askers)

    @property
    def stages(self) -> list[str]:
        """Names of the stages where it is asked, each once, in order of first ask."""
        return list(dict.fromkeys(name for a in self.askers.values() for name in a.stages))

    @property
    def persona_ids(self) -> list[str]:
        return list(dict.fromkeys(p for a in self.askers.values() for p in a.journey_map.persona))


@dataclass
class Gap(AskedQuestion):
    """A question no page answers; ``anchor`` is its row in the gap report."""

    anchor: str = ""


@dataclass
class QuestionIndex:
    """The questions of a whole project, grouped by text, by answer page and by gap."""

    by_key: dict[str, AskedQuestion] = field(default_factory=dict)
    #: most asked first, then alphabetically by normalised text
    gaps: list[Gap] = field(default_factory=list)
    #: every internal page answering a question (its own ``answer:`` or a declared
    #: ``answers:``) to the questions it answers, most asked first
    by_page: dict[str, list[AskedQuestion]] = field(default_factory=dict)
    #: page to the texts it declares under ``answers:`` that no map asks
    unmatched: dict[str, list[str]] = field(default_factory=dict)

    def anchor_of(self, question: Question) -> str:
        """The anchor of a gap's row in the report ('' if the question is answered)."""
        gap = self.by_key.get(question.key)
        return gap.anchor if isinstance(gap, Gap) else ""

    def answered_by(self, page: str) -> list[AskedQuestion]:
        return self.by_page.get(page, [])
