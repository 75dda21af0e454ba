"""Where Mermaid comes from: the option, the bundled copy, the loader on diagram pages."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, REPO, mkdocs_build
from journeymaps.mkdocs import mermaid_assets
from journeymaps.mkdocs.mermaid_assets import (
    BUNDLED,
    CDN,
    SITE_PATH,
    find_bundled,
    has_diagram,
    loader,
    script_source,
    source_problem,
    with_loader,
)
from journeymaps.mkdocs.plugin import JourneyMapsPlugin
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]
NODE_MERMAID = REPO / mermaid_assets.NODE_MODULES_FILE
DIAGRAM = '<h1>Map</h1>\n<pre class="mermaid"><code>journey\n</code></pre>'
LOADER_MARK = "journeymaps: Mermaid"


def with_option(value: str) -> str:
    return MKDOCS_YML.replace("  - journeymaps\n", f"  - journeymaps:\n      mermaid: '{value}'\n")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("value", [BUNDLED, CDN, "https://intranet.example/js/mermaid.min.js",
                                   "http://10.1.2.3:8080/mermaid.min.js", "/static/mermaid.js"])
def test_usable_sources(value: str) -> None:
    assert source_problem(value) is None


@pytest.mark.parametrize("value", ["bundeld", "", "javascript:alert(1)", "ftp://host/m.js",
                                   "https://", "mermaid.min.js", "/a b.js", '/x"><script>'])
def test_unusable_sources_say_what_is_expected(value: str) -> None:
    problem = source_problem(value)
    assert problem is not None
    assert "expected 'bundled', 'cdn' or the address of a mermaid.min.js" in problem
    assert repr(value) in problem


def test_diagram_pages_are_recognised() -> None:
    assert has_diagram(DIAGRAM)
    assert has_diagram('<div class="admonition mermaid x">')
    for html in ('<pre class="mermaid-like">', "<p>mermaid</p>", '<pre class="highlight">',
                 '<code class="language-mermaid">'):
        assert not has_diagram(html), html


def test_script_source() -> None:
    assert script_source(BUNDLED, "../assets/m.js") == "../assets/m.js"
    assert script_source(CDN, "../assets/m.js") is None
    assert script_source("https://x.example/m.js", "../assets/m.js") == "https://x.example/m.js"


def test_loader_only_on_diagram_pages_and_only_if_not_cdn() -> None:
    assert with_loader("<p>text</p>", "m.js") == "<p>text</p>"
    assert with_loader(DIAGRAM, None) == DIAGRAM
    page = with_loader(DIAGRAM, "../../assets/journeymaps/mermaid.min.js")
    assert page.startswith(DIAGRAM)
    assert page.count("<script>") == 1 and page.endswith("</script>")
    assert '})("../../assets/journeymaps/mermaid.min.js");</script>' in page


def test_loader_cannot_be_ended_early() -> None:
    script = loader('/m.js"</script><script>alert(1)</script>')
    assert script.count("</script>") == 1
    assert script.count("<script>") == 1
    literal = script[script.rindex("})(") + 3:script.rindex(");</script>")]
    assert json.loads(literal) == '/m.js"</script><script>alert(1)</script>'


def test_loader_themes_journeys_with_the_palette() -> None:
    assert json.dumps(mermaid_assets.JOURNEY_CSS).replace(">", "\\u003e") in loader("m.js")
    # Mermaid mis-scopes selector lists, so no rule may have one
    for rule in mermaid_assets.JOURNEY_CSS.split("}")[:-1]:
        assert "," not in rule.split("{")[0], rule
        assert "var(--md-mermaid-" in rule


def test_bundled_copy_is_the_package_one_first(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    in_project = project / mermaid_assets.NODE_MODULES_FILE
    in_package = tmp_path / "package" / "mermaid.min.js"
    monkeypatch.setattr(mermaid_assets, "CHECKOUT", tmp_path / "checkout")
    monkeypatch.setattr(mermaid_assets, "PACKAGE_FILE", in_package)
    assert find_bundled([project]) is None
    in_project.parent.mkdir(parents=True)
    in_project.write_text("// npm")
    assert find_bundled([project]) == in_project
    in_package.parent.mkdir()
    in_package.write_text("// wheel")
    assert find_bundled([project]) == in_package


def test_checkout_node_modules_serve_projects_elsewhere(tmp_path: Path) -> None:
    assert NODE_MERMAID.is_file(), "run `npm ci` (make test does)"
    assert find_bundled([tmp_path]) in (mermaid_assets.PACKAGE_FILE, NODE_MERMAID)


def test_missing_bundled_copy_is_a_warning(monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(mermaid_assets, "find_bundled", lambda roots: None)
    plugin = JourneyMapsPlugin()
    plugin.load_config({})
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.journeymaps"):
        plugin._add_mermaid(None, None)  # type: ignore[arg-type]
    assert caplog.messages == [mermaid_assets.MISSING]


def test_bundled_build_serves_mermaid_to_diagram_pages_only(project_dir: MakeProject,
                                                            tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    assert build.returncode == 0, build.output
    copied = build.site / SITE_PATH
    assert digest(copied) == digest(find_bundled([REPO]))  # type: ignore[arg-type]
    for url, depth in (("maps/telecom/moving", 3), ("maps/telecom/switch", 3)):
        page = build.page(url)
        assert page.count(LOADER_MARK) == 1
        assert f'("{"../" * depth}{SITE_PATH}");</script>' in page
        # Material only looks for `mermaid` when it draws, after the article
        assert page.index(LOADER_MARK) < page.index("</article>")
    for url in ("", "personas/anna", "personas/ben", "kb/install"):
        page = (build.site / url / "index.html").read_text(encoding="utf-8")
        assert "mermaid" not in page.lower().replace("--md-mermaid", ""), url
    index = (build.site / "search/search_index.json").read_text(encoding="utf-8")
    assert LOADER_MARK not in index


def test_cdn_leaves_mermaid_to_material(project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": with_option(CDN)})
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert not (build.site / SITE_PATH).exists()
    assert LOADER_MARK not in build.page("maps/telecom/moving")


def test_an_address_is_loaded_from_there(project_dir: MakeProject, tmp_path: Path) -> None:
    address = "https://intranet.example/js/mermaid.min.js"
    build = mkdocs_build(project_dir({**FILES, "mkdocs.yml": with_option(address)}),
                         tmp_path / "out")
    assert build.returncode == 0, build.output
    assert not (build.site / SITE_PATH).exists()
    assert f'}})("{address}");</script>' in build.page("maps/telecom/moving")
    assert LOADER_MARK not in build.page("personas/anna")


def test_a_wrong_option_fails_the_build_with_a_hint(project_dir: MakeProject,
                                                    tmp_path: Path) -> None:
    build = mkdocs_build(project_dir({**FILES, "mkdocs.yml": with_option("bundeld")}),
                         tmp_path / "out", strict=False)
    assert build.returncode != 0
    assert re.search(r"mermaid.*expected 'bundled', 'cdn' or the address", build.output)
    assert "Traceback" not in build.output


@pytest.mark.slow
def test_wheel_ships_mermaid(tmp_path: Path) -> None:
    """What `make wheel` runs: the package carries the bundled copy as an asset. Built
    from a copy of the work tree with npm's Mermaid in it: setuptools builds in the
    source folder, and the tests leave the work tree as they found it."""
    clone = _tracked_copy(tmp_path / "clone")
    (clone / NODE_MERMAID.relative_to(REPO)).parent.mkdir(parents=True)
    shutil.copyfile(NODE_MERMAID, clone / NODE_MERMAID.relative_to(REPO))
    done = _wheel(clone, tmp_path, JOURNEYMAPS_REQUIRE_MERMAID="1")
    assert done.returncode == 0, done.stdout + done.stderr
    [wheel] = tmp_path.glob("journeymaps-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("journeymaps/mkdocs/assets/mermaid.min.js")
        assert "journeymaps/mkdocs/mermaid_assets.py" in archive.namelist()
        metadata = archive.read("journeymaps-0.1.0.dist-info/METADATA").decode()
        assert "License-Expression: MIT" in metadata.splitlines()  # SPDX (PEP 639)
    assert hashlib.sha256(shipped).hexdigest() == digest(NODE_MERMAID)


@pytest.mark.slow
def test_a_plain_clone_installs_without_mermaid(tmp_path: Path) -> None:
    """pre-commit installs the package from a clone where `npm ci` never ran: that builds,
    without the bundled copy and saying so; `make wheel` refuses to."""
    clone = _tracked_copy(tmp_path / "clone")
    assert not (clone / "node_modules").exists()
    refused = _wheel(clone, tmp_path / "refused", JOURNEYMAPS_REQUIRE_MERMAID="1")
    assert refused.returncode != 0 and "run `npm ci` first" in refused.stdout + refused.stderr
    built = _wheel(clone, tmp_path / "built")
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (tmp_path / "built").glob("journeymaps-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "journeymaps/cli/commands.py" in archive.namelist()
        assert "journeymaps/mkdocs/assets/mermaid.min.js" not in archive.namelist()


def _tracked_copy(clone: Path) -> Path:
    """The files git tracks in the work tree (as they are now), copied into ``clone``."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / name, clone / name)
    return clone


def _wheel(source: Path, into: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(into), str(source)],
        capture_output=True, text=True, timeout=600, env={**os.environ, **env})
