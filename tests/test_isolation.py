"""The build reaches no network and changes nothing but its own output folder."""

from __future__ import annotations

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
from journeymaps.site.assembly import generate
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
