"""The standalone project: what ``journeymaps generate --project`` writes and other
engines build.

A copy of the docs folder with the generated parts of its pages filled in, every
generated page and file beside them (the author's bodies cleaned as Markdown,
``safety.standalone``, since no engine will clean their HTML), the persona photos,
the bundled Mermaid with a loader on every page that draws a diagram, and a
configuration derived from mkdocs.yml (``config_file``) whose ``nav`` the
registry titles (``navigation``). The sources are only read.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..analysis.options import SiteOptions
from ..mkdocs import mermaid_assets
from ..model.project import Project
from ..pages import site_layout
from ..safety import standalone
from ..safety.sanitize import BODY_MARKER
from ..website.assembly import generate, photo_files, transform_docs_page
from . import config_file
from .navigation import navigation

CONFIG = "mkdocs.yml"
_FENCE = "```mermaid"


@dataclass(frozen=True)
class Written:
    """What writing the project did."""

    files: int
    #: what the author should know (a docs page replaced by a generated one, no Mermaid)
    warnings: list[str]


def write_project(project: Project, options: SiteOptions, source_config: Path,
                  target: Path, warn: Callable[[str], None] | None = None) -> Written:
    """Write the standalone project of ``project`` into ``target`` (an empty folder or
    one the caller may write over)."""
    warnings: list[str] = []
    docs = target / config_file.DOCS
    pages: dict[str, str] = {}
    count = 0
    if project.docs_dir is not None and project.docs_dir.is_dir():
        count += _copy_docs(project, options, project.docs_dir, docs, pages)
    for generated in generate(project, options):
        if generated.path in pages:
            warnings.append(f"{generated.path}: the docs folder has a page where journeymaps "
                            "puts a generated one; the generated page wins: move the docs page")
        content = generated.content
        if generated.path.endswith(".md"):
            content = standalone.clean_page(content)
            pages[generated.path] = content
        _write(docs / generated.path, content)
        count += 1
    for page, source in photo_files(project):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / page)
        count += 1
    count += _add_mermaid(project, docs, pages, warnings)
    nav = navigation(sorted(pages), options.labels)
    config = config_file.standalone(config_file.read(source_config), nav)
    _write(target / CONFIG, config_file.dump(config))
    return Written(count + 1, warnings)


def _copy_docs(project: Project, options: SiteOptions, source: Path, docs: Path,
               pages: dict[str, str]) -> int:
    count = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        page = path.relative_to(source).as_posix()
        if page.endswith(".md"):
            content = transform_docs_page(page, path.read_text(encoding="utf-8"), project,
                                          options)
            pages[page] = content
            _write(docs / page, content)
        else:
            (docs / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, docs / page)
        count += 1
    return count


def _add_mermaid(project: Project, docs: Path, pages: dict[str, str],
                 warnings: list[str]) -> int:
    """The bundled Mermaid, and its loader on every page that draws a diagram (as the
    plugin adds it): the theme then never fetches Mermaid from a CDN."""
    found = mermaid_assets.find_bundled([project.root])
    if found is None:
        warnings.append(mermaid_assets.MISSING)
        return 0
    (docs / mermaid_assets.SITE_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(found, docs / mermaid_assets.SITE_PATH)
    for page, content in pages.items():
        if _FENCE in content:
            pages[page] = with_loader(content, _relative(mermaid_assets.SITE_PATH, page))
            _write(docs / page, pages[page])
    return 1


def with_loader(markdown: str, src: str) -> str:
    """The page's Markdown with the loader as an HTML block: before the author's body,
    which no author text can then keep from running (an unclosed fence, say)."""
    block = mermaid_assets.loader(src)
    head, marker, body = markdown.partition(BODY_MARKER)
    if marker:
        return f"{head.rstrip()}\n\n{block}\n\n{marker}{body}"
    return f"{markdown.rstrip()}\n\n{block}\n"


def _relative(target: str, page: str) -> str:
    """``target`` (a site path) relative to the directory URL of ``page``."""
    url = site_layout.page_url(page)
    return posixpath.relpath(target, url or ".") if url else target


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")
