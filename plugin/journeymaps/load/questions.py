"""Every question customers ask across the maps: who asks what, which page answers it,
and which questions are still FAQ gaps.

Built once per project load (into ``Project.questions``) in one pass over every
question of every map, so the map pages, the gap report, the knowledge-base
index and each article's "Asked by" section all read the same grouping.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from ..model.project import Project
from ..model.question import normalise
from ..model.question_index import AskedQuestion, Gap, QuestionIndex

#: Anchors are cut to this many characters: long questions make unwieldy URLs.
ANCHOR_LENGTH = 60


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
    volume = project.contact_volume
    index.gaps = sorted((g for g in index.by_key.values() if isinstance(g, Gap)),
                        key=lambda gap: (-volume.get(gap.key, 0), *_rank(gap)))
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
