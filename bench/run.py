"""`make bench`: whole `mkdocs build` runs with the plugin against the same pages without it.

For each corpus size N the same seeded maps are built two ways, alternating:
with the journeymaps plugin, and as the plain Markdown pages the core
generates (``site.generate()``, what ``journeymaps generate`` writes), with
the same theme and extensions but no plugin. Medians of wall time and of peak
memory (the build process's max RSS) are reported, with an incremental
rebuild as `mkdocs serve` does it, and the weight of a map page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import serve_latency
from corpus import write_corpus

from journeymaps.load.project import load_project
from journeymaps.website.assembly import generate

HERE = Path(__file__).resolve().parent
THEME = """\
site_name: Benchmark
docs_dir: site_src
theme:
  name: material
  features: [navigation.indexes, navigation.prune]
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
#: BENCHMARKS.md keeps its analysis; `make bench` rewrites what lies between these
START, END = "<!-- bench:results -->", "<!-- /bench:results -->"
#: ... and the edit-to-preview latency (`make bench-serve` rewrites only this one)
SERVE_START, SERVE_END = "<!-- bench:serve -->", "<!-- /bench:serve -->"
PLUGINS = {"plugin": "plugins:\n  - search\n  - journeymaps\n",
           "plain": f"plugins:\n  - search\nhooks:\n  - {HERE / 'sidebar_hook.py'}\n"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    #: the most memory the build and its workers held together (PSS), where Linux tells
    tree_mb: float | None = None
    #: CPU time of the build and the workers it waited for (user + system): on a shared,
    #: loaded machine a steadier figure than wall time for comparing two builds
    cpu_seconds: float | None = None


def _site(root: Path, kind: str) -> None:
    (root / "site_src").mkdir(parents=True, exist_ok=True)
    (root / "site_src/index.md").write_text("# Benchmark\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(THEME + PLUGINS[kind], encoding="utf-8")


def plugin_project(root: Path, maps: int) -> Path:
    """The corpus as a journeymaps project."""
    write_corpus(root / "maps", maps)
    _site(root, "plugin")
    return root


def make_projects(base: Path, maps: int) -> dict[str, Path]:
    """The same corpus as a journeymaps project and as plain generated Markdown."""
    with_plugin, plain = plugin_project(base / "plugin", maps), base / "plain"
    _site(plain, "plain")
    project = load_project(with_plugin, with_plugin / "maps", with_plugin / "site_src")
    for generated in generate(project):
        target = plain / "site_src" / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.content, encoding="utf-8")
    return {"plugin": with_plugin, "plain": plain}


def timed_build(root: Path) -> Run:
    """One `mkdocs build` in its own process: wall time and that process's peak RSS."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet"],
                               cwd=root, env=env)
    sampler = TreeMemory(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mkdocs build failed in {root}")
    return Run(seconds, usage.ru_maxrss / 1024, sampler.stop(),
               usage.ru_utime + usage.ru_stime)


class TreeMemory:
    """Samples the memory of a process and its children, summed (PSS, so pages a
    forked worker shares with its parent count once). ru_maxrss cannot: it is the
    largest single process, not what the build's processes hold together."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.readable = Path(f"/proc/{pid}/smaps_rollup").exists()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.readable and not self.done.wait(self.every):
            pids = [self.pid, *_children(self.pid)]
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in pids))

    def stop(self) -> float | None:
        self.done.set()
        self.thread.join()
        return self.peak_kb / 1024 if self.readable and self.peak_kb else None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


INCREMENTAL = """
import json, os, sys, time, pathlib
from mkdocs.config import load_config
from mkdocs.commands.build import build
root = pathlib.Path(sys.argv[1])
os.chdir(root)
def once():
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    start = time.perf_counter(); build(config); return time.perf_counter() - start, config
full, config = once()
edited = next((root / "maps").glob("area-0/*.md"))
edited.write_text(edited.read_text().replace("title: Journey", "title: Edited journey"))
again, config = once()
cache = config.plugins["journeymaps"].cache
print(json.dumps({"full": full, "rebuild": again, "misses": cache.misses, "hits": cache.hits}))
"""


def incremental(root: Path) -> dict[str, float]:
    """A full build then, in the same process as `mkdocs serve`, a rebuild after one edit."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", INCREMENTAL, str(root)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def page_weight(root: Path, maps: int) -> dict[str, float]:
    site = root / "site"
    page = next((site / "maps").glob("area-0/*/index.html"))
    index = site / "search/search_index.json"
    return {"map_page_kb": page.stat().st_size / 1024,
            "search_kb_per_map": index.stat().st_size / 1024 / maps}


def measure(maps: int, runs: int, serve: bool = True) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="jm-bench-") as tmp:
        projects = make_projects(Path(tmp), maps)
        results: dict[str, list[Run]] = {"plugin": [], "plain": []}
        for _ in range(runs):  # alternating, so both see the same machine load
            for kind in ("plugin", "plain"):
                results[kind].append(timed_build(projects[kind]))
        weight = page_weight(projects["plugin"], maps)
        rebuild = incremental(projects["plugin"]) if serve else {}
    row: dict[str, object] = {"maps": maps, "runs": runs}
    for kind, measured in results.items():
        row[f"{kind}_s"] = statistics.median(r.seconds for r in measured)
        row[f"{kind}_mb"] = statistics.median(r.peak_mb for r in measured)
        trees = [r.tree_mb for r in measured if r.tree_mb is not None]
        row[f"{kind}_tree_mb"] = statistics.median(trees) if trees else None
    row["ratio"] = row["plugin_s"] / row["plain_s"]  # type: ignore[operator]
    row.update(weight)
    row.update({f"incremental_{k}": v for k, v in rebuild.items()})
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = ("| maps | runs | plugin build (s) | plain build (s) | ratio | plugin peak (MB) | "
            "plain peak (MB) | plugin, all processes (MB) | serve: full / rebuild after 1 "
            "edit (s) | re-read on rebuild | map page (KB) | search index per map (KB) |")
    lines = [head, "|" + "---|" * 12]
    for r in rows:
        tree = r.get("plugin_tree_mb")
        lines.append(
            f"| {r['maps']:,} | {r['runs']} | {r['plugin_s']:.2f} | {r['plain_s']:.2f} | "
            f"{r['ratio']:.3f} | {r['plugin_mb']:.0f} | {r['plain_mb']:.0f} | "
            f"{'–' if tree is None else f'{tree:.0f}'} | {_serve(r)} | "
            f"{r['map_page_kb']:.1f} | {r['search_kb_per_map']:.1f} |")
    return "\n".join(lines)


def _serve(r: dict[str, object]) -> str:
    if "incremental_full" not in r:
        return "not measured | –"
    reread = r["incremental_misses"] - r["maps"] - max(1, r["maps"] // 10)  # type: ignore[operator]
    return (f"{r['incremental_full']:.2f} / {r['incremental_rebuild']:.2f} | "
            f"{reread} file(s)")


def measure_serve(maps: int, edits: int) -> dict[str, object]:
    """Edit-to-preview latency of a real `mkdocs serve --dirty`, and `journeymaps check`."""
    with tempfile.TemporaryDirectory(prefix="jm-bench-serve-") as tmp:
        root = plugin_project(Path(tmp), maps)
        row: dict[str, object] = {"maps": maps}
        row.update(serve_latency.check_times(root))
        row.update(serve_latency.edit_latency(root, edits))
    return row


def machine() -> str:
    import material
    import mkdocs
    return (f"{platform.platform()}, {os.cpu_count()} CPUs, "
            f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-max", type=int, default=1000,
                        help="measure the serve rebuild only up to this many maps")
    parser.add_argument("--output", type=Path, help="write the results to this Markdown file")
    parser.add_argument("--only", choices=["build", "serve"],
                        help="only the whole-build runs, or only the edit-to-preview latency")
    parser.add_argument("--edits", type=int, default=5, help="edits per size (serve)")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sizes = [int(s) for s in args.sizes.split(",")]
    stamp = f"Run on {dt.date.today()} by `make bench` (`{' '.join(sys.argv[1:])}`) on {machine()}."
    blocks: list[tuple[str, str, str]] = []
    if args.only != "serve":
        rows = []
        for size in sizes:
            rows.append(measure(size, args.runs, serve=size <= args.serve_max))
            print(table(rows[-1:]), flush=True)
        blocks.append((START, END, f"{stamp}\n\n{table(rows)}\n"))
    if args.only != "build":
        served = []
        for size in (s for s in sizes if s <= args.serve_max):
            served.append(measure_serve(size, args.edits))
            print(serve_latency.table(served[-1:]), flush=True)
        blocks.append((SERVE_START, SERVE_END, f"{stamp}\n\n{serve_latency.table(served)}\n"))
    for _, _, results in blocks:
        print(results)
    if args.output:
        document = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        for start, end, results in blocks:
            document = with_results(document, results, start, end)
        args.output.write_text(document, encoding="utf-8")


def with_results(document: str, results: str, start: str = START, end: str = END) -> str:
    """The document with one results block replaced: the analysis written around the
    markers stays; a block the document lacks is added at its end."""
    before, found_start, rest = document.partition(start)
    _, found_end, after = rest.partition(end)
    if not (found_start and found_end):
        document = document or "# Benchmarks\n"
        return f"{document.rstrip()}\n\n{start}\n{results}{end}\n"
    return f"{before}{start}\n{results}{end}{after}"


if __name__ == "__main__":
    main()
