"""How long the measured series take to load: ``python metrics_load.py [MAPS] [RUNS]``.

Writes the benchmark corpus (``corpus.write_corpus``: 100 CSV rows a map, so 100,000
rows at 1,000 maps) into a temporary folder, loads the project once (maps only matter
as what rows refer to), then times ``load_metrics`` alone, several times, and prints
the median. Not a test: no timing is ever asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

from journeymaps.load.metrics import load_metrics
from journeymaps.load.project import load_project


def main() -> None:
    maps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root / "maps", maps)
        project = load_project(root, root / "maps")
        assert not project.errors, project.errors[:3]
        rows = sum(len(s.points) for s in project.series.values())
        times, cpu = [], []
        for _ in range(runs):
            project.cross_problems = []
            start, start_cpu = time.perf_counter(), time.process_time()
            load_metrics(project)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        # on a shared machine the wall time waits for other processes; CPU time does not
        print(f"{rows:,} rows, {maps:,} maps, {len(project.series):,} series, {runs} runs: "
              f"wall median {statistics.median(times):.3f} s (min {min(times):.3f}, max "
              f"{max(times):.3f}); CPU median {statistics.median(cpu):.3f} s")


if __name__ == "__main__":
    main()
