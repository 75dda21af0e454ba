"""The build reaches no network and changes nothing but its own output folder."""

from __future__ import annotations

import ast
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

# Run in the child before anything else: every way out to the network raises and says so.
NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write(f"NETWORK ATTEMPT {args[1:] or args}\\n")
    raise OSError("network blocked by the test")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.socket.sendto = socket.socket.sendmsg = refuse
socket.create_connection = socket.getaddrinfo = socket.gethostbyname = refuse
"""
BUILD = "from mkdocs.__main__ import cli; cli()"
IGNORED = {".git", ".venv", ".hypothesis", ".pytest_cache", ".ruff_cache", "__pycache__",
           "site", "node_modules"}


def offline(code: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-c", NO_NETWORK + code, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the repository (but tool caches and outputs) to a hash of its bytes."""
    hashes = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in IGNORED and not d.endswith(".egg-info")]
        for name in files:
            if name.startswith(".coverage"):
                continue  # written by the test run's own coverage
            path = Path(folder, name)
            hashes[path.relative_to(root).as_posix()] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return hashes


def test_the_blocker_blocks() -> None:
    """The guard of the next test can fail: a real attempt is caught and reported."""
    done = offline("import urllib.request; urllib.request.urlopen('http://192.0.2.1/', "
                   "timeout=1)")
    assert done.returncode != 0 and "NETWORK ATTEMPT" in done.stderr


def test_sample_site_builds_offline_and_changes_no_source(tmp_path: Path) -> None:
    before = snapshot(REPO)
    assert any(p.startswith("site_src/") for p in before)
    done = offline(BUILD, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    assert (tmp_path / "site/index.html").is_file()
    # nothing lost: maps/, site_src/ and every other source byte for byte as before
    assert snapshot(REPO) == before


CORE = """
import importlib, pkgutil, sys
from pathlib import Path
import mermaid

def refuse(*args, **kwargs):
    raise RuntimeError("mermaid-py's rendering API was called")

mermaid.Mermaid.__init__ = refuse  # it posts the diagram to an outside web service
import journeymaps
# the adapters, the only folders that may use MkDocs: the plugin (with its options, the
# sidebar it shortens and the Mermaid it serves), and the command, which reads mkdocs.yml
# and checks the plugin's options with them
adapters = ("journeymaps.mkdocs", "journeymaps.cli")
folders = [m.name for m in pkgutil.iter_modules(journeymaps.__path__) if m.ispkg]
for folder in folders:  # walk_packages would import the adapters' packages to walk them
    if "journeymaps." + folder not in adapters:
        path = [str(Path(journeymaps.__path__[0], folder))]
        importlib.import_module(f"journeymaps.{folder}")
        for module in pkgutil.iter_modules(path, f"journeymaps.{folder}."):
            importlib.import_module(module.name)
from journeymaps.load.project import load_project
from journeymaps.website.assembly import generate
root = Path(sys.argv[1])
pages = list(generate(load_project(root, root / "maps", root / "site_src")))
assert any("```mermaid" in page.content for page in pages)
print(len(pages), sorted({m.split(".")[0] for m in sys.modules} & {"mkdocs", "material"}))
"""


def test_the_core_needs_no_mkdocs_and_renders_diagrams_without_mermaid_py_api() -> None:
    """Every module but the adapters imports, and the whole sample site generates,
    without MkDocs or Material loaded and without mermaid-py's rendering API."""
    done = offline(CORE, str(REPO))
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.splitlines()[-1].split(" ", 1)
    assert int(count) > 20 and loaded.strip() == "[]"


#: The layers, bottom first (CONTRIBUTING.md draws them): a module imports its own folder
#: and the folders below it, never one above.
LAYERS = ["safety", "model", "language", "load", "analysis", "pages", "exports", "website",
          "mkdocs", "engines", "cli"]
PACKAGE = REPO / "plugin" / "journeymaps"


def import_graph() -> dict[str, set[str]]:
    """Each module of the package (``load.project``) to the modules it imports, read from
    the source with ``ast``: at the top, under TYPE_CHECKING or inside a function alike."""
    modules = {".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
               for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        package = name.split(".")[:-1]  # the folder a relative import starts from
        name = name.removesuffix(".__init__")
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[:len(package) - node.level + 1] + (node.module or "").split(".")
                base = [part for part in base if part]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "journeymaps"):
                base = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # `from ..pages import site_layout` names a module
                full = ".".join([*base, alias.name])
                found.add(full if full in modules else ".".join(base))
        graph[name] = {module for module in found if module in modules and module != name}
    return graph


def folder_of(module: str) -> str:
    return module.split(".")[0]


def test_every_folder_is_a_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(LAYERS)
    assert {p.name for p in PACKAGE.glob("*.py")} == {"__init__.py"}  # nothing left flat


def test_imports_only_go_down_the_layers() -> None:
    rank = {folder: i for i, folder in enumerate(LAYERS)}
    upward = sorted(f"{module} imports {target}"
                    for module, targets in import_graph().items() for target in targets
                    if module != "__init__" and folder_of(target) in rank
                    and rank[folder_of(target)] > rank[folder_of(module)])
    assert upward == []


def test_no_import_circle() -> None:
    graph = import_graph()
    circles = []
    state: dict[str, int] = {}  # 1 being visited, 2 done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_the_checks_can_fail() -> None:
    """The graph sees a real import, and a circle where one is."""
    graph = import_graph()
    assert "model.project" in graph["load.project"]
    assert "pages.site_layout" in graph["mkdocs.plugin"]  # `from ..pages import site_layout`


def test_privacy_plugin_builds_offline_with_the_bundled_mermaid(tmp_path: Path) -> None:
    """Material's privacy plugin downloads the CDN Mermaid its bundle names unless the
    plugin excludes it (``mkdocs/companions.py``): offline, strict, that failed the build."""
    from conftest import write_tree

    write_tree(tmp_path, {
        "mkdocs.yml": "site_name: S\ndocs_dir: docs\ntheme:\n  name: material\n  font: false\n"
                      "plugins:\n  - privacy\n  - journeymaps\n",
        "docs/index.md": "# Home\n",
        "maps/personas/anna.md": "---\nname: Anna\n---\n",
        "maps/m.md": "---\ntitle: M\npersona: anna\n"
                     "stages: [{name: S, touchpoints: [{name: T, score: 3}]}]\n---\n",
    })
    done = offline(BUILD, "build", "--strict", "--site-dir", str(tmp_path / "site"),
                   cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    assert "mermaid.min.js" in (tmp_path / "site/maps/m/index.html").read_text(encoding="utf-8")
