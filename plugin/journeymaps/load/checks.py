"""Checks that look across files: personas a map names exist, answer pages exist, photos
may be published, and the questions a knowledge-base page declares are asked by a map."""

from __future__ import annotations

from ..model.fields import did_you_mean
from ..model.persona import PERSONAS_FOLDER
from ..model.problem import FieldPath, Problem, format_path
from ..model.project import Project
from ..model.question import normalise
from ..model.source import Source
from .files import PHOTO_TYPES, display_path, is_file, photo_file
from .knowledge_base import ANSWERS_KEY
from .questions import answer_page


def check_answers(project: Project) -> None:
    """Check every map's own answers; a valid one answers its question in every map."""
    for journey_map in project.maps:
        for s, stage in enumerate(journey_map.stages):
            for q, question in enumerate(stage.questions):
                if not question.answer:
                    continue
                problem = _answer_problem(project, question.answer)
                if problem:  # never linked: the question stays a gap until fixed
                    project.broken_answers.add(question.answer)
                    _cross(project, journey_map.source,
                           ("stages", s, "questions", q, "answer"), problem)
                else:
                    project.map_answers.setdefault(question.key, question.answer)


def check_references(project: Project) -> None:
    known = sorted(project.personas)
    for journey_map in project.maps:
        source = journey_map.source
        many = ("persona", 0) in source.lines  # written as a list
        for i, persona_id in enumerate(journey_map.persona):
            if persona_id not in project.personas:
                path = ("persona", i) if many else ("persona",)
                hint = did_you_mean(persona_id, known) or (
                    f"; create maps/{PERSONAS_FOLDER}/{persona_id}.md or use one of: "
                    f"{', '.join(known)}" if known else "")
                _cross(project, source, path, f"unknown persona '{persona_id}'{hint}")
    for persona in project.personas.values():
        photo = persona.photo
        if not photo or photo.lower().startswith("https://") or persona.source is None:
            continue
        if not photo.lower().endswith(PHOTO_TYPES):
            _cross(project, persona.source, ("photo",),
                   f"the photo '{photo}' must be a {', '.join(PHOTO_TYPES)} image (an SVG or "
                   "HTML file could run a script in the reader's browser)")
        elif not is_file((project.root / persona.file).parent / photo):
            _cross(project, persona.source, ("photo",),
                   f"the photo '{photo}' does not exist next to the persona file")
        elif photo_file(project, persona) is None:
            _cross(project, persona.source, ("photo",),
                   f"the photo '{photo}' is outside {display_path(project.maps_dir, project.root)}"
                   "/ (a link to another file of the machine?); it is not published")


def _answer_problem(project: Project, answer: str | None) -> str | None:
    """What is wrong with an internal answer page, if anything."""
    if not answer or answer.lower().startswith("https://") or project.docs_dir is None:
        return None
    page = answer_page(answer)
    if page.startswith(("../", "/")) or page in ("..", "."):
        return (f"the answer '{answer}' is outside {_docs_name(project)}; give a page path "
                f"relative to {_docs_name(project)} or an https:// URL")
    if not is_file(project.docs_dir / page):
        return f"the answer page '{answer}' does not exist in {_docs_name(project)}"
    return None


def check_declared_answers(project: Project) -> None:
    """A declared answer no map asks is a warning: the article answers nothing we know of."""
    asked = project.questions.by_key
    texts: list[str] = []
    for article in project.articles:
        for i, text in enumerate(article.answers):
            if normalise(text) in asked:
                continue
            texts = texts or [q.text for q in asked.values()]
            hint = did_you_mean(text, texts) or (
                "; check its wording against the map's question, or remove it")
            project.cross_problems.append(Problem(
                article.file, article.lines[i], format_path((ANSWERS_KEY, article.positions[i])),
                f"'{text}' matches no question in any map{hint}", "warning"))


def _docs_name(project: Project) -> str:
    return f"{display_path(project.docs_dir, project.root)}/" if project.docs_dir else "the docs"


def _cross(project: Project, source: Source, path: FieldPath, message: str) -> None:
    project.cross_problems.append(source.make_problem(path, message))
