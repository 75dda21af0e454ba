"""All maps and personas of a project, loaded, validated and cross-referenced."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ..analysis.questions import QuestionIndex, answer_page, index_questions
from ..model.fields import did_you_mean
from ..model.journey_map import MAP_RECORD, JourneyMap, default_title
from ..model.persona import PERSONA_ID, PERSONA_RECORD, Persona
from ..model.problem import WHOLE_FILE, FieldPath, Problem, format_path, sort_problems
from ..model.question import Question, normalise
from ..pages import site_layout
from .body import check_body
from .frontmatter import Source, read_source
from .knowledge_base import ANSWERS_KEY, Article, answer_index, load_articles
from .parallel import fan_out

T = TypeVar("T")
PERSONAS_FOLDER = "personas"
#: A folder or file name below maps/: it becomes a URL and a navigation title.
SAFE_NAME = r"[^\W][\w.-]*"
#: Photos are published as they are: only raster images, which a browser never runs.
PHOTO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


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

    @property
    def problems(self) -> list[Problem]:
        """Errors and warnings (``Problem.severity``); only errors fail a strict build."""
        own = [p for m in self.maps for p in m.problems]
        own += [p for persona in self.personas.values() for p in persona.problems]
        own += [p for article in self.articles for p in article.problems]
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
    def _owners(self) -> dict[str, JourneyMap | Persona]:
        table: dict[str, JourneyMap | Persona] = {m.file: m for m in self.maps}
        table.update({p.file: p for p in self.personas.values()})
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

    @cached_property
    def questions(self) -> QuestionIndex:
        """Every question grouped by text, by answering page and by FAQ gap."""
        return index_questions(self)

    def warm_up(self) -> None:
        """Build the indexes pages look things up in, so that processes forked to
        render pages share them instead of each building its own."""
        _ = self.questions, self._owners, self._cross_by_file

    def personas_of(self, journey_map: JourneyMap) -> list[Persona]:
        return [self.personas[i] for i in journey_map.persona if i in self.personas]

    def journey_siblings(self, journey_map: JourneyMap) -> list[JourneyMap]:
        """The other maps of the same journey, through other eyes or in another state."""
        if not journey_map.journey:
            return []
        return [m for m in self.maps_by_journey[journey_map.journey] if m is not journey_map]


class FileCache:
    """Parsed files keyed on path, size and modification time.

    ``mkdocs serve`` rebuilds the whole site on every change; re-reading and
    re-validating a thousand unchanged maps would dominate that rebuild.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], object]] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, paths: list[Path], load: Callable[[Path], T]) -> list[T]:
        """``load(path)`` of every path, from the cache where the file is unchanged;
        the rest are loaded by several processes at once (``parallel.fan_out``)."""
        stamps = [_stamp(path) for path in paths]
        values: list[Any] = []
        missed: list[int] = []
        for i, (path, stamp) in enumerate(zip(paths, stamps, strict=True)):
            entry = self._entries.get(path)
            if stamp is not None and entry and entry[0] == stamp:
                values.append(entry[1])
            else:
                values.append(None)
                missed.append(i)
        self.hits += len(paths) - len(missed)
        self.misses += len(missed)
        for i, value in zip(missed, fan_out(lambda j: load(paths[missed[j]]), len(missed)),
                            strict=True):
            values[i] = value
            stamp = stamps[i]
            if stamp is not None:
                self._entries[paths[i]] = (stamp, value)
        return values


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def load_project(root: Path, maps_dir: Path, docs_dir: Path | None = None,
                 cache: FileCache | None = None) -> Project:
    """Load every persona and map below ``maps_dir``; never raises on bad input."""
    root, maps_dir = root.resolve(), maps_dir.resolve()
    project = Project(root, maps_dir, docs_dir.resolve() if docs_dir else None)
    cache = cache or FileCache()
    paths = [p for p in sorted(maps_dir.rglob("*.md")) if not _unsafe_name(project, p)]
    for loaded in cache.get_many(paths, lambda p: _load_file(p, root, maps_dir)):
        if isinstance(loaded, Persona):
            project.personas[loaded.id] = loaded
        else:
            project.maps.append(loaded)
    if project.docs_dir:
        project.articles = load_articles(project.docs_dir, root)
        project.kb_answers = answer_index(project.articles)
    _index(project)
    _index_answers(project)
    _check_references(project)
    return project


def _unsafe_name(project: Project, path: Path) -> bool:
    """A file whose name (or folder's) would put markup into URLs and the navigation
    gets no page: the problem says so, so nothing vanishes silently."""
    parts = path.relative_to(project.maps_dir).with_suffix("").parts
    if all(re.fullmatch(SAFE_NAME, part) for part in parts):
        return False
    if _is_persona_file(path, project.maps_dir):
        rule = "the persona id (the file name) must be lowercase letters, digits and '-'"
    else:
        rule = "folder and file names may hold letters, digits, '-', '_' and '.'"
    project.cross_problems.append(Problem(
        display_path(path, project.root), 1, WHOLE_FILE,
        f"{rule}: rename it; until then it gets no page"))
    return True


def is_file(path: Path) -> bool:
    """Path.is_file() for a path an author wrote: too long, a loop, a NUL: not a file."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def photo_file(project: Project, persona: Persona) -> Path | None:
    """The persona's photo file, if it may be published: an image inside the maps folder."""
    photo = persona.photo
    if not photo or not photo.lower().endswith(PHOTO_TYPES) or photo.lower().startswith("https://"):
        return None
    path = (project.root / persona.file).parent / photo
    try:
        inside = path.resolve().is_relative_to(project.maps_dir)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long, a NUL
        return None
    return path if inside and is_file(path) else None


def _is_persona_file(path: Path, maps_dir: Path) -> bool:
    return path.parent == maps_dir / PERSONAS_FOLDER


def display_path(path: Path, root: Path) -> str:
    """A path as authors see it in problems: relative to the repository root."""
    return Path(os.path.relpath(path, root)).as_posix()


def _load_file(path: Path, root: Path, maps_dir: Path) -> JourneyMap | Persona:
    if _is_persona_file(path, maps_dir):
        return load_persona(path, root)
    return load_map(path, root, maps_dir)


def load_persona(path: Path, root: Path) -> Persona:
    source = read_source(path, display_path(path, root))
    persona = PERSONA_RECORD.check(source.data, (), source) if source.data is not None else None
    persona = persona or Persona()
    persona.id = path.stem
    persona.file, persona.body, persona.body_line = source.file, source.body, source.body_line
    persona.source = source
    check_body(source)
    source.compact(_cross_checked)
    if not re.fullmatch(PERSONA_ID, persona.id):
        source.file_problem(1, f"the persona id '{persona.id}' (the file name) must be "
                               "lowercase letters, digits and '-': rename the file")
    if site_layout.persona_page(persona.id) == site_layout.PERSONA_GALLERY:
        source.file_problem(1, "the persona id 'index' is taken by the persona gallery: "
                               "rename the file")
    persona.problems = source.problems
    return persona


def load_map(path: Path, root: Path, maps_dir: Path) -> JourneyMap:
    source = read_source(path, display_path(path, root))
    journey_map = MAP_RECORD.check(source.data, (), source) if source.data is not None else None
    journey_map = journey_map or JourneyMap()
    journey_map.file = source.file
    journey_map.slug = path.relative_to(maps_dir).with_suffix("").as_posix()
    journey_map.title = journey_map.title or default_title(path.stem)
    journey_map.body, journey_map.body_line = source.body, source.body_line
    journey_map.source = source
    if site_layout.map_page(journey_map) == site_layout.CATALOGUE:
        source.file_problem(1, f"the page of {source.file} would take the place of the "
                               "catalogue of maps: rename the file")
    check_body(source)
    source.compact(_cross_checked)
    journey_map.problems = source.problems
    return journey_map


def _cross_checked(path: FieldPath) -> bool:
    """Paths that checks across files (personas, answers, photos) may point at."""
    return len(path) <= 1 or path[0] == "persona" or path[-1] == "answer"


def _index(project: Project) -> None:
    by_persona: dict[str, list[JourneyMap]] = defaultdict(list)
    by_journey: dict[str, list[JourneyMap]] = defaultdict(list)
    for journey_map in project.maps:
        for persona_id in dict.fromkeys(journey_map.persona):
            by_persona[persona_id].append(journey_map)
        if journey_map.journey:
            by_journey[journey_map.journey].append(journey_map)
    project.maps_by_persona = dict(by_persona)
    project.maps_by_journey = dict(by_journey)


def _index_answers(project: Project) -> None:
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


def _check_references(project: Project) -> None:
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
    _check_declared_answers(project)


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


def _check_declared_answers(project: Project) -> None:
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
