"""Loading a project: every persona and map below the maps folder, read, validated and
cross-referenced (``checks``), through the cache (``cache``)."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path

from ..model.fields import DOCS, docs_named
from ..model.journey import JOURNEYS_FOLDER, Journey
from ..model.journey_map import MAP_RECORD, JourneyMap, default_title
from ..model.persona import PERSONA_RECORD, PERSONAS_FOLDER, Persona
from ..model.problem import WHOLE_FILE, FieldPath, Problem
from ..model.project import Project
from .body import check_body
from .cache import FileCache
from .checks import check_answers, check_declared_answers, check_references
from .definitions import check_definitions, load_channel_catalogue, load_journey, load_lifecycle
from .files import check_file_id, display_path, read_record
from .knowledge_base import answer_index, load_articles
from .metrics import check_contact_questions, load_metrics
from .questions import index_questions

#: A folder or file name below maps/: it becomes a URL and a navigation title.
SAFE_NAME = r"[^\W][\w.-]*"
#: The file name of a folder's overview page (the catalogue, the persona gallery):
#: no map or persona may have it at the top of its folder.
OVERVIEW = "index"
#: Folders of maps/ that hold no journey maps: the journey files, and the measured
#: values of ``maps/metrics/`` (the contract reserves both).
RESERVED_FOLDERS = (JOURNEYS_FOLDER, "metrics")


def load_project(root: Path, maps_dir: Path, docs_dir: Path | None = None,
                 cache: FileCache | None = None) -> Project:
    """Load every persona and map below ``maps_dir``; never raises on bad input."""
    root, maps_dir = root.resolve(), maps_dir.resolve()
    project = Project(root, maps_dir, docs_dir.resolve() if docs_dir else None)
    cache = cache or FileCache()
    paths = [p for p in sorted(maps_dir.rglob("*.md"))
             if not _reserved(project, p) and not _unsafe_name(project, p)]
    for loaded in cache.get_many(paths, lambda p: _load_file(p, root, maps_dir)):
        if isinstance(loaded, Persona):
            project.personas[loaded.id] = loaded
        elif isinstance(loaded, Journey):
            project.journeys[loaded.id] = loaded
        else:
            project.maps.append(loaded)
    project.lifecycle = load_lifecycle(maps_dir, root)
    project.channel_catalogue = load_channel_catalogue(maps_dir, root)
    if project.docs_dir:
        project.articles = load_articles(project.docs_dir, root)
        project.kb_answers = answer_index(project.articles)
    _index(project)
    load_metrics(project, cache)
    check_answers(project)
    project.questions = index_questions(project)
    check_references(project)
    check_declared_answers(project)
    check_definitions(project)
    _name_docs_folder(project)
    check_contact_questions(project)
    return project


def _name_docs_folder(project: Project) -> None:
    """Messages of the model name the docs folder as a placeholder: put in the site's."""
    folder = project.docs_folder
    for owner in (*project.maps, *project.personas.values()):
        if any(DOCS in p.message for p in owner.problems):
            owner.problems = [dataclasses.replace(p, message=docs_named(p.message, folder))
                              for p in owner.problems]


def _reserved(project: Project, path: Path) -> bool:
    """A file of a reserved folder that is not a journey file: no map, and said so
    when it is under maps/journeys/ (where the author meant something)."""
    parts = path.relative_to(project.maps_dir).parts
    if parts[0] not in RESERVED_FOLDERS:
        return False
    if parts[0] == JOURNEYS_FOLDER and len(parts) == 2:
        return False  # a journey file
    if parts[0] == JOURNEYS_FOLDER:
        project.cross_problems.append(Problem(
            display_path(path, project.root), 1, WHOLE_FILE,
            f"journey files sit directly in maps/{JOURNEYS_FOLDER}/ (maps/{JOURNEYS_FOLDER}/"
            "<id>.md); this one is no journey and no map: move it"))
    return True


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


def _is_persona_file(path: Path, maps_dir: Path) -> bool:
    return path.parent == maps_dir / PERSONAS_FOLDER


def _load_file(path: Path, root: Path, maps_dir: Path) -> JourneyMap | Persona | Journey:
    if _is_persona_file(path, maps_dir):
        return load_persona(path, root)
    if path.parent == maps_dir / JOURNEYS_FOLDER:
        return load_journey(path, root)
    return load_map(path, root, maps_dir)


def load_persona(path: Path, root: Path) -> Persona:
    persona, source = read_record(path, root, PERSONA_RECORD, Persona)
    persona.id = path.stem
    check_body(source)
    source.compact(_cross_checked)
    check_file_id(source, persona.id, "persona", "the persona gallery")
    persona.problems = source.problems
    return persona


def load_map(path: Path, root: Path, maps_dir: Path) -> JourneyMap:
    journey_map, source = read_record(path, root, MAP_RECORD, JourneyMap)
    journey_map.slug = path.relative_to(maps_dir).with_suffix("").as_posix()
    journey_map.title = journey_map.title or default_title(path.stem)
    if journey_map.slug == OVERVIEW:
        source.file_problem(1, f"the page of {source.file} would take the place of the "
                               "catalogue of maps: rename the file")
    check_body(source)
    source.compact(_cross_checked)
    journey_map.problems = source.problems
    return journey_map


def _cross_checked(path: FieldPath) -> bool:
    """Paths that checks across files (personas, answers, photos) may point at."""
    return (len(path) <= 1 or path[0] == "persona" or path[-1] in ("answer", "phase", "channel")
            or (len(path) == 3 and path[-1] == "name"))  # a stage's name: its phase


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
