"""Edit-to-preview latency: a real `mkdocs serve`, started as `make serve` starts it,
and an HTTP poll of the served pages until an edit shows.

For each edit, one map's `owner:` gets a new, unique value (the map page and the
catalogue show it); the clock starts when the file is written and stops when both
pages, fetched from the server over loopback, hold the new value ("preview"). The
poll goes on until the search index holds it too ("search"), which the plugin
writes at the end of the rebuild; only then does the next edit start. Medians of
the edits. Every loop is bounded: a page that never shows the edit fails the run.

Also `journeymaps check` on the same corpus, with its cache (a second run that
finds nothing changed) and without it (`--no-cache`): medians of wall and CPU time,
with Python's own cache of compiled modules as an author's shell has it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

#: How `make serve` runs MkDocs (the Makefile's serve target), but on a free port.
SERVE = ["-m", "mkdocs", "serve", "--dirty", "--dev-addr"]
POLL_EVERY = 0.05
FIRST_BUILD_TIMEOUT = 3600.0
EDIT_TIMEOUT = 600.0
EDITED = "area-0/map-0.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def wait_for(check: object, timeout: float) -> float:
    """Seconds until ``check()`` is true, polling; an error after ``timeout``."""
    start = time.perf_counter()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if check():  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(POLL_EVERY)
    raise SystemExit(f"nothing showed within {timeout:.0f} s")


class Server:
    """`mkdocs serve --dirty` in ``root``, on loopback, stopped by its own pid."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.log = (root / "serve.log").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, *SERVE, f"127.0.0.1:{self.port}"], cwd=root, env=env,
            stdout=self.log, stderr=subprocess.STDOUT)

    def page(self, url: str) -> str | None:
        if self.process.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {self.process.returncode})")
        return fetch(self.base + url)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
        self.log.close()


def edit_latency(root: Path, edits: int = 5) -> dict[str, float]:
    """Medians of ``edits`` edits of one map while `mkdocs serve --dirty` runs."""
    edited = root / "maps" / EDITED
    page = "maps/" + EDITED.removesuffix(".md") + "/"
    server = Server(root)
    preview: list[float] = []
    search: list[float] = []
    try:
        started = time.perf_counter()
        wait_for(lambda: server.page(page) is not None and
                 server.page("search/search_index.json") is not None, FIRST_BUILD_TIMEOUT)
        first = time.perf_counter() - started
        time.sleep(2)  # the watcher settles after the first build
        for i in range(edits):
            marker = f"Team edited {i} {time.time_ns()}"
            text = edited.read_text(encoding="utf-8")
            edited.write_text(re.sub(r"(?m)^owner: .*$", f"owner: {marker}", text, count=1),
                              encoding="utf-8")
            start = time.perf_counter()
            wait_for(lambda marker=marker: marker in (server.page(page) or "") and
                     marker in (server.page("maps/") or ""), EDIT_TIMEOUT)
            preview.append(time.perf_counter() - start)
            wait_for(lambda marker=marker: marker in (
                server.page("search/search_index.json") or ""), EDIT_TIMEOUT)
            search.append(time.perf_counter() - start)
            time.sleep(1)  # the rebuild is over: the next edit starts from a quiet server
    finally:
        server.stop()
    log = (root / "serve.log").read_text(encoding="utf-8")
    partial = len(re.findall(r"journeymaps: \d+ unchanged pages kept", log))
    return {"first_build_s": first, "preview_s": statistics.median(preview),
            "search_s": statistics.median(search), "edits": edits,
            "partial_rebuilds": partial, "preview_all": preview}  # type: ignore[dict-item]


def check_times(root: Path, runs: int = 3) -> dict[str, float]:
    """`journeymaps check`, without its cache and with it: medians of wall and CPU s."""
    command = [str(Path(sys.executable).with_name("journeymaps")), "check"]
    times: dict[str, list[tuple[float, float]]] = {"no_cache": [], "cache": []}
    # as an author's shell runs it: Python keeps the package's compiled modules (some
    # machines set PYTHONDONTWRITEBYTECODE, and each start then compiles them anew)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, cwd=root, capture_output=True, timeout=600, env=env)  # the cache
    for _ in range(runs):
        for kind, extra in (("no_cache", ["--no-cache"]), ("cache", [])):
            start = time.perf_counter()
            process = subprocess.Popen(command + extra, cwd=root, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=env)
            _, _, usage = os.wait4(process.pid, 0)
            times[kind].append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    result: dict[str, float] = {}
    for kind, measured in times.items():
        result[f"check_{kind}_s"] = statistics.median(w for w, _ in measured)
        result[f"check_{kind}_cpu_s"] = statistics.median(c for _, c in measured)
    return result


def table(rows: list[dict[str, object]]) -> str:
    head = ("| maps | edits | first build (s) | edit to preview, median (s) | each edit (s) | "
            "edit to search index, median (s) | partial rebuilds | check, no cache: wall / "
            "CPU (s) | check, cache: wall / CPU (s) |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        each = ", ".join(f"{s:.2f}" for s in r["preview_all"])  # type: ignore[attr-defined]
        lines.append(
            f"| {r['maps']:,} | {r['edits']} | {r['first_build_s']:.1f} | "
            f"{r['preview_s']:.2f} | {each} | {r['search_s']:.2f} | "
            f"{r['partial_rebuilds']} of {r['edits']} | "
            f"{r['check_no_cache_s']:.2f} / {r['check_no_cache_cpu_s']:.2f} | "
            f"{r['check_cache_s']:.2f} / {r['check_cache_cpu_s']:.2f} |")
    return "\n".join(lines)

