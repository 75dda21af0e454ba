"""What the measured series add to a whole ``mkdocs build``: ``python metrics_build.py
[MAPS] [RUNS]``.

The benchmark corpus (``corpus.write_corpus``: 100 CSV rows a map) built by MkDocs in
its own process (``run.timed_build``), alternately with its metrics (catalogue and CSV)
and without them (the files moved aside), ``RUNS`` times each; prints the medians and
their ratio, the figure ``make bench``'s build at 1,000 maps is held to. Not a test.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from corpus import write_corpus
from run import PLUGINS, THEME, timed_build


def main() -> None:
    maps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plugin"
        write_corpus(root / "maps", maps)
        (root / "site_src").mkdir()
        (root / "site_src/index.md").write_text("# Benchmark\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(THEME + PLUGINS["plugin"], encoding="utf-8")
        aside = Path(folder) / "aside"
        aside.mkdir()
        times: dict[str, list[float]] = {"with": [], "without": []}
        cpu: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(runs):
            for kind in ("with", "without"):
                if kind == "without":
                    for name in ("metrics.yml", "metrics"):
                        shutil.move(root / "maps" / name, aside / name)
                run = timed_build(root)
                times[kind].append(run.seconds)
                cpu[kind].append(run.cpu_seconds or 0.0)
            for name in ("metrics.yml", "metrics"):
                shutil.move(aside / name, root / "maps" / name)
        for what, figures in (("wall", times), ("CPU", cpu)):
            with_s, without_s = (statistics.median(figures[k]) for k in ("with", "without"))
            print(f"{maps:,} maps, mkdocs build, {runs} runs each, alternating, {what}: with "
                  f"metrics {with_s:.2f} s, without {without_s:.2f} s (medians), ratio "
                  f"{with_s / without_s:.3f}; runs {figures}")


if __name__ == "__main__":
    main()
