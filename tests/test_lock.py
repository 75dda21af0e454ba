"""requirements-lock.txt: every Python package of .venv/ at one version, from any index.

`make lock` writes it from pyproject.toml; `make site` and `make test` install .venv/ from it.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10; the lock has tomli for it
    import tomli as tomllib

LOCK = REPO / "requirements-lock.txt"
#: `name==version`, then the environment marker of a fork (one version per Python range)
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins() -> list[tuple[str, str, Marker | None]]:
    """(name, version, marker) of every requirement of the lock."""
    found = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line[:1].isalnum():
            match = _PIN.match(line)
            assert match, f"not an exact pin: {line!r}"
            name, version, marker = match.groups()
            found.append((canonicalize_name(name), version, Marker(marker) if marker else None))
    return found


def locked_here() -> dict[str, str]:
    """The lock's version of each package this Python and platform install."""
    return {name: version for name, version, marker in pins()
            if marker is None or marker.evaluate()}


def test_every_requirement_is_pinned_and_hashed_with_no_index_named() -> None:
    text = LOCK.read_text(encoding="utf-8")
    # an index or a path of the machine that wrote the lock would be tried on every other
    assert not re.search(r"://|^\s*-(-index-url|-extra-index-url|-find-links|i|f)\b", text,
                         re.MULTILINE)
    blocks = re.findall(r"^[A-Za-z0-9].*?(?=^[A-Za-z0-9]|\Z)", text, re.MULTILINE | re.DOTALL)
    assert len(blocks) == len(pins()) > 40
    assert all("--hash=sha256:" in block for block in blocks)


def test_the_lock_meets_pyproject() -> None:
    """A dependency added to or narrowed in pyproject.toml without `make lock` fails here."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["build-system"]["requires"], *project["project"]["dependencies"],
              *project["project"]["optional-dependencies"]["test"]]
    versions: dict[str, list[str]] = {}
    for name, version, _marker in pins():
        versions.setdefault(name, []).append(version)
    for requirement in map(Requirement, wanted):
        locked = versions.get(canonicalize_name(requirement.name))
        assert locked, f"{requirement.name} is not in the lock: run `make lock`"
        assert all(requirement.specifier.contains(v, prereleases=True) for v in locked), (
            f"{requirement} but the lock has {', '.join(locked)}: run `make lock`")


@pytest.mark.skipif(not (Path(sys.prefix) / ".installed-stamp").is_file(),
                    reason="a venv that make did not install from the lock "
                           "(`make test-latest` runs the newest releases)")
def test_venv_holds_exactly_the_lock() -> None:
    """What make installed, as the Makefile's stamp says, is the lock and nothing else."""
    installed = {canonicalize_name(dist.metadata["Name"]): dist.version
                 for dist in metadata.distributions()}
    del installed["journeymaps"]  # the project itself, editable
    assert installed == locked_here()
