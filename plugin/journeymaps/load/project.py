"""Loading a project: every persona and map below the maps folder, read, validated and
cross-referenced (``checks``), through the cache (``cache``)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..model.journey_map import MAP_RECORD, JourneyMap, default_title
from ..model.metric import SERIES_FOLDER
from ..model.persona import PERSONA_ID, PERSONA_RECORD, PERSONAS_FOLDER, Persona
from ..model.problem import WHOLE_FILE, FieldPath, Problem
from ..model.project import Project
from .body import check_body
from .cache import FileCache
from .checks import check_answers, check_declared_answers, check_references
from .files import display_path
from .frontmatter import read_source
from .knowledge_base import answer_index, load_articles
from .metrics import check_contact_questions, load_metrics
from .questions import index_questions

#: A folder or file name below maps/: it becomes a URL and a navigation title.
SAFE_NAME = r"[^\W][\w.-]*"
#: The file name of a folder's overview page (the catalogue, the persona gallery):
#: no map or persona may have it at the top of its folder.
OVERVIEW = "index"


def load_project(root: Path, maps_dir: Path, docs_dir: Path | None = None,
                 cache: FileCache | None = None) -> Project:
    """Load every persona and map below ``maps_dir``; never raises on bad input."""
    root, maps_dir = root.resolve(), maps_dir.resolve()
    project = Project(root, maps_dir, docs_dir.resolve() if docs_dir else None)
    cache = cache or FileCache()
    paths = [p for p in sorted(maps_dir.rglob("*.md"))
             if not _reserved(p, maps_dir) and not _unsafe_name(project, p)]
    for loaded in cache.get_many(paths, lambda p: _load_file(p, root, maps_dir)):
        if isinstance(loaded, Persona):
            project.personas[loaded.id] = loaded
        else:
            project.maps.append(loaded)
    if project.docs_dir:
        project.articles = load_articles(project.docs_dir, root)
        project.kb_answers = answer_index(project.articles)
    _index(project)
    load_metrics(project)
    check_answers(project)
    project.questions = index_questions(project)
    check_references(project)
    check_declared_answers(project)
    check_contact_questions(project)
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


def _reserved(path: Path, maps_dir: Path) -> bool:
    """Files of the folders the format reserves for other things than maps."""
    return path.relative_to(maps_dir).parts[0] == SERIES_FOLDER


def _is_persona_file(path: Path, maps_dir: Path) -> bool:
    return path.parent == maps_dir / PERSONAS_FOLDER


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
    if persona.id == OVERVIEW:
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
    if journey_map.slug == OVERVIEW:
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
