"""The MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..analysis.options import SiteOptions
from ..language.labels import ENGLISH, Labels, load_labels
from ..load.cache import FileCache
from ..load.project import load_project
from ..model.project import Project
from ..pages import site_layout
from ..pages.markdown import latin_1
from ..pages.stage_search import stage_entries
from ..safety.sanitize import CleanedPages, Regions, clean_fragments, clean_page
from ..website import registry
from ..website.assembly import generate, photo_files, transform_docs_page
from ..website.memo import PageMemo
from ..website.spool import Spool
from . import companions, mermaid_assets, search_index, sidebar, watcher
from .collector import DeferredCollection
from .config import JourneyMapsConfig
from .incremental import CompiledTemplates, Incremental
from .memory import release
from .parking import Parking
from .prerendered import PrerenderedExtension

log = logging.getLogger("mkdocs.plugins.journeymaps")

#: The label of each generated section's title in the navigation, by its folder.
NAV_TITLES = registry.navigation_titles()
#: The label of the section that groups the report pages, and those pages in order.
REPORTS_TITLE = registry.REPORTS_TITLE
REPORTS = registry.report_pages()


class JourneyMapsPlugin(BasePlugin[JourneyMapsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = FileCache()  # lives across rebuilds of `mkdocs serve`
        self.project: Project | None = None
        #: every generated page: its HTML is cleaned whole (``sanitize.clean_page``)
        self.generated_pages: set[str] = set()
        #: this build's generated files (pages and exports), for companions.keep_generated
        self.generated_files: list[File] = []
        #: each generated page made from one author's file: that file (for git companions)
        self.sources: dict[str, Path] = {}
        #: marks the generated parts of hand-written pages, cleaned alone (new each build)
        self.regions = Regions()
        self.root = Path.cwd()
        self.labels: Labels = ENGLISH
        #: MkDocs' repo_url and edit_uri, for the FAQ gaps' "Write the article" links
        self.repository = ("", "")
        #: where the generated files wait for MkDocs to read them (see ``_add``); kept
        #: across the rebuilds of ``mkdocs serve``, which then rewrite only what changed
        self.spool = Spool()
        self.serving = False
        #: ``--dirty``: a rebuild renders only the pages whose output can have changed
        self.dirty = False
        self.incremental = Incremental()
        #: the generated pages of the last build, reused while their inputs are unchanged
        #: (``mkdocs serve`` only: a full build generates every page)
        self.memo = PageMemo()
        self.templates = CompiledTemplates()
        self.nav: Navigation | None = None
        #: the pages' own HTML, past Markdown and search (``prerendered``), and each
        #: page's fragments, cleaned, until MkDocs writes the page
        self.prerendered = PrerenderedExtension(token=secrets.token_hex(8))
        self.fragments: dict[str, dict[int, str]] = {}
        #: a full build's generated pages, compressed between rendering and writing
        self.parking = Parking(self.fragments)
        self.incremental.rows.stash = lambda line: self.prerendered.placeholder(line,
                                                                               block=True)
        #: fragments and table rows cleaned by the last build (``mkdocs serve`` only)
        self.cleaned = CleanedPages()
        #: a preview's rebuilds collect their garbage after the edit shows
        self.collection = DeferredCollection()
        #: the server's file watcher, idle while a rebuild runs
        self.watching = watcher.Pause()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin, its cache and spool across serve
        rebuilds."""
        self.serving, self.dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.serving and self.memo.kept:  # a rebuild, not the first build
            self.collection.pause()
        self.watching.hold()
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        _require_markdown_extensions(config)
        self.prerendered.index_html = not config.use_directory_urls
        config.markdown_extensions.append(self.prerendered)
        if not self.serving:
            self.parking.attach(config.plugins)
        companions.adapt(config.plugins, self.config.mermaid)
        companions.run_after_i18n(config.plugins, self._keep_generated,
                                  lambda: self.generated_pages)
        self.repository = (config.repo_url or "", config.edit_uri or "")
        # Material's search splits Chinese text into words with jieba, which logs the
        # loading of its dictionary on every build: keep the build log to what matters
        logging.getLogger("jieba").setLevel(logging.WARNING)
        if site_layout.STYLESHEET not in config.extra_css:
            config.extra_css.append(site_layout.STYLESHEET)
        if site_layout.SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(site_layout.SCRIPT)
        return config

    @event_priority(100)  # after every on_config, before the search plugin's on_pre_build
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            companions.one_search_separator(config.plugins)

    @property
    def maps_dir(self) -> Path:
        return self.root / self.config.maps_dir

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # read here, not in on_config: mkdocs-static-i18n sets each language build's
        # theme.language in its own on_config, which runs after this plugin's
        self.labels = _site_labels(config, self.config.labels)
        project = load_project(self.root, self.maps_dir, Path(config.docs_dir), self.cache)
        self.project = project
        self.generated_pages = set()
        self.generated_files = []
        self.regions = Regions()
        self.spool.begin()
        for problem in project.problems:
            if problem.severity == "warning":  # reported, but never fails --strict
                log.info(f"warning: {problem}")
            else:
                log.warning(str(problem))
        sources = {}
        memo = self.memo if self.serving else None
        for generated in generate(project, self.options, memo):
            file = self._add(files, config, generated.path, generated.content,
                             kept=generated.kept)
            self.generated_files.append(file)
            self.generated_pages.add(file.src_uri)
            if generated.source:  # "Edit this page" opens the map file, outside docs_dir
                file.edit_uri = Path(os.path.relpath(self.root / generated.source,
                                                     config.docs_dir)).as_posix()
                sources[file.src_uri] = self.root / generated.source
        companions.date_from_sources(config.plugins, sources)
        self.sources = sources
        for page, source in photo_files(project):
            if files.get_file_from_path(page) is None:
                files.append(File.generated(config, page, abs_src_path=str(source)))
        self._add_mermaid(files, config)
        self.spool.finish()
        if not self.serving:
            self.parking.pages = self.generated_pages
            release()  # what loading and generating left, before MkDocs renders
        return files

    @event_priority(-110)  # after mkdocs-static-i18n's on_files (-100)
    def _keep_generated(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Registered only beside mkdocs-static-i18n (``companions.run_after_i18n``)."""
        if not self.config.enabled:
            return None
        return companions.keep_generated(config.plugins, files, self.generated_files, config)

    @property
    def options(self) -> SiteOptions:
        return SiteOptions(stale_after_days=self.config.stale_after_days, labels=self.labels,
                           regions=self.regions, repo_url=self.repository[0],
                           edit_uri=self.repository[1])

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled or self.project is None or page.file.generated_by:
            return None
        return transform_docs_page(page.file.src_uri, markdown, self.project, self.options)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Generated pages are cleaned whole, hand-written ones where journeymaps filled
        something in: escaping is the first layer, this the second (SECURITY.md). Pages
        with a diagram then get the Mermaid loader, the one script the plugin writes."""
        if not self.config.enabled:
            return None
        # a preview's: what the last rendering of the page cleaned is not cleaned again
        kept = self.cleaned.page(page.file.src_uri) if self.serving else None
        if page.file.src_uri in self.generated_pages:
            html = clean_page(html, kept)
        else:
            html = self.regions.clean(html)
        found = self.prerendered.take()
        if found:  # a page rendered again by its table rows keeps the others
            cleaned = clean_fragments(list(found.values()), svg=True, kept=kept)
            if not self.serving:  # held until written, a byte a character (``latin_1``)
                cleaned = [latin_1(fragment) for fragment in cleaned]
            self.fragments.setdefault(page.file.src_uri, {}).update(
                zip(found, cleaned, strict=True))
        bundled = get_relative_url(mermaid_assets.SITE_PATH, page.url)
        return mermaid_assets.with_loader(
            html, mermaid_assets.script_source(self.config.mermaid, bundled))

    @event_priority(-50)  # after git-committers' own (0), which asked for a docs path
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        source = self.sources.get(page.file.src_uri) if self.config.enabled else None
        if source is not None:
            companions.committers_from_source(config.plugins, context, source)
        return context

    @event_priority(100)  # before any other plugin reads the finished page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        fragments = self.fragments.pop(page.file.src_uri, {})
        output, used = self.prerendered.restore(output, fragments)
        if self.serving and used:  # for the next rebuild, which may keep this render
            self.fragments[page.file.src_uri] = {n: fragments[n] for n in used}
        return output

    def _add_mermaid(self, files: Files, config: MkDocsConfig) -> None:
        if self.config.mermaid != mermaid_assets.BUNDLED:
            return
        found = mermaid_assets.find_bundled([self.root])
        if found is None:
            log.warning(mermaid_assets.MISSING)
        elif not files.get_file_from_path(mermaid_assets.SITE_PATH):
            files.append(File.generated(config, mermaid_assets.SITE_PATH,
                                        abs_src_path=str(found)))

    def _add(self, files: Files, config: MkDocsConfig, page: str, content: str, *,
             kept: bool = False) -> File:
        """Add a generated file, spooled to disk: MkDocs then reads it when it needs it,
        as it reads a docs page, instead of holding every page's Markdown twice."""
        existing = files.get_file_from_path(page)
        if existing is not None:
            log.warning(f"{page}: the docs folder has a page where journeymaps puts a "
                        f"generated one; the generated page wins: move the docs page")
            files.remove(existing)
        spooled = self.spool.put(page, content, kept=kept)
        file = File.generated(config, page, abs_src_path=spooled)
        if page.endswith(".md") and not config.use_directory_urls:
            # the contract promises directory URLs whatever the site's setting; links
            # name the file, which a file:// site (Material's offline plugin) opens
            file.dest_uri = site_layout.page_url(page) + "index.html"
            file.url = file.dest_uri
        files.append(file)
        return file

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        titles = {folder: self.labels[key] for folder, key in NAV_TITLES.items()}
        for item in nav.items:
            if isinstance(item, Section):
                folder = _folder_of(item)
                if folder in titles:
                    item.title = titles[folder]
        reports = self.labels[REPORTS_TITLE]
        if not config.nav:  # a site's own nav keeps the shape it was given
            _group_reports(nav, reports)
            sidebar.shorten(nav, self.config.sidebar_limit)
        rank = {title: i for i, title in enumerate([*titles.values(), reports], 1)}
        nav.items.sort(key=lambda item: 0 if getattr(item, "is_homepage", False)
                       else rank.get(item.title or "", len(rank) + 1))
        if self.dirty:
            self.nav = nav
            self.incremental.plan(files, nav, config, generated=self.generated_pages,
                                  changed=self.spool.changed)
        return nav

    @event_priority(150)  # before Material's tags plugin lists the pages' tags (100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and self.serving:
            env.bytecode_cache = self.templates
        if self.config.enabled and self.dirty:
            self.incremental.settle(config, files)
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.dirty and self.nav is not None:
            skipped = len(self.incremental.skipped)
            if skipped:
                log.info(f"journeymaps: {skipped} unchanged pages kept, the others rendered "
                         "again")
            if not self.incremental.finish(config):
                log.warning("journeymaps: this preview's search knows only the pages "
                            "rendered again; the next change renders every page")
            elif not self.incremental.search.understood:
                log.info("journeymaps: the site's search index is not one journeymaps "
                         "can keep whole: every change renders every page again")
        if self.config.enabled and self.project is not None:  # after the index is whole
            sections = stage_entries(self.project)
            # a preview's index is written from the entries kept whole, not read again
            if not (self.dirty and self.incremental.search.write(config.site_dir, sections)):
                search_index.add_sections(config.site_dir, sections)
        self.cleaned.finish()
        self.parking.clear()
        if not self.serving:
            self.spool.close()
        self.collection.resume()
        self.watching.release()

    def on_build_error(self, *, error: Exception) -> None:
        self.incremental.forget()
        self.memo.forget()
        self.cleaned.clear()
        self.parking.clear()
        self.collection.resume()
        self.watching.release()
        if not self.serving:
            self.spool.close()

    def on_shutdown(self) -> None:
        self.spool.close()
        self.incremental.forget()
        self.memo.forget()
        self.cleaned.clear()
        self.fragments.clear()  # a preview's, kept for its next rebuild (shared: cleared)
        self.parking.clear()
        self.collection.stop()
        self.watching.release()
        self.serving = self.dirty = False

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        if self.config.poll_interval < watcher.MKDOCS_INTERVAL and \
                not watcher.poll_every(server, self.config.poll_interval):
            log.info("journeymaps: this server's file watcher keeps its own interval")
        if self.maps_dir.is_dir():
            server.watch(str(self.maps_dir))
        self.watching.attach(server)
        return server


def _site_labels(config: MkDocsConfig, overrides: dict[str, Any]) -> Labels:
    """The labels of theme.language with the site's overrides; what is wrong is logged.

    An unknown language is a warning that never fails ``--strict`` (the site is
    sound, only in English); an override that cannot be used is an error.
    """
    language = config.theme.get("language")
    loaded = load_labels(language, overrides)
    for warning in loaded.warnings:
        log.info(f"warning: {warning}")
    for error in loaded.errors:
        log.warning(f"{Path(config.config_file_path or 'mkdocs.yml').name}: "
                    f"plugins.journeymaps.{error}")
    return loaded.labels


def _group_reports(nav: Navigation, title: str) -> None:
    """Move the top-level report pages into one "Reports" section, in report order."""
    order = {page: i for i, page in enumerate(REPORTS)}
    reports = [item for item in nav.items if isinstance(item, Page) and item.file.src_uri in order]
    if not reports:
        return
    reports.sort(key=lambda page: order[page.file.src_uri])
    section = Section(title, reports)  # type: ignore[arg-type]
    for page in reports:
        page.parent = section
    nav.items = [item for item in nav.items if item not in reports] + [section]


def _folder_of(section: Section) -> str | None:
    """The top folder of the first page below a navigation section."""
    for child in section.children:
        if isinstance(child, Section):
            found = _folder_of(child)
            if found:
                return found
        elif getattr(child, "file", None) is not None:
            return child.file.src_uri.split("/", 1)[0]
    return None


def _require_markdown_extensions(config: MkDocsConfig) -> None:
    """Turn on the Markdown extensions generated pages rely on, if the site has not."""
    from pymdownx.superfences import fence_code_format

    for name in ("tables", "admonition", "attr_list", "md_in_html", "pymdownx.superfences"):
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault(
        "custom_fences", [])
    if not any(f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})

