"""Files named by authors: as they see them in problems, and what of them may be published."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, TypeVar

from ..model.fields import ID, Record
from ..model.persona import Persona
from ..model.project import Project
from ..model.source import Source
from .frontmatter import read_source

RecordT = TypeVar("RecordT")

#: Photos are published as they are: only raster images, which a browser never runs.
PHOTO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def display_path(path: Path, root: Path) -> str:
    """A path as authors see it in problems: relative to the repository root."""
    return Path(os.path.relpath(path, root)).as_posix()


def check_file_id(source: Source, file_id: str, noun: str, index_page: str) -> None:
    """A persona's or journey's id is its file name: an id, and not ``index``, the name
    of the page that lists them all (``index_page``)."""
    if not re.fullmatch(ID, file_id):
        source.file_problem(1, f"the {noun} id '{file_id}' (the file name) must be "
                               "lowercase letters, digits and '-': rename the file")
    if file_id == "index":
        source.file_problem(1, f"the {noun} id 'index' is taken by {index_page}: "
                               "rename the file")


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


def read_record(path: Path, root: Path, record: Record,
                empty: type[RecordT]) -> tuple[RecordT, Source]:
    """A file's front matter checked against its record (an ``empty()`` one where the file
    has none or it cannot be read: its problems say why), with the file's name, body and
    source filled in: what every kind of Markdown file in maps/ starts from."""
    source = read_source(path, display_path(path, root))
    found: Any = record.check(source.data, (), source) if source.data is not None else None
    found = found or empty()
    found.file, found.body, found.body_line = source.file, source.body, source.body_line
    found.source = source
    return found, source
