"""Every question customers ask across the maps: who asks what, which page answers it,
and which questions are still FAQ gaps.

Built once per project load (``Project.questions``) in one pass over every
question of every map, so the map pages, the gap report, the knowledge-base
index and each article's "Asked by" section all read the same grouping.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.journey_map import JourneyMap
from ..model.question import Question, normalise
from ..model.stage import Stage

if TYPE_CHECKING:  # the project builds this index: no import at run time
    from ..load.project import Project

#: Anchors are cut to this many characters: long questions make unwieldy URLs.
ANCHOR_LENGTH = 60


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


def index_questions(project: Project) -> QuestionIndex:
    """Group every question of every map; linear in the number of questions."""
    index = QuestionIndex()
    explicit: dict[str, dict[str, AskedQuestion]] = {}
    for journey_map in project.maps:
        for stage in journey_map.stages:
            for question in stage.questions:
                key = question.key
                if not key:
                    continue
                grouped = index.by_key.get(key)
                if grouped is None:  # a text is answered in every map or in none
                    kind = AskedQuestion if project.answer_of(question) else Gap
                    grouped = index.by_key[key] = kind(key, question.text)
                grouped.add(journey_map, stage)
                if question.answer and not question.is_external:
                    explicit.setdefault(answer_page(question.answer), {})[key] = grouped
    index.gaps = sorted((g for g in index.by_key.values() if isinstance(g, Gap)), key=_rank)
    _set_anchors(index.gaps)
    index.by_page = _by_page(project, index, explicit)
    return index


def answer_page(answer: str) -> str:
    """The docs page of an internal answer: no fragment, no ``./`` detours."""
    return posixpath.normpath(answer.split("#", 1)[0])


def _rank(question: AskedQuestion) -> tuple[int, str]:
    return (-question.count, question.key)


def _by_page(project: Project, index: QuestionIndex,
             explicit: dict[str, dict[str, AskedQuestion]]) -> dict[str, list[AskedQuestion]]:
    """Pages to the questions they answer: named by a map, or declared by the page."""
    pages = {page: dict(questions) for page, questions in explicit.items()}
    for article in project.articles:
        answered = pages.setdefault(article.page, {})
        for text in article.answers:
            grouped = index.by_key.get(normalise(text))
            if grouped is None:
                index.unmatched.setdefault(article.page, []).append(text)
            else:  # declaring a text answers it: never a gap
                answered[grouped.key] = grouped
    return {page: sorted(questions.values(), key=_rank) for page, questions in pages.items()}


def _set_anchors(gaps: list[Gap]) -> None:
    """``gap-<words of the question>``: stable as long as the question's text is."""
    used: set[str] = set()
    for gap in gaps:
        slug = re.sub(r"\W+", "-", gap.key).strip("-_")[:ANCHOR_LENGTH].strip("-_")
        anchor = f"gap-{slug}" if slug else "gap"
        if anchor in used:  # texts differing only in punctuation: the key tells them apart
            anchor += "-" + hashlib.sha1(gap.key.encode()).hexdigest()[:6]
        used.add(anchor)
        gap.anchor = anchor
