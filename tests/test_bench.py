"""A small-N run of the benchmark, so that it cannot rot (no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import corpus
import run

from journeymaps.load.project import load_project


def test_corpus_is_valid_and_seeded(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "a" / "maps", 20)
    corpus.write_corpus(tmp_path / "b" / "maps", 20)
    project = load_project(tmp_path / "a", tmp_path / "a" / "maps")
    assert project.problems == []
    assert (len(project.maps), len(project.personas)) == (20, 2)
    assert all(len(m.stages) == 6 and len(m.stages[0].touchpoints) == 4 for m in project.maps)
    assert sum(len(s.points) for s in project.series.values()) == 20 * 100  # rows a map
    first = (tmp_path / "a/maps/area-3/map-3.md").read_text()
    assert first == (tmp_path / "b/maps/area-3/map-3.md").read_text()


@pytest.mark.slow
def test_benchmark_smoke(tmp_path: Path) -> None:
    row = run.measure(maps=10, runs=1)
    assert row["maps"] == 10 and row["plugin_s"] > 0 and row["plain_s"] > 0
    # the rebuild after one edit re-read exactly that one file
    assert row["incremental_misses"] == 10 + 1 + 1
    assert row["map_page_kb"] > 1
    assert row["plugin_tree_mb"] is None or row["plugin_tree_mb"] > 10
    report = run.table([row])
    assert report.startswith("| maps |") and "| 10 | 1 |" in report


def test_results_replace_only_their_block() -> None:
    document = f"# Benchmarks\n\nIntro.\n\n{run.START}\nold table\n{run.END}\n\n## Analysis\n"
    updated = run.with_results(document, "new table\n")
    assert updated == (f"# Benchmarks\n\nIntro.\n\n{run.START}\nnew table\n{run.END}\n\n"
                       "## Analysis\n")
    assert run.with_results("", "t\n") == f"# Benchmarks\n\n{run.START}\nt\n{run.END}\n"


HOG = """
import os, time
held = bytearray(60 * 2**20)
held[::4096] = b"x" * len(held[::4096])
if os.fork() == 0:
    mine = bytearray(60 * 2**20)
    mine[::4096] = b"y" * len(mine[::4096])
    time.sleep(1.5)
    os._exit(0)
time.sleep(1.5)
os.wait()
"""


def test_memory_of_a_build_counts_its_workers_too() -> None:
    """What a build's processes hold together: 60 MB shared, 60 MB each of their own.
    Either process alone has a PSS of 60 to 70 MB (the shared pages count half)."""
    if not Path("/proc/self/smaps_rollup").exists():
        pytest.skip("needs Linux's /proc/<pid>/smaps_rollup")
    process = run.subprocess.Popen([sys.executable, "-c", HOG])
    sampler = run.TreeMemory(process.pid, every=0.05)
    run.os.wait4(process.pid, 0)
    together = sampler.stop()
    assert together is not None and 110 < together < 200
