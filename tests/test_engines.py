"""Other engines: the standalone project (``generate --project``) and ``build --engine``.

The builds with Zensical and ProperDocs run where their commands are installed (the
lock puts both in .venv/); JOURNEYMAPS_REQUIRE_ENGINES=1 makes their absence a failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, write_tree
from journeymaps import cli
from journeymaps.cli.site_config import PLAIN_OPTIONS
from journeymaps.engines import build as engine_build
from journeymaps.engines import config_file
from journeymaps.engines.navigation import navigation
from journeymaps.language.labels import ENGLISH
from journeymaps.mkdocs import mermaid_assets
from journeymaps.mkdocs.config import JourneyMapsConfig
from safety import render, unsafe_html, unsafe_in_site
from test_hostile import BODY

#: set by .ci/run: an engine the lock installs but that is missing fails the tests
REQUIRE = os.environ.get("JOURNEYMAPS_REQUIRE_ENGINES") == "1"
#: Words of the sample site's pages in its languages, as test_search finds them on MkDocs.
WORDS = {
    "maps/clinic/zapis-k-vrachu/": {"регистратуре", "терапевта", "записаться"},
    "maps/telecom/przeprowadzka/": {"światłowód", "przeprowadzki", "zapytanie"},
    "maps/eco-shop/shouci-wanggou/": {"洗", "塑膠", "超商", "取貨", "環保", "結帳"},
    "maps/telecom/moving-house/": {"moving", "installation"},
}


def journeymaps(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from journeymaps.cli import main; main()", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


# ---------------------------------------------------------------- the project

def test_navigation_titles_sections_from_the_registry_not_folder_names() -> None:
    pages = ["index.md", "about.md", "kb/index.md", "kb/a.md", "maps/index.md",
             "maps/telecom/moving.md", "personas/anna.md", "channels.md", "health.md",
             "guide/index.md", "guide/x-y.md"]
    nav = navigation(pages, ENGLISH)
    assert nav[0] == "index.md"
    titles = [next(iter(item)) for item in nav if isinstance(item, dict)]
    assert "Kb" not in titles and "Maps" not in titles
    assert {"Journey maps", "Personas", "Knowledge base", "Reports", "Guide"} <= set(titles)
    assert titles.index("Journey maps") < titles.index("Reports") < titles.index("Guide")
    reports = next(item for item in nav if isinstance(item, dict) and "Reports" in item)
    assert reports["Reports"] == ["channels.md", "health.md"]
    maps = next(item for item in nav if isinstance(item, dict) and "Journey maps" in item)
    assert maps["Journey maps"] == ["maps/index.md", {"Telecom": ["maps/telecom/moving.md"]}]


def test_configuration_drops_the_plugin_and_keeps_tags_and_the_rest() -> None:
    data = config_file.read(REPO / "mkdocs.yml")
    text = config_file.dump(config_file.standalone(data, ["index.md"]))
    assert "journeymaps:" not in text and "maps_dir" not in text
    assert "!!python/name:pymdownx.superfences.fence_code_format" in text
    config = yaml.safe_load(text.replace("!!python/name:", ""))
    assert config["docs_dir"] == "docs" and config["nav"] == ["index.md"]
    assert "assets/journeymaps/journeymaps.css" in config["extra_css"]
    assert config["plugins"][0]["search"]["separator"] == data["plugins"][0]["search"][
        "separator"]
    bare = config_file.standalone({"plugins": ["journeymaps"]}, None)
    assert bare["plugins"] == [] and "nav" not in bare
    assert [next(iter(e)) if isinstance(e, dict) else e for e in bare["markdown_extensions"]
            ] == list(config_file.REQUIRED_EXTENSIONS)


def test_plain_options_agree_with_the_plugins_typed_options() -> None:
    typed = JourneyMapsConfig()
    typed.load_dict({})
    typed.validate()
    assert {name: default for name, (_kind, default) in PLAIN_OPTIONS.items()} == dict(typed)


HOSTILE_MAP = ("---\ntitle: T <script>alert(9)</script>\npersona: anna\n"
               "stages: [{name: S, touchpoints: [{name: T, score: 3}]}]\n---\n" + BODY)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    write_tree(root, {
        "mkdocs.yml": "site_name: S\ndocs_dir: site_src\ntheme:\n  name: material\n"
                      "plugins:\n  - search\n  - journeymaps\n",
        "site_src/index.md": "# Home\n",
        "site_src/guide/diagram.md": "# D\n\n```mermaid\ngraph LR\n  A-->B\n```\n",
        "maps/personas/anna.md": "---\nname: Anna\n---\n" + BODY,
        "maps/m.md": HOSTILE_MAP,
    })
    return root


def test_project_is_safe_on_its_own_and_offline(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "project"
    done = journeymaps("generate", "--project", str(out), cwd=hostile)
    assert done.returncode == 0, done.stderr
    docs = out / "docs"
    assert (docs / mermaid_assets.SITE_PATH).is_file()
    for page in ("maps/m.md", "personas/anna.md"):
        markdown = (docs / page).read_text(encoding="utf-8")
        loader = mermaid_assets.loader("../../" + mermaid_assets.SITE_PATH)
        # the map draws its journey from the project's Mermaid
        assert (loader in markdown) == (page == "maps/m.md")
        html = render(markdown.replace(loader, ""))
        assert unsafe_html(html, frozenset({"svg", "title"})) == [], page
        assert "Notes" in html and "alert(1)" not in html
    diagram = (docs / "guide/diagram.md").read_text(encoding="utf-8")
    assert mermaid_assets.loader("../../" + mermaid_assets.SITE_PATH) in diagram
    assert not (hostile / "site_src" / "maps").exists()  # the sources are never written


def test_project_refuses_a_full_folder_and_the_sources(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "full"
    write_tree(out, {"keep.txt": "mine"})
    done = journeymaps("generate", "--project", str(out), cwd=hostile)
    assert done.returncode == 1 and "not empty" in done.stderr
    assert journeymaps("generate", "--project", str(out), "--force", cwd=hostile
                       ).returncode == 0
    assert (out / "keep.txt").read_text() == "mine" and (out / "mkdocs.yml").is_file()
    done = journeymaps("generate", "--project", str(hostile / "maps" / "x"), cwd=hostile)
    assert done.returncode == 2 and "overlaps" in done.stderr


NO_MKDOCS = ("import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None\n"
             "from journeymaps.cli import main\n"
             "try:\n    main()\nfinally:\n"
             "    assert not [m for m in sys.modules if m.startswith('mkdocs') and sys.modules[m]]")


def test_the_project_is_made_without_mkdocs(hostile: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", NO_MKDOCS, "generate", "--project",
                           str(tmp_path / "p")], cwd=hostile, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "p" / "docs" / "maps" / "m.md").is_file()


def test_a_missing_engine_says_how_to_install_it(hostile: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # a Python with no engine beside it, and nothing on PATH
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(hostile)
    done = CliRunner().invoke(cli.main, ["build", "--engine", "zensical"])
    assert done.exit_code == 1
    assert "install it with pip install zensical==0.0.73" in done.output


def test_engine_problems_in_the_contracts_style() -> None:
    log = "INFO    -  Building\nWARNING -  Doc file 'a.md' links to 'b.md'\nError: boom\n"
    assert list(engine_build.problems(log, "properdocs", "mkdocs.yml")) == [
        "mkdocs.yml: properdocs: warning: Doc file 'a.md' links to 'b.md'",
        "mkdocs.yml: properdocs: boom"]


# ---------------------------------------------------------------- the builds

def test_mkdocs_finds_the_words_the_other_engines_are_held_to(builds: dict[str, Path]) -> None:
    found = _search_words(builds[engine_build.MKDOCS])
    assert all(WORDS[page] <= found[page] for page in WORDS)


def _engine_or_skip(engine: str) -> None:
    if engine == engine_build.ZENSICAL and sys.version_info < (3, 11):
        pytest.skip("Zensical needs Python 3.11 (the lock installs it from there on)")
    try:
        engine_build.command(engine)
    except engine_build.EngineMissing as missing:
        if REQUIRE:
            raise
        pytest.skip(str(missing))


def _pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _search_words(site: Path) -> dict[str, set[str]]:
    """The words of each page of WORDS as the engine's search splits them (its index:
    MkDocs' search/search_index.json, Zensical's search.json; its separator)."""
    for name in ("search/search_index.json", "search.json"):
        if (site / name).is_file():
            index = json.loads((site / name).read_text(encoding="utf-8"))
            break
    else:
        raise AssertionError(f"no search index in {site}")
    separator = re.compile(index["config"]["separator"])
    items = index.get("docs") or index.get("items") or []
    words = {}
    for location in WORDS:
        text = " ".join(f"{i['title']} {i['text']}" for i in items
                        if i["location"].split("#")[0] == location)
        words[location] = {word.casefold()
                           for word in separator.split(re.sub(r"<[^>]+>", " ", text))}
    return words


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {}
    for engine in engine_build.ENGINES:
        try:
            engine_build.command(engine)
        except engine_build.EngineMissing:
            continue
        site = tmp_path_factory.mktemp(engine) / "site"
        done = journeymaps("build", "--engine", engine, "--strict", "--site-dir", str(site))
        assert done.returncode == 0, done.stderr
        found[engine] = site
    return found


@pytest.mark.slow
@pytest.mark.parametrize("engine", [engine_build.ZENSICAL, engine_build.PROPERDOCS])
def test_each_engine_builds_the_same_site(engine: str, builds: dict[str, Path]) -> None:
    _engine_or_skip(engine)
    mkdocs, other = builds[engine_build.MKDOCS], builds[engine]
    assert _pages(other) == _pages(mkdocs)
    found = _search_words(other)
    assert {page: words - found[page] for page, words in WORDS.items()} == {
        page: set() for page in WORDS}
    moving = (other / "maps/telecom/moving-house/index.html").read_text(encoding="utf-8")
    assert mermaid_assets.loader("../../../" + mermaid_assets.SITE_PATH) in moving
    assert (other / mermaid_assets.SITE_PATH).is_file()
    for page in other.rglob("*.html"):
        assert not re.search(r"<script[^>]+src=\"https?://", page.read_text(encoding="utf-8"))
    assert ">Kb<" not in (other / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("engine", [engine_build.ZENSICAL, engine_build.PROPERDOCS])
def test_hostile_maps_built_by_each_engine_run_nothing(engine: str, hostile: Path,
                                                       tmp_path: Path) -> None:
    _engine_or_skip(engine)
    site = tmp_path / "site"
    done = journeymaps("build", "--engine", engine, "--site-dir", str(site), cwd=hostile)
    assert done.returncode == 0, done.stderr
    assert "maps/m.md:" in done.stderr  # journeymaps' problems, in the contract's lines
    page = (site / "maps/m/index.html").read_text(encoding="utf-8")
    assert "Notes" in page and "alert(1)" not in page
    assert unsafe_in_site(site) == {}
