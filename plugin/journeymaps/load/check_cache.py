"""The result of checking a whole project, kept on disk for the next run that finds
every file as it was.

``journeymaps check`` loads and validates every file and runs the checks across
files; on a thousand maps that takes a second and more, and most runs (a
pre-commit hook, an editor's save) find nothing changed. The key is a digest of
the content of every file below the maps and docs folders, of the site's
configuration and of the package itself, so any change anywhere (a persona
renamed, an answer page deleted) means a whole new check, cross-file checks
included. What is kept is plain JSON (problems and counts), never code: a
tampered cache can make the command print wrong problems, not run anything.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..model.problem import Problem
from ..model.project import Project

#: Where the cache lives, below the project folder (ignored by git).
FOLDER = Path(".cache") / "journeymaps"
_FILE = "check.json"
#: The package's own files: a change of the code is a change of the result.
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` prints of a whole project."""

    problems: list[Problem]
    maps: int
    personas: int
    articles: int
    #: the company-wide definitions checked: "3 journey files", "maps/lifecycle.yml"...
    definitions: tuple[str, ...] = ()

    @classmethod
    def of(cls, project: Project) -> CheckResult:
        journeys = len(project.journeys)
        definitions = [f"{journeys} journey file{'s' if journeys != 1 else ''}"] if journeys else []
        definitions += [d.file for d in (project.lifecycle, project.channel_catalogue) if d]
        return cls(project.problems, len(project.maps), len(project.personas),
                   len(project.articles), tuple(definitions))


def project_key(folders: list[Path], settings: bytes) -> str:
    """A digest of every file below ``folders`` (path and content), of ``settings``
    (the site's configuration file) and of this package's version and code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}\0".encode())
    digest.update(settings)
    for name, path in _files(str(_PACKAGE), ".py"):  # by size and time: not an author's
        stat = os.stat(path)
        digest.update(f"\0{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in folders:
        digest.update(f"\0folder:{folder}".encode())
        for name, path in _files(str(folder)):
            digest.update(f"\0{name}\0".encode())
            with open(path, "rb") as file:
                digest.update(hashlib.blake2b(file.read(), digest_size=20).digest())
    return digest.hexdigest()


def _files(folder: str, suffix: str = "") -> list[tuple[str, str]]:
    """(path below ``folder`` with ``/``, path) of each file, in a stable order; plain
    strings, not ``Path``s: a check that finds nothing changed is mostly this walk."""
    found: list[tuple[str, str]] = []
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        below = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if below == "." else below + "/"
        found += [(prefix + name, os.path.join(parent, name))
                  for name in sorted(names) if name.endswith(suffix)]
    return found


def read(cache_dir: Path, key: str) -> CheckResult | None:
    """The kept result for ``key``, or None (none kept, another key, unreadable)."""
    try:
        data = json.loads((cache_dir / _FILE).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        problems = [Problem(str(p["file"]), int(p["line"]), str(p["path"]), str(p["message"]),
                            "warning" if p["severity"] == "warning" else "error")
                    for p in data["problems"]]
        return CheckResult(problems, int(data["maps"]), int(data["personas"]),
                           int(data["articles"]), tuple(map(str, data["definitions"])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(cache_dir: Path, key: str, result: CheckResult) -> None:
    """Keep ``result``; a cache that cannot be written only costs the next run time."""
    data = {"key": key, "maps": result.maps, "personas": result.personas,
            "articles": result.articles, "definitions": list(result.definitions),
            "problems": [p.to_dict() for p in result.problems]}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache_dir / f"{_FILE}.{os.getpid()}"
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.replace(cache_dir / _FILE)  # never half a file for another run to read
    except OSError:
        pass
