"""Shared fixtures: small projects written to a temporary folder, real site builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from journeymaps.load.project import load_project
from journeymaps.model.project import Project

# Property-based tests: a few hundred examples, the same ones on every run, in
# `make test`; `make fuzz` (--hypothesis-profile=fuzz) runs 10,000 new ones.
# No deadline: the tests assert on what happens, never on how long it takes.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("default", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.load_profile("default")

REPO = Path(__file__).resolve().parent.parent
MKDOCS_YML = """\
site_name: Test site
docs_dir: site_src
theme:
  name: material
plugins:
  - search
  - journeymaps
"""


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}``; text is dedented so tests can indent it."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def project_dir(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A project folder with mkdocs.yml, a home page and the given files."""

    def make(files: dict[str, str]) -> Path:
        base = {"mkdocs.yml": MKDOCS_YML, "site_src/index.md": "# Home\n"}
        write_tree(tmp_path, {**base, **files})
        return tmp_path

    return make


@pytest.fixture
def load(project_dir: Callable[[dict[str, str]], Path]) -> Callable[[dict[str, str]], Project]:
    """Load a project made of the given files (plus mkdocs.yml and a home page)."""

    def make(files: dict[str, str]) -> Project:
        root = project_dir(files)
        return load_project(root, root / "maps", root / "site_src")

    return make


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def mkdocs_build(root: Path, site: Path, *, strict: bool = True,
                 env: dict[str, str] | None = None) -> Build:
    """A real ``mkdocs build`` in a subprocess, as an author or CI runs it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env,
                          timeout=600)
    return Build(done.returncode, done.stdout + done.stderr, site)


def without_directory_urls(root: Path) -> Path:
    """The project at ``root`` with MkDocs' ``use_directory_urls: false`` (a site read
    from ``file://``)."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n",
                      encoding="utf-8")
    return root


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the repository's sample project (maps, docs, mkdocs.yml) to edit."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("maps", "site_src"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own sample site, built strictly once per test session."""
    build = mkdocs_build(REPO, tmp_path_factory.mktemp("sample") / "site")
    assert build.returncode == 0, build.output
    return build


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many property-based examples ran, by what they went through."""
    fuzz = sys.modules.get("test_fuzz")
    for what, count in (getattr(fuzz, "RAN", None) or {}).items():
        terminalreporter.write_line(f"fuzz: {count:,} examples ran through {what}")


def with_characters(text: str) -> str:
    """``text`` with the character references beyond Latin-1 that the writer makes
    (``pages.markdown.latin_1``) read as their characters, as HTML and Markdown read them."""
    return re.sub(r"&#(\d+);", lambda found: chr(int(found.group(1)))
                  if int(found.group(1)) > 0xFF else found.group(), text)
