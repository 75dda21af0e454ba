"""Every page the site gets from the maps, as Markdown: the core's whole output.

The MkDocs plugin adds these pages to a build; ``journeymaps generate`` writes
them to a folder for any other Markdown site generator. Both call this module,
so the two can never differ. Which pages there are is the registry's
(``website.registry``); this module builds them and fills hand-written pages.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analysis.fragments import keep_on
from ..analysis.options import SiteOptions
from ..load.files import photo_file
from ..load.parallel import fan_out
from ..model.project import Project
from ..pages import site_layout
from ..pages.kb_page import asked_by
from .memo import PageMemo
from .registry import PAGES, Context, expand_markers


@dataclass(frozen=True)
class GeneratedFile:
    """A page (``.md``) or a data file, at its path in the docs tree."""

    path: str
    content: str
    #: the author's file it is made from, relative to the repository root
    source: str | None = None
    #: taken from the memo: the very content the last build gave this path
    kept: bool = False


def generate(project: Project, options: SiteOptions | None = None,
             memo: PageMemo | None = None) -> Iterator[GeneratedFile]:
    """The site's generated pages and exports, in a stable order; rendered by several
    processes at once where the project is large (``parallel.fan_out``). With a
    ``memo`` (a live preview's), pages whose inputs are unchanged since the memo's
    last build are taken from it instead of being built again."""
    options = options or SiteOptions()
    jobs = list(_jobs(project, options, memo))
    project.warm_up()  # what every page looks up, computed once, before any fork
    if memo is None:
        return fan_out(lambda i: jobs[i].run(), len(jobs))
    memo.begin(project, options)
    keep_on(project, memo.fragments)  # what analyses compute per map, kept too
    return _with_memo(jobs, memo)


@dataclass(frozen=True)
class _Job:
    path: str
    source: str | None
    build: Callable[[], str]
    #: the objects the page is made from (``Entry.inputs``); None: built every time
    key: tuple[Any, ...] | None
    #: a page over the whole project (a report), not one per map, persona or journey
    whole: bool = False

    def run(self) -> GeneratedFile:
        return GeneratedFile(self.path, self.build(), self.source)


def _jobs(project: Project, options: SiteOptions, memo: PageMemo | None) -> Iterator[_Job]:
    fragments = memo.fragments if memo else None
    for entry in PAGES:
        for path, item in entry.paths(project):
            source = entry.source(item) if entry.source else None
            context = Context(project, options, path, item, fragments)
            # keys only for a memo: a full build pays nothing for them
            key = tuple(entry.inputs(context)) if memo and entry.inputs else None
            yield _Job(path, source, lambda build=entry.build, context=context: build(context),
                       key, whole=entry.each is None)


def _with_memo(jobs: list[_Job], memo: PageMemo) -> Iterator[GeneratedFile]:
    """The jobs' files in order: the memo's where it has them, the others built (the
    pages of single maps, personas and journeys by several processes where there are
    many) and kept for the next build.

    The reports are built in this process: the parts they keep per map
    (``memo.fragments``) would stay in a worker. Forked workers run only in a
    preview's first build (beside the server's threads, ``fan_out`` forks none), and
    the first edit after it cost twice the others, every report's rows made again."""
    kept = [memo.reuse(job.path, job.key) for job in jobs]
    spread = [i for i, content in enumerate(kept) if content is None and not jobs[i].whole]
    built = fan_out(lambda j: jobs[spread[j]].run(), len(spread))
    for job, content in zip(jobs, kept, strict=True):
        if content is None:
            made = job.run() if job.whole else next(built)
            memo.built_page(job.path, job.key, made.content)
            yield made
        else:
            yield GeneratedFile(job.path, content, job.source, kept=True)
    memo.finish({job.path for job in jobs})


def photo_files(project: Project) -> Iterator[tuple[str, Path]]:
    """Persona photos kept beside persona files: (path in the docs tree, file)."""
    for persona in project.personas.values():
        source = photo_file(project, persona)  # only images inside maps/ (SECURITY.md)
        if source is None or not persona.photo:
            continue
        page = posixpath.normpath(posixpath.join(site_layout.PERSONAS, persona.photo))
        if not page.startswith(".."):
            yield page, source


def transform_docs_page(page: str, markdown: str, project: Project,
                        options: SiteOptions | None = None) -> str:
    """A hand-written docs page with the generated parts it asks for filled in.

    The parts that carry author text from maps (the "Asked by" section, the key
    figures) are marked as regions (``options.regions``), so that the plugin cleans
    their HTML as it cleans a generated page's, and leaves the rest of the page alone.
    """
    options = options or SiteOptions()
    section = asked_by(page, project, options.labels)
    if section:
        markdown = f"{markdown.rstrip()}\n\n{options.regions.wrap(section)}\n"
    return expand_markers(markdown, Context(project, options, page))
