"""The project as the site is built from it: every map, persona and knowledge-base page,
their problems, and the indexes that look across files (maps by persona and by journey,
questions by text and by answering page). ``load.project`` fills it."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .article import Article
from .channel import ChannelCatalogue
from .journey import Journey
from .journey_map import JourneyMap
from .lifecycle import Lifecycle
from .metric import Metric, Series, SeriesKey
from .persona import Persona
from .problem import Problem, sort_problems
from .question import Question
from .question_index import QuestionIndex


@dataclass
class Project:
    """Everything the site is built from; knows nothing of MkDocs."""

    root: Path
    maps_dir: Path
    docs_dir: Path | None
    maps: list[JourneyMap] = field(default_factory=list)
    personas: dict[str, Persona] = field(default_factory=dict)
    #: problems found by looking across files (unknown personas, missing answers)
    cross_problems: list[Problem] = field(default_factory=list)
    maps_by_persona: dict[str, list[JourneyMap]] = field(default_factory=dict)
    maps_by_journey: dict[str, list[JourneyMap]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    #: normalised question text to the knowledge-base page that answers it
    kb_answers: dict[str, str] = field(default_factory=dict)
    #: normalised question text to the first valid ``answer:`` a map gives it
    map_answers: dict[str, str] = field(default_factory=dict)
    #: ``answer:`` values naming no page of the docs folder (reported as problems)
    broken_answers: set[str] = field(default_factory=set)
    #: every question grouped by text, by answering page and by FAQ gap
    questions: QuestionIndex = field(default_factory=QuestionIndex)
    #: the company-wide definitions (``maps/lifecycle.yml``, ``maps/journeys/``,
    #: ``maps/channels.yml``); each optional
    lifecycle: Lifecycle | None = None
    journeys: dict[str, Journey] = field(default_factory=dict)
    channel_catalogue: ChannelCatalogue | None = None

    @property
    def docs_folder(self) -> str:
        """The docs folder as authors see it, relative to the repository root (MkDocs'
        default name where the project has none), for texts that name it."""
        if self.docs_dir is None:
            return "docs"
        return Path(os.path.relpath(self.docs_dir, self.root)).as_posix()
    #: the metric catalogue (``maps/metrics.yml``) by id, in its order
    metrics: dict[str, Metric] = field(default_factory=dict)
    #: the measured series of ``maps/metrics/*.csv``, and those of each map by slug
    series: dict[SeriesKey, Series] = field(default_factory=dict)
    series_by_map: dict[str, list[Series]] = field(default_factory=dict)
    #: normalised question text to how often customers ask it (contact-centre counts)
    contact_volume: dict[str, float] = field(default_factory=dict)
    #: what views compute once per build and several pages read (``analysis`` fills it)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def problems(self) -> list[Problem]:
        """Errors and warnings (``Problem.severity``); only errors fail a strict build."""
        own = [p for m in self.maps for p in m.problems]
        own += [p for persona in self.personas.values() for p in persona.problems]
        own += [p for article in self.articles for p in article.problems]
        own += [p for journey in self.journeys.values() for p in journey.problems]
        own += [p for d in (self.lifecycle, self.channel_catalogue) if d for p in d.problems]
        return sort_problems(own + self.cross_problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def problems_of(self, file: str) -> list[Problem]:
        """Every problem of one file, its own and those found across files."""
        owner = self._owners.get(file)
        own = owner.problems if owner else []
        return sort_problems(own + self._cross_by_file.get(file, []))

    @cached_property
    def _owners(self) -> dict[str, JourneyMap | Persona | Journey]:
        table: dict[str, JourneyMap | Persona | Journey] = {m.file: m for m in self.maps}
        table.update({p.file: p for p in self.personas.values()})
        table.update({j.file: j for j in self.journeys.values()})
        return table

    @cached_property
    def _cross_by_file(self) -> dict[str, list[Problem]]:
        table: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.cross_problems:
            table[problem.file].append(problem)
        return table

    def answer_of(self, question: Question) -> str | None:
        """The question's answer: its own, a knowledge-base page that claims it, or the
        answer another map gives the same question (so a text is answered everywhere or
        nowhere)."""
        key = question.key
        own = question.answer if question.answer not in self.broken_answers else None
        if own or not key:  # no text (already an error): nothing to match on
            return own
        return self.kb_answers.get(key) or self.map_answers.get(key)

    def warm_up(self) -> None:
        """Build the indexes pages look things up in, so that processes forked to
        render pages share them instead of each building its own."""
        _ = self._owners, self._cross_by_file

    def journey_title(self, journey: str) -> str:
        """The title of a journey id: its file's, or the id itself (no file needed)."""
        known = self.journeys.get(journey)
        return known.title if known and known.title else journey

    def personas_of(self, journey_map: JourneyMap) -> list[Persona]:
        return [self.personas[i] for i in journey_map.persona if i in self.personas]

    def journey_siblings(self, journey_map: JourneyMap) -> list[JourneyMap]:
        """The other maps of the same journey, through other eyes or in another state."""
        if not journey_map.journey:
            return []
        return [m for m in self.maps_by_journey[journey_map.journey] if m is not journey_map]
