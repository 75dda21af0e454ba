"""Files named by authors: as they see them in problems, and what of them may be published."""

from __future__ import annotations

import os
from pathlib import Path

from ..model.persona import Persona
from ..model.project import Project

#: Photos are published as they are: only raster images, which a browser never runs.
PHOTO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


def display_path(path: Path, root: Path) -> str:
    """A path as authors see it in problems: relative to the repository root."""
    return Path(os.path.relpath(path, root)).as_posix()


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
