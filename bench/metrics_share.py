"""What the measured series add to a build's own work: ``python metrics_share.py [MAPS]
[RUNS]``.

Loads and generates the benchmark corpus (``corpus.write_corpus``: 100 CSV rows a map)
in this process, alternately with its metrics (catalogue and CSV) and without them
(the same maps, the files moved aside), and prints the median of each and their ratio.
MkDocs' own share of a build (reading and writing pages) is left out, so the ratio is an
upper bound of what the series add to ``make bench``'s build. Not a test: no timing is
ever asserted.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

from journeymaps.load.project import load_project
from journeymaps.website.assembly import generate


def _once(root: Path) -> float:
    start = time.perf_counter()
    project = load_project(root, root / "maps")
    for _ in generate(project):
        pass
    return time.perf_counter() - start


def main() -> None:
    maps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root / "maps", maps)
        aside = root / "aside"
        aside.mkdir()
        times: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(runs):
            times["with"].append(_once(root))
            for name in ("metrics.yml", "metrics"):
                shutil.move(root / "maps" / name, aside / name)
            times["without"].append(_once(root))
            for name in ("metrics.yml", "metrics"):
                shutil.move(aside / name, root / "maps" / name)
        with_s, without_s = (statistics.median(times[k]) for k in ("with", "without"))
        print(f"{maps:,} maps, load + generate, {runs} runs each, alternating: with metrics "
              f"{with_s:.2f} s, without {without_s:.2f} s (medians), ratio "
              f"{with_s / without_s:.3f}; runs {times}")


if __name__ == "__main__":
    main()
