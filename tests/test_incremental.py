"""`mkdocs serve --dirty` rebuilds, as `make serve` runs them: one plugin instance
through several builds in one process, with an edit, an addition, a rename and a
deletion in between. After each, every file of the served site must be what a
fresh full build of the same files writes, byte for byte (the sitemap's build
dates apart), and the rebuild must have skipped the pages the edit left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeymaps.mkdocs import table_rows
from journeymaps.mkdocs.plugin import JourneyMapsPlugin
from journeymaps.website.spool import Spool

URL = "http://127.0.0.1:8000/"
#: written anew by every build with the build's date
TIMESTAMPED = {"sitemap.xml", "sitemap.xml.gz"}
#: a fresh process, a full build of the same files in serve's mode: the reference
FULL_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3])
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=sys.argv[3], dirty=False)
config.plugins.on_shutdown()
"""


class Serve:
    """What `mkdocs serve --dirty` does: one startup, then a build per change, each
    with a configuration loaded anew (the plugin instance is kept)."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.plugin: JourneyMapsPlugin | None = None

    def build(self) -> JourneyMapsPlugin:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site),
                             site_url=URL)
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=True)
        plugin = config.plugins["journeymaps"]
        assert isinstance(plugin, JourneyMapsPlugin)
        assert self.plugin in (None, plugin), "MkDocs keeps the plugin across rebuilds"
        self.plugin = plugin
        build(config, serve_url=URL, dirty=True)
        return plugin

    def close(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()


def full_build(root: Path, site: Path) -> None:
    subprocess.run([sys.executable, "-c", FULL_BUILD, str(root / "mkdocs.yml"), str(site),
                    URL], cwd=root, check=True, capture_output=True, timeout=600)


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()
            and path.relative_to(site).as_posix() not in TIMESTAMPED}


def assert_same_site(served: Path, reference: Path) -> None:
    got, want = tree(served), tree(reference)
    assert sorted(set(got) - set(want)) == [], "files left over from an earlier build"
    assert sorted(set(want) - set(got)) == [], "files missing"
    differ = [path for path in want if got[path] != want[path]]
    assert differ == [], f"{len(differ)} files differ from a full build, e.g. {differ[:5]}"


def rendered_pages(plugin: JourneyMapsPlugin) -> set[str]:
    """The plugin's generated pages this build rendered."""
    return {page for page in plugin.generated_pages - plugin.incremental.skipped
            if page.endswith(".md")}


@pytest.mark.slow
def test_serve_rebuilds_equal_full_builds(sample_copy: Path, tmp_path: Path) -> None:
    root, maps = sample_copy, sample_copy / "maps"
    serve = Serve(root, tmp_path / "served")
    moving = maps / "telecom/moving-house.md"
    steps = 0

    def check() -> None:
        nonlocal steps
        steps += 1
        reference = tmp_path / f"full-{steps}"
        full_build(root, reference)
        assert_same_site(serve.site, reference)

    try:
        plugin = serve.build()
        assert plugin.incremental.skipped == set()  # the first build renders everything
        check()

        # an edit of a touchpoint's note: the map, its reports, not the other maps
        moving.write_text(moving.read_text(encoding="utf-8").replace(
            "25 minutes on hold", "40 minutes on hold"), encoding="utf-8")
        plugin = serve.build()
        rendered = rendered_pages(plugin)
        assert "maps/telecom/moving-house.md" in rendered
        assert "maps/automotive/car-buyer.md" not in rendered
        assert len(rendered) < len(plugin.generated_pages) / 2, sorted(rendered)
        check()

        # a new title: every page's navigation shows it
        moving.write_text(moving.read_text(encoding="utf-8").replace(
            "title: Moving house with our broadband and mobile",
            "title: Moving house, broadband and mobile"), encoding="utf-8")
        plugin = serve.build()
        assert plugin.incremental.skipped == set()
        check()

        # a map added, then renamed, then deleted
        added = maps / "telecom/moving-abroad.md"
        added.write_text(moving.read_text(encoding="utf-8").replace(
            "title: Moving house, broadband and mobile", "title: Moving abroad"),
            encoding="utf-8")
        serve.build()
        check()
        renamed = maps / "telecom/emigrating.md"
        added.rename(renamed)
        serve.build()
        check()
        renamed.unlink()
        serve.build()
        check()
        assert not (serve.site / "maps/telecom/emigrating").exists()

        # nothing changed: nothing of journeymaps' is rendered again
        plugin = serve.build()
        assert rendered_pages(plugin) == set()
        check()
    finally:
        serve.close()


def test_a_first_dirty_build_into_an_old_site_folder_renders_every_page(
        sample_copy: Path, tmp_path: Path) -> None:
    """`mkdocs build --dirty` (or a serve) into a folder that holds an earlier build,
    newer than every source: MkDocs alone would skip those pages unread, and the
    navigation would show file names; the plugin renders them, as a full build does."""
    root, site = sample_copy, tmp_path / "site"
    full_build(root, tmp_path / "reference")
    full_build(root, site)
    later = time.time() + 3600
    for path in site.rglob("*.html"):
        os.utime(path, (later, later))
    serve = Serve(root, site)
    try:
        serve.build()
    finally:
        serve.close()
    assert_same_site(site, tmp_path / "reference")


def test_spool_rewrites_only_what_changed() -> None:
    spool = Spool()
    try:
        spool.begin()
        kept, edited = Path(spool.put("a/kept.md", "same")), Path(spool.put("edited.md", "old"))
        spool.put("gone.md", "x")
        assert spool.finish() == set() and spool.changed == {"a/kept.md", "edited.md", "gone.md"}
        before = kept.stat().st_mtime_ns
        os.utime(kept, ns=(before - 10**9, before - 10**9))  # as if written a second ago

        spool.begin()
        spool.put("a/kept.md", "same")
        spool.put("edited.md", "new")
        assert spool.finish() == {"gone.md"}
        assert spool.changed == {"edited.md"}
        assert kept.stat().st_mtime_ns == before - 10**9  # never rewritten
        assert edited.read_text(encoding="utf-8") == "new"
        assert spool.folder is not None and not (spool.folder / "gone.md").exists()
    finally:
        folder = spool.folder
        spool.close()
    assert folder is not None and not folder.exists()


def test_spool_takes_a_kept_page_unread_only_where_it_holds_it() -> None:
    """``kept`` (the memo's page, the content the last round put) skips hashing; a
    path the spool does not hold, or whose file is gone, is written all the same."""
    spool = Spool()
    try:
        spool.begin()
        kept = Path(spool.put("kept.md", "same"))
        spool.finish()
        spool.begin()
        assert Path(spool.put("kept.md", "same", kept=True)) == kept
        spool.put("new.md", "fresh", kept=True)  # never put before: written
        assert spool.finish() == set() and spool.changed == {"new.md"}
        kept.unlink()
        spool.begin()
        spool.put("kept.md", "same", kept=True)
        assert spool.changed == {"kept.md"} and kept.read_text(encoding="utf-8") == "same"
        spool.finish()
    finally:
        spool.close()


@pytest.mark.slow
def test_rebuilds_by_changed_table_rows_equal_full_builds(
        sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Big reports are rendered again by their changed table rows only
    (``table_rows``): the sample's reports are small, so every page with tables
    qualifies here. After each kind of edit (a map's owner and a touchpoint's
    score, which reports list; a persona; a metrics CSV; the channel catalogue; a
    journey; the metric catalogue; a change that is more than rows), the site is a
    full build's."""
    monkeypatch.setattr(table_rows, "MIN_CHARS", 0)
    root, maps = sample_copy, sample_copy / "maps"
    serve = Serve(root, tmp_path / "served")
    steps = 0

    def edit(path: Path, old: str, new: str) -> JourneyMapsPlugin:
        nonlocal steps
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        plugin = serve.build()
        steps += 1
        reference = tmp_path / f"full-{steps}"
        full_build(root, reference)
        assert_same_site(serve.site, reference)
        return plugin

    try:
        serve.build()
        # an owner: the catalogue's and the reports' rows of the map
        plugin = edit(maps / "telecom/switching-provider.md", "owner: CX Team Telecom",
                      "owner: CX Team Telecom North")
        rows = plugin.incremental.rows
        assert "maps/index.md" in rows.patched, sorted(rows.patched)
        assert "maps/index.md" in rows.search_kept  # its table is left out of search
        # a touchpoint's score: the map page, the rows of the reports that list it
        plugin = edit(maps / "telecom/moving-house.md", "score: 2", "score: 4")
        assert plugin.incremental.rows.patched, "some report changed only in rows"
        # a persona, a metrics export, the channel catalogue
        edit(maps / "personas/anna.md", "name: Anna, moving house", "name: Anna, moving in")
        series = maps / "metrics/survey.csv"
        edit(series, "2026-06-30,15,", "2026-06-30,25,")
        edit(maps / "channels.yml", "owner: Digital team", "owner: Web team")
        # a journey's file, the metric catalogue (pages kept by website/memo see them)
        edit(maps / "journeys/telecom-moving.md", "owner: Home services", "owner: Home team")
        edit(maps / "metrics.yml", "target: 30", "target: 35")
        # no owner any more: the health report's counts change, not only its rows
        edit(maps / "telecom/switching-provider.md", "owner: CX Team Telecom North\n", "")
    finally:
        serve.close()


def test_a_skipped_pages_front_matter_is_read_once_and_copied(tmp_path: Path) -> None:
    """``replay`` parses an unchanged page's front matter once (``Incremental``), and
    each build gets its own copy: a plugin that changes ``page.meta`` in one build
    does not change the next build's; a changed source is read again."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from journeymaps.mkdocs.incremental import Incremental

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))

    def read(content: str) -> Page:
        file = File("report.md", config.docs_dir, config.site_dir, True)
        file.content_string = content  # as a generated page's
        page = Page(None, file, config)
        incremental._read_source(page, config)
        return page

    incremental = Incremental()
    first = read("---\ntitle: Report\ntags: [a]\n---\n# Body\n")
    assert (first.meta, first.markdown) == ({"title": "Report", "tags": ["a"]}, "# Body\n")
    first.meta["tags"].append("added by a plugin")
    again = read("---\ntitle: Report\ntags: [a]\n---\n# Body\n")
    assert again.meta == {"title": "Report", "tags": ["a"]}
    assert read("---\ntitle: Renamed\n---\n# Body\n").meta == {"title": "Renamed"}


class _SpooledPage:
    """A site with one generated page, ``report.md``, spooled outside the docs folder
    as the plugin's are, and the steps of a preview's rebuild that read it."""

    def __init__(self, tmp_path: Path) -> None:
        (tmp_path / "docs").mkdir()
        (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n",
                                             encoding="utf-8")
        self.config = load_config(str(tmp_path / "mkdocs.yml"))
        self.source = tmp_path / "spooled.md"

    def files(self) -> Any:
        from mkdocs.structure.files import File, Files

        file = File("report.md", self.config.docs_dir, self.config.site_dir, True)
        file.abs_src_path = str(self.source)  # as the plugin's generated pages are
        return Files([file])

    def read(self, incremental: Any) -> Any:
        """The page as a skipped page is read (``replay``)."""
        from mkdocs.structure.pages import Page

        page = Page(None, self.files().get_file_from_path("report.md"), self.config)
        incremental._read_source(page, self.config)
        return page

    def plan(self, incremental: Any, changed: set[str]) -> Any:
        """A build's ``plan``; its files."""
        from mkdocs.structure.nav import get_navigation

        files = self.files()
        incremental.plan(files, get_navigation(files, self.config), self.config,
                         generated={"report.md"}, changed=changed)
        return files


def test_an_unchanged_spooled_page_is_not_read_again(tmp_path: Path) -> None:
    """A page the spool left as it was (``plan`` names them) is taken from what the
    last read gave, without reading its file; the copy of its metadata is still its
    own, and once the spool rewrites the file, ``plan`` forgets the read."""
    import datetime as dt

    from journeymaps.mkdocs.incremental import Incremental

    site, incremental = _SpooledPage(tmp_path), Incremental()
    site.source.write_text("---\ntitle: Report\ndate: 2026-01-02\nt: {a: [1]}\n---\n# B\n",
                           encoding="utf-8")
    site.plan(incremental, {"report.md"})
    first = site.read(incremental)
    first.meta["t"]["a"].append(2)  # a plugin's change, this build's alone
    site.source.write_text("---\ntitle: Not read\n---\n", encoding="utf-8")
    site.plan(incremental, set())  # the spool says the file is the last build's
    kept = site.read(incremental)
    assert kept.meta == {"title": "Report", "date": dt.date(2026, 1, 2), "t": {"a": [1]}}
    assert kept.markdown == "# B\n"
    site.plan(incremental, {"report.md"})  # rewritten: read again
    assert site.read(incremental).meta == {"title": "Not read"}


def test_a_page_rendered_by_the_first_build_is_not_read_again_by_the_next(
        tmp_path: Path) -> None:
    """The first build renders every page; a generated page it reads (as MkDocs
    reads a page it renders, ``Page.read_source``) is kept as read, so the next
    build, which skips it, does not read its file again."""
    from journeymaps.mkdocs.incremental import Incremental

    site, incremental = _SpooledPage(tmp_path), Incremental()
    site.source.write_text("---\ntitle: Report\n---\n# B\n", encoding="utf-8")
    page = site.plan(incremental, {"report.md"}).get_file_from_path("report.md").page
    page.read_source(site.config)
    assert (page.meta, page.markdown) == ({"title": "Report"}, "# B\n")
    page.meta["title"] = "A plugin's"  # this build's alone
    site.source.write_text("---\ntitle: Not read\n---\n", encoding="utf-8")
    site.plan(incremental, set())
    assert site.read(incremental).meta == {"title": "Report"}


def test_spool_writes_a_long_page_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks end between characters: the file holds the page's UTF-8, whatever the
    characters at the chunks' ends, and an unchanged page is not written again."""
    from journeymaps.website import spool as spool_module
    monkeypatch.setattr(spool_module, "_CHUNK", 3)
    content = "aé✓😀\n" * 7 + "end"
    spool = Spool()
    try:
        spool.begin()
        written = Path(spool.put("long.md", content))
        assert written.read_bytes() == content.encode("utf-8")
        spool.finish()
        spool.begin()
        spool.put("long.md", content)
        assert spool.changed == set()
        spool.put("long.md", content.replace("end", "ënd"))
        assert spool.changed == {"long.md"}
        spool.finish()
    finally:
        spool.close()
