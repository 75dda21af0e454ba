"""Real `mkdocs build` runs of small projects: what an author and a reader get."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import MKDOCS_YML, mkdocs_build, without_directory_urls
from journeymaps.mkdocs.plugin import JourneyMapsPlugin
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]


def test_strict_build_of_a_valid_project(project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir(FILES)
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    page = build.page("maps/telecom/moving")
    assert "<h1 id=\"moving-house\">Moving house</h1>" in page
    assert '<pre class="mermaid"><code>' in page
    assert 'href="../../../personas/anna/"' in page
    assert 'href="../../../kb/install/"' in page
    persona = build.page("personas/anna")
    assert 'href="../../maps/telecom/moving/"' in persona
    data = json.loads((build.site / "journeymaps.json").read_text(encoding="utf-8"))
    assert [m["url"] for m in data["maps"]] == ["maps/telecom/moving/", "maps/telecom/switch/"]
    for map_data in data["maps"]:
        assert (build.site / map_data["url"] / "index.html").is_file()


def test_generated_content_is_searchable(project_dir: MakeProject, tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    index = json.loads((build.site / "search/search_index.json").read_text(encoding="utf-8"))
    moving = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(
        "maps/telecom/moving/"))
    for text in ("Hotline call", "Long hold times", "SMS reminder", "Can I keep my number?"):
        assert text in moving


def test_navigation_titles(project_dir: MakeProject, tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    home = (build.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    positions = [nav.find(title) for title in ("Journey maps", "Telecom", "Personas",
                                                      "Knowledge base")]
    assert -1 not in positions and positions == sorted(positions), positions


def test_strict_build_fails_with_every_problem(project_dir: MakeProject,
                                                tmp_path: Path) -> None:
    files = {**FILES,
             "maps/telecom/switch.md": FILES["maps/telecom/switch.md"].replace("[ben]", "[bem]"),
             "maps/other/bad.md": "---\ntitle: Bad\npersona: anna\nstages:\n  - name: S\n"
                                  "    touchpoints: [{name: X, score: 7}]\n---\n",
             "maps/other/empty.md": ""}
    build = mkdocs_build(project_dir(files), tmp_path / "out")
    assert build.returncode != 0
    for line in (
        "maps/other/bad.md:6: stages[0].touchpoints[0].score: must be an integer from 1 to 5, "
        "got 7",
        "maps/other/empty.md:1: front matter: the file is empty",
        "maps/telecom/switch.md:3: persona[0]: unknown persona 'bem'; did you mean 'ben'?",
    ):
        assert line in build.output
    assert "Traceback" not in build.output


def test_plain_build_renders_problems_on_the_page(project_dir: MakeProject,
                                                  tmp_path: Path) -> None:
    files = {**FILES, "maps/other/bad.md": "---\ntitle: Bad\npersona: anna\nstages:\n"
                                            "  - name: S\n    touchpoints: [{name: X, score: 7}]"
                                            "\n---\n"}
    build = mkdocs_build(project_dir(files), tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    page = build.page("maps/other/bad")
    assert "1 problem in this map" in page
    assert "must be an integer from 1 to 5, got 7" in page


def test_build_writes_nothing_into_sources(project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir(FILES)

    def snapshot() -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes()
                for folder in ("maps", "site_src") for p in (root / folder).rglob("*")
                if p.is_file()}

    before = snapshot()
    assert mkdocs_build(root, tmp_path / "out").returncode == 0
    assert snapshot() == before


def test_generated_files_are_read_from_a_spool_removed_after_the_build(
        project_dir: MakeProject, tmp_path: Path) -> None:
    """MkDocs reads generated pages from disk, as it reads docs pages, so that a build
    does not hold every page's Markdown twice; nothing is left behind, even on failure."""
    root = project_dir(FILES)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins["journeymaps"]
    spool = plugin.spool.folder
    assert spool is not None and spool.is_dir()
    page = files.get_file_from_path("maps/telecom/moving.md")
    assert page is not None and page.abs_src_path == str(spool / "maps/telecom/moving.md")
    assert page.content_string.startswith("---\n")  # read from the spool on demand
    config.plugins.on_post_build(config=config)
    assert plugin.spool.folder is None and not spool.exists()

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    for files_given, code in ((FILES, 0), ({**FILES, "maps/broken.md": "---\ntitle: [\n---\n"}, 1)):
        build = mkdocs_build(project_dir(files_given), tmp_path / f"out{code}",
                             env={"TMPDIR": str(scratch)})
        assert build.returncode == code, build.output
        assert list(scratch.iterdir()) == []


def test_use_directory_urls_off_keeps_contract_urls(project_dir: MakeProject,
                                                    tmp_path: Path) -> None:
    build = mkdocs_build(without_directory_urls(project_dir(FILES)), tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.site / "maps/telecom/moving/index.html").is_file()
    assert (build.site / "personas/anna/index.html").is_file()


def test_serve_watches_the_maps_folder(project_dir: MakeProject) -> None:
    root = project_dir(FILES)
    plugin = JourneyMapsPlugin()
    plugin.load_config({})
    plugin.root = root

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(root / "maps")]


def primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start:html.index('class="md-content"', start)]


def test_a_crowded_folder_leaves_the_sidebar_for_the_catalogue(project_dir: MakeProject,
                                                                tmp_path: Path) -> None:
    """More maps in a folder than sidebar_limit: one link to the folder's table."""
    yml = MKDOCS_YML.replace("  - journeymaps\n", "  - journeymaps:\n      sidebar_limit: 1\n")
    solo = "---\ntitle: Solo\npersona: anna\nstages: [{name: S}]\n---\n"
    build = mkdocs_build(project_dir({**FILES, "mkdocs.yml": yml, "maps/other/solo.md": solo}),
                         tmp_path / "out")
    assert build.returncode == 0, build.output
    nav = primary_nav(build.page("maps/telecom/moving"))
    assert 'href="../../#folder-telecom"' in nav and "Telecom (2)" in nav
    assert "personas/anna/" not in nav and "telecom/switch/" not in nav
    assert 'href="../../../personas/"' in nav  # the gallery stays
    assert 'href="../../other/solo/"' in nav  # a folder within the limit is listed
    catalogue = build.page("maps")
    assert 'id="folder-telecom"' in catalogue  # where the link lands
    assert 'href="telecom/switch/"' in catalogue
    assert "Switching provider" in build.page("maps/telecom/switch")  # still built


def test_the_sidebar_lists_folders_within_the_limit(project_dir: MakeProject,
                                                    tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    nav = primary_nav(build.page("maps/telecom/moving"))
    assert 'href="../switch/"' in nav and "#folder-" not in nav


def test_offline_plugin_links_every_generated_page_as_a_file(project_dir: MakeProject,
                                                             tmp_path: Path) -> None:
    """Material's offline plugin (use_directory_urls off, read from file://): links to
    generated pages name their index.html, or a browser shows a folder listing."""
    root = project_dir(FILES)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "  - offline\n")
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert 'href="maps/telecom/moving/index.html"' in home
    assert 'href="maps/telecom/moving/"' not in home
