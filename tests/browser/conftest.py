"""A real Chromium on the strictly built site, served on 127.0.0.1 and cut off from the rest.

The browser is Debian's (`/usr/bin/chromium`), driven by Playwright for Python;
nothing downloads a browser. Without it these tests are skipped with a hint,
unless JOURNEYMAPS_REQUIRE_BROWSER=1 (CI sets it), which makes them fail.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import playwright.sync_api as playwright_api
import pytest

from conftest import REPO, write_tree
from journeymaps.load.project import load_project
from journeymaps.model.project import Project

CHROMIUM = Path(os.environ.get("JOURNEYMAPS_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("JOURNEYMAPS_REQUIRE_BROWSER") == "1"
HOW_TO_ENABLE = (
    f"browser tests need Debian's Chromium at {CHROMIUM}: `apt-get install chromium "
    "fonts-noto-cjk fonts-noto-color-emoji` (or point JOURNEYMAPS_CHROMIUM at one); "
    "with JOURNEYMAPS_REQUIRE_BROWSER=1, as in CI, a missing browser fails them"
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Material draws each diagram into a closed shadow root; tests need to look inside
OPEN_SHADOW_ROOTS = """
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attachShadow.call(this, Object.assign({}, init, {mode: "open"}));
};
"""
ARTIFACTS = REPO / "test-artifacts"
WAIT_MS = 20_000  # how long to wait for a page to settle (a bound, never asserted on)


@dataclass
class Site:
    """The built site, where it is served, and the project it was built from."""

    url: str
    folder: Path
    project: Project

    def diagrams_in(self, path: str) -> int:
        """How many Mermaid blocks the served page has, read from the built file."""
        html = (self.folder / path / "index.html").read_text(encoding="utf-8")
        return html.count('<pre class="mermaid">')


def _project_root(tmp: Path) -> Path:
    """The repository's sample site, or a small fixture project until maps exist."""
    if (REPO / "maps").is_dir():
        return REPO
    from test_pages import FILES

    root = tmp / "project"
    shutil.copytree(REPO / "site_src", root / "site_src")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_tree(root, FILES)
    return root


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The site built strictly, with site_url set to where it is served (instant
    navigation needs the sitemap to name this host and port)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    tmp = tmp_path_factory.mktemp("browser")
    root, folder = _project_root(tmp), tmp / "site"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(folder)))
    url = f"http://127.0.0.1:{server.server_port}/"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(folder), site_url=url,
                      strict=True))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(url, folder, load_project(root, root / "maps", root / "site_src"))
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[playwright_api.Browser]:
    if not CHROMIUM.exists():
        if REQUIRED:
            pytest.fail(HOW_TO_ENABLE)
        pytest.skip(HOW_TO_ENABLE)
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in its own browser context, with what went wrong and what was stopped."""

    page: playwright_api.Page
    site: Site
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def open(self, path: str, *, to_click: bool = False) -> None:
        """Load a page of the site and wait until its diagrams are drawn; to click
        on it, also until the network is idle: Material navigates instantly only
        once it has the sitemap, and searches once it has the index."""
        self.page.goto(self.site.url + path, wait_until="networkidle" if to_click else "load")
        self.wait_for_diagrams(path)

    def arrive(self, path: str, heading: str) -> None:
        """Wait for a page reached by a click: with instant navigation the address
        changes before the content does, so wait for its heading and diagrams."""
        self.page.wait_for_url(self.site.url + path, timeout=WAIT_MS)
        playwright_api.expect(self.page.locator("article h1")).to_contain_text(
            heading, timeout=WAIT_MS)
        self.wait_for_diagrams(path)

    def wait_for_diagrams(self, path: str) -> None:
        expected = self.site.diagrams_in(path)
        playwright_api.expect(self.page.locator("div.mermaid svg")).to_have_count(
            expected, timeout=WAIT_MS)

    def path(self) -> str:
        return self.page.url.removeprefix(self.site.url)


OpenTab = Callable[..., Tab]


@pytest.fixture
def new_tab(browser: playwright_api.Browser, site: Site) -> Iterator[OpenTab]:
    """Open tabs in fresh contexts: light or dark scheme, every other host refused."""
    contexts: list[playwright_api.BrowserContext] = []

    def open_tab(color_scheme: str = "light") -> Tab:
        context = browser.new_context(color_scheme=color_scheme,  # type: ignore[arg-type]
                                      viewport={"width": 1280, "height": 900})
        contexts.append(context)
        context.add_init_script(OPEN_SHADOW_ROOTS)
        tab = Tab(context.new_page(), site)

        def route(route: playwright_api.Route) -> None:
            if urlparse(route.request.url).hostname == "127.0.0.1":
                tab.requested.append(route.request.url)
                route.continue_()
            else:
                tab.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        tab.page.on("console", lambda message: message.type == "error"
                    and tab.errors.append(f"{tab.path()}: {message.text}"))
        tab.page.on("pageerror", lambda error: tab.errors.append(f"{tab.path()}: {error}"))
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab: OpenTab) -> Tab:
    return new_tab()
