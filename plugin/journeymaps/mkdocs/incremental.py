"""``mkdocs serve --dirty`` made right for journeymaps' pages: a rebuild renders again
only the pages whose output can have changed, and the site is then what a full
build would give.

MkDocs' ``--dirty`` renders a page only when ``File.is_modified()`` says so (its
source is newer than its output), and warns that navigation will be wrong: a page
it skips is not read, so the navigation of the pages it does render shows the
skipped pages' file names instead of their titles; a page whose navigation changed
keeps the old one; a deleted page stays in the site; search knows only the
rendered pages. Here, each build:

- ``plan`` (navigation event): a generated page whose Markdown is byte for byte the
  last build's (the spool says which changed) is skipped; hand-written pages, whose
  filled-in parts depend on the maps, and every page after a change of mkdocs.yml,
  of the theme's custom folder, or a failed build, are rendered;
- ``replay`` (as MkDocs reads the pages, when it asks a skipped page whether it
  changed): the page reads its front matter again (title and metadata, for the
  navigation), and the plugins see its Markdown (``on_page_markdown``: Material's
  tags collect every page's tags), in the order of a full build;
- ``settle`` (environment event): if the navigation differs in any way from the last
  build's (a title, a page added, renamed or removed, a file added), every skipped
  page is rendered after all;
- ``finish`` (after the build): the outputs of files gone since the last build are
  removed, and the search index is written whole (``search_index``).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from .search_index import SearchIndex, keep_search_of, reset_other_plugins
from .table_rows import TableRows

#: Front matter a theme shows on the page itself only, never in another page's
#: navigation: a change of these re-renders that page alone.
PAGE_LOCAL_META = frozenset({"tags", "description", "hide", "search", "template", "author"})


@dataclass
class _LastBuild:
    config: bytes
    navigation: bytes
    #: the output of every file of the build, to remove those of files gone since
    outputs: set[str]
    rendered_uris: set[str]


class Incremental:
    def __init__(self) -> None:
        self.last: _LastBuild | None = None
        self.search = SearchIndex()
        #: big generated pages rendered again by their changed table rows only
        self.rows = TableRows()
        #: this build's skipped pages (src_uri); empty means every page is rendered
        self.skipped: set[str] = set()
        self._config = b""
        self._nav: Navigation | None = None
        self._files: Files | None = None
        self._mkdocs_config: MkDocsConfig | None = None
        #: a skipped page's source, and what reading it gave: (source, Markdown, meta)
        self._read: dict[str, tuple[str, str, dict[str, Any]]] = {}
        #: this build's generated pages whose file the spool left as the last build's
        self._unchanged: set[str] = set()

    def plan(self, files: Files, nav: Navigation, config: MkDocsConfig, *,
             generated: set[str], changed: set[str]) -> None:
        """Decide which of ``generated`` (the plugin's pages) this build may skip."""
        self._config, self._nav, self._files = _config_signature(config), nav, files
        self._mkdocs_config = config
        unchanged = generated - changed
        # what was read of a page holds while the spool has not written its file again
        self._read = {uri: read for uri, read in self._read.items() if uri in unchanged}
        self._unchanged = unchanged
        last = self.last
        self.skipped = set()
        same = last is not None and last.config == self._config and self.search.understood
        self.rows.begin(config, patch=same)
        for file in files.documentation_pages():
            if file.src_uri in generated and file.page is not None:
                self.rows.install(file.page)
        if not same or last is None:
            # every page, also those whose output in an old site folder is newer than
            # their source (MkDocs' own test would skip them, unread: no title)
            for file in files.documentation_pages():
                if file.src_uri in generated and file.page is not None:
                    self._remember_read(file.page)
                _mark(file, self)
            return
        keep_search_of(config.plugins, lambda uri: uri in self.rows.search_kept)
        for file in files.documentation_pages():
            if file.src_uri in unchanged and file.src_uri in last.rendered_uris and \
                    os.path.isfile(file.abs_dest_path):
                self.skipped.add(file.src_uri)
            _mark(file, self)

    def rendered(self, file: File) -> bool:
        return file.src_uri not in self.skipped

    def replay(self, file: File) -> None:
        """A skipped page, when MkDocs would have read it: its front matter (title and
        metadata, for the navigation), and its Markdown shown to the plugins that
        collect from every page (Material's tags), in the order of a full build."""
        page, config, files = file.page, self._mkdocs_config, self._files
        if page is None or config is None or files is None or page.markdown is not None:
            return
        self._read_source(page, config)
        assert page.markdown is not None
        config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)

    def _remember_read(self, page: Page) -> None:
        """``page`` reads its source as a skipped page does, so that the next build
        finds its front matter read: after a preview's first build, reading and
        parsing every generated page again was a quarter of the first edit's wait."""
        def read_source(config: MkDocsConfig) -> None:
            self._read_source(page, config)
        page.read_source = read_source  # type: ignore[method-assign]

    def _read_source(self, page: Page, config: MkDocsConfig) -> None:
        """``Page.read_source``, with the front matter of a source read before taken
        from then: parsing the YAML of a thousand unchanged pages was a tenth of a
        rebuild, and reading their files again another. The metadata is copied, so
        that no plugin's change of one build's ``page.meta`` reaches the next."""
        source = config.plugins.on_page_read_source(page=page, config=config)
        uri = page.file.src_uri
        read = self._read.get(uri)
        # an unchanged spooled page's file is the one read: ``plan`` forgets it once
        # the spool rewrites it
        if source is not None or read is None or uri not in self._unchanged:
            source = page.file.content_string if source is None else source
            if read is None or read[0] != source:
                read = (source, *meta.get_data(source))
                self._read[uri] = read
        page.markdown, page.meta = read[1], _copied(read[2])

    def settle(self, config: MkDocsConfig, files: Files) -> None:
        """Every page read: if the navigation differs from the last build's in any way,
        the skipped pages, and those rendered by their changed rows, are rendered after
        all."""
        if not (self.skipped or self.rows.patched) or self._nav is None or self.last is None:
            return
        if _navigation_signature(self._nav, files) == self.last.navigation:
            return
        again = self.skipped | self.rows.stop()
        pages = [file.page for file in files.documentation_pages()
                 if file.src_uri in again and file.page is not None]
        self.skipped = set()
        for page in pages:
            _populate(page, config, files)

    def finish(self, config: MkDocsConfig) -> bool:
        """After a ``--dirty`` build: the outputs of files gone since the last build
        removed, the search index made whole, and what the next build compares
        against. False when the search index could not be made whole."""
        nav, files = self._nav, self._files
        if nav is None or files is None:
            return True
        pages = [f for f in files.documentation_pages() if f.page is not None]
        outputs = {file.abs_dest_path for file in files}
        if self.last is not None:
            _remove(self.last.outputs - outputs, config.site_dir)
        urls = [_url(file) for file in pages]  # as search entries name them
        kept = self.rows.search_kept
        if not self.skipped and not kept:
            self.search.learn(config.site_dir, urls)
        elif not self.search.merge(config.site_dir, urls,
                                   {_url(f) for f in pages if self.rendered(f)
                                    and f.src_uri not in kept}):
            self.forget()  # the next build renders every page, and the index is whole again
            return False
        reset_other_plugins(config.plugins)
        present = {f.src_uri for f in pages}
        self._read = {uri: read for uri, read in self._read.items() if uri in present}
        self.last = _LastBuild(self._config, _navigation_signature(nav, files), outputs,
                               present)
        return True

    def forget(self) -> None:
        """A failed build: the next renders everything."""
        self.last, self.skipped = None, set()
        self._read, self._unchanged = {}, set()
        self.search.forget()
        self.rows.forget()


#: values YAML gives that no plugin can change in place
_IMMUTABLE = (str, int, float, bool, type(None), dt.date)


def _copied(value: Any) -> Any:
    """``copy.deepcopy`` of front matter, quicker for what YAML gives: mappings, lists
    and immutable scalars (anything else is deep-copied)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)


def _url(file: File) -> str:
    assert file.page is not None
    return file.page.url  # "" for the home page, where File.url says "./"


def _mark(file: File, incremental: Incremental) -> None:
    """MkDocs asks ``is_modified()`` of each page under ``--dirty``: answer it."""
    def is_modified() -> bool:
        if incremental.rendered(file):
            return True
        incremental.replay(file)  # asked first as MkDocs reads the pages, in their order
        return False
    file.is_modified = is_modified  # type: ignore[method-assign]


def _populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs does to a page it reads (``build._populate_page``), by its public API."""
    config._current_page = page  # what the `!relative` of Markdown extensions' options reads
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page,
                                                        config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page,
                                                      config=config, files=files)
    finally:
        config._current_page = None


def _navigation_signature(nav: Navigation, files: Files) -> bytes:
    """A digest of everything of the site one page's output shows of the others: the
    navigation (titles, addresses, metadata a theme may show there, order, hence
    "previous" and "next") and the address of every file (links resolve to them)."""
    text = repr(([_item(item) for item in nav.items],
                 [(file.src_uri, file.url) for file in files]))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _item(item: Any) -> tuple[Any, ...]:
    if isinstance(item, Section):
        return ("section", item.title, [_item(child) for child in item.children])
    if isinstance(item, Page):
        meta = sorted((k, repr(v)) for k, v in item.meta.items() if k not in PAGE_LOCAL_META)
        return ("page", item.file.src_uri, item.url, item.title, meta)
    return ("link", item.title, getattr(item, "url", None))


def _config_signature(config: MkDocsConfig) -> bytes:
    """The site's configuration file and the theme's custom folder, as they are now."""
    digest = hashlib.blake2b(digest_size=16)
    path = config.config_file_path
    if path and os.path.isfile(path):
        digest.update(Path(path).read_bytes())
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, _, names in sorted(os.walk(custom)):
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.digest()


def _remove(outputs: set[str], site_dir: str) -> None:
    """Files of the site folder no file of the build writes any more, and the folders
    they leave empty."""
    site = Path(site_dir).resolve()
    for output in sorted(outputs):
        path = Path(output)
        if site not in path.resolve().parents:
            continue
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for all rebuilds: MkDocs makes a new Jinja
    environment for every build, which compiles Material's templates again (a good
    part of a second). Jinja checks each template's source against its entry."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
