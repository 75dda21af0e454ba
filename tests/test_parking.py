"""A full build parks each generated page, compressed, from its rendering to its
writing (``mkdocs/parking.py``): the site it writes must be the one it writes without
parking, byte for byte, and no generated page's Markdown or HTML may stay in memory
once it is rendered and written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

from journeymaps.mkdocs import parking
from journeymaps.mkdocs.plugin import JourneyMapsPlugin
from test_incremental import assert_same_site

#: a build in a fresh process; with "off", the pages stay in memory as MkDocs keeps
#: them; with "all", every page counts as large (its memory given back after it)
BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from journeymaps.mkdocs import parking
if sys.argv[3] == "off":
    parking.Parking.attach = lambda self, plugins: False
if sys.argv[3] == "all":
    parking._LARGE = 0
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
"""


def _build(root: Path, site: Path, mode: str) -> None:
    subprocess.run([sys.executable, "-c", BUILD, str(root / "mkdocs.yml"), str(site), mode],
                   cwd=root, check=True, capture_output=True, timeout=600)


@pytest.mark.slow
def test_a_parked_build_writes_the_site_an_unparked_one_writes(sample_copy: Path,
                                                                tmp_path: Path) -> None:
    _build(sample_copy, tmp_path / "unparked", "off")
    _build(sample_copy, tmp_path / "parked", "all")
    assert_same_site(tmp_path / "parked", tmp_path / "unparked")


class _Watch(BasePlugin):  # type: ignore[type-arg]
    """What another plugin sees of the generated pages at each event."""

    def __init__(self, plugin: JourneyMapsPlugin) -> None:
        super().__init__()
        self.plugin = plugin
        self.generated: set[str] = set()
        self.after_content: list[tuple[Any, str]] = []
        self.in_context: list[str] = []
        self.written: list[Any] = []

    @event_priority(-300)  # after journeymaps' own
    def on_files(self, files: Any, **kwargs: Any) -> None:
        self.generated = set(self.plugin.generated_pages)

    @event_priority(-300)  # after the page is parked
    def on_page_content(self, html: str, *, page: Any, **kwargs: Any) -> None:
        if page.file.src_uri in self.generated:
            self.after_content.append((page.markdown, html))

    def on_page_context(self, context: Any, *, page: Any, **kwargs: Any) -> Any:
        if page.file.src_uri in self.generated:
            self.in_context.append(page.content)  # what search reads
        return context

    @event_priority(-300)
    def on_post_page(self, output: str, *, page: Any, **kwargs: Any) -> None:
        if page.file.src_uri in self.generated:
            self.written.append(page.content)


def test_a_build_holds_a_generated_page_only_while_it_is_written(sample_copy: Path,
                                                                  tmp_path: Path) -> None:
    config = load_config(str(sample_copy / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["journeymaps"]
    assert isinstance(plugin, JourneyMapsPlugin)
    watch = _Watch(plugin)
    config.plugins["watch"] = watch
    build(config)
    pages = {page for page in watch.generated if page.endswith(".md")}
    assert len(watch.after_content) == len(pages) > 10
    assert all(markdown == "" and html == "" for markdown, html in watch.after_content)
    assert len(watch.in_context) == len(pages)
    assert all(content and "<" in content for content in watch.in_context)
    assert watch.written == [None] * len(pages)
    assert plugin.parking.pages == () and plugin.fragments == {}


def test_a_preview_parks_nothing() -> None:
    """``mkdocs serve`` keeps its pages for the next rebuild: no handler is attached."""
    plugin = JourneyMapsPlugin()
    plugin.serving = True
    events: dict[str, list[Any]] = {"page_content": [], "page_context": [], "post_page": []}

    class Plugins:
        def __init__(self) -> None:
            self.events = events

        def _register_event(self, event: str, method: Any, plugin_name: str) -> None:
            events[event].append(method)
    plugins = Plugins()
    assert plugin.parking.attach(plugins) and plugin.parking.attach(plugins)
    assert [len(handlers) for handlers in events.values()] == [1, 1, 1]  # once
    assert not parking.Parking({}).attach(object())  # no way to register: nothing parked
