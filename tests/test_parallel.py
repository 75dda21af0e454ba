"""Loading and rendering on several CPUs: the same output as one process, whatever fails."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from journeymaps.analysis.options import SiteOptions
from journeymaps.load import parallel
from journeymaps.load.cache import FileCache
from journeymaps.load.project import load_project
from journeymaps.website.assembly import generate
from test_pages import FILES

REPO = Path(__file__).resolve().parent.parent
PARENT = os.getpid()


@pytest.fixture
def three(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three processes whatever the machine has: the tests run the real forks."""
    monkeypatch.setattr(parallel, "processes", lambda jobs: 3 if jobs >= 3 else 1)


def reaped(pids: set[int]) -> bool:
    """No worker left behind: each has been waited for (other tests' children may run)."""
    for pid in pids - {PARENT}:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def pid_job(i: int) -> tuple[int, int]:
    return i, os.getpid()


def test_results_are_in_order_and_come_from_several_processes(three: None) -> None:
    results = list(parallel.fan_out(lambda i: (i * i, os.getpid()), 40))
    assert [square for square, _ in results] == [i * i for i in range(40)]
    pids = {pid for _, pid in results}
    assert len(pids) == 3 and reaped(pids)


def test_a_worker_that_fails_has_its_jobs_done_by_this_process(three: None) -> None:
    def job(i: int) -> tuple[int, int]:
        if i == 4 and os.getpid() != PARENT:
            raise RuntimeError("only in a worker")
        return pid_job(i)
    results = list(parallel.fan_out(job, 30))
    assert [i for i, _ in results] == list(range(30))
    assert results[4][1] == PARENT and results[7][1] == PARENT  # worker 1's share, after 4
    assert reaped({pid for _, pid in results})


def test_a_worker_that_dies_has_its_jobs_done_by_this_process(three: None) -> None:
    def job(i: int) -> int:
        if i == 7 and os.getpid() != PARENT:
            os._exit(9)
        return i
    assert list(parallel.fan_out(job, 30)) == list(range(30))


def test_large_results_come_compressed_and_wait_as_bytes(three: None) -> None:
    """A worker's result longer than ``_COMPRESS_OVER`` comes compressed; results wait
    in this process as the bytes they came as, until taken."""
    big = "✓ a report's rows " * (parallel._COMPRESS_OVER // 8)
    results = list(parallel.fan_out(lambda i: (big + str(i), os.getpid()), 9))
    assert [text for text, _ in results] == [big + str(i) for i in range(9)]
    assert len({pid for _, pid in results}) == 3
    read, write = os.pipe()
    with os.fdopen(write, "wb") as out:
        data = parallel.zlib.compress(parallel.pickle.dumps(big), 1)
        out.write(parallel._HEADER.pack(len(data), True) + data)
        out.write(parallel._HEADER.pack(100, False) + b"cut short")
    with os.fdopen(read, "rb") as stream:
        message = parallel._receive(stream)
        assert message is not None and message[0] and len(message[1]) < len(big) // 10
        assert parallel._result(message) == (big,)
        assert parallel._receive(stream) is None  # the worker died while writing


def test_a_result_that_cannot_be_pickled_is_made_here(three: None) -> None:
    results = list(parallel.fan_out(lambda i: (lambda: i), 12))
    assert [f() for f in results] == list(range(12))


def test_an_error_here_is_raised_as_in_a_plain_loop(three: None) -> None:
    def job(i: int) -> tuple[int, int]:
        if i == 6:  # this process's share (6 % 3 == 0)
            raise ValueError("bad job")
        return pid_job(i)
    seen: list[int] = []
    with pytest.raises(ValueError, match="bad job"):
        seen.extend(pid for _, pid in parallel.fan_out(job, 30))
    assert len(seen) == 6 and len(set(seen)) == 3 and reaped(set(seen))


def test_stopping_early_leaves_no_worker_behind(three: None) -> None:
    results = parallel.fan_out(lambda i: (os.getpid(), "x" * 100_000), 60)  # > a pipe
    pids = {next(results)[0], next(results)[0], next(results)[0]}
    results.close()
    assert len(pids) == 3 and reaped(pids)


def only_threads(monkeypatch: pytest.MonkeyPatch, *others: threading.Thread) -> None:
    monkeypatch.setattr(threading, "enumerate", lambda: [threading.current_thread(), *others])


def test_how_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    only_threads(monkeypatch)
    enough = 10 * parallel.MIN_JOBS_PER_PROCESS
    assert parallel.processes(enough) == 4
    assert parallel.processes(parallel.MIN_JOBS_PER_PROCESS * 2) == 2
    assert parallel.processes(parallel.MIN_JOBS_PER_PROCESS - 1) == 1
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")
    assert parallel.processes(enough) == 2
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.processes(enough) == 1
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "many")  # not a number: the CPUs decide
    assert parallel.processes(enough) == 4


def test_no_fork_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve rebuilds while its web server runs in another thread."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    enough = 10 * parallel.MIN_JOBS_PER_PROCESS
    only_threads(monkeypatch, threading.Thread(name="server"))
    assert parallel.processes(enough) == 1
    only_threads(monkeypatch, threading.Thread(name=parallel._OURS + "results"))
    assert parallel.processes(enough) == 2  # fan_out's own pipe readers never hold a lock


def site_of(root: Path) -> tuple[list[tuple[str, str, str | None]], list[str], int]:
    cache = FileCache()
    project = load_project(root, root / "maps", root / "site_src", cache)
    files = [(f.path, f.content, f.source) for f in generate(project, SiteOptions())]
    return files, [str(p) for p in project.problems], cache.misses


@pytest.mark.parametrize("name", ["sample", "broken"])
def test_the_site_is_the_same_on_one_process_or_three(
        name: str, monkeypatch: pytest.MonkeyPatch,
        project_dir: Callable[[dict[str, str]], Path]) -> None:
    broken = {**FILES, "maps/telecom/bad.md": "---\ntitle: [unclosed\n---\n",
              "maps/telecom/worse.md": "---\npersona: nobody\nstages: 3\n---\n"}
    root = REPO if name == "sample" else project_dir(broken)
    monkeypatch.setattr(parallel, "processes", lambda jobs: 1)
    alone = site_of(root)
    monkeypatch.setattr(parallel, "processes", lambda jobs: 3 if jobs >= 3 else 1)
    assert site_of(root) == alone
    assert alone[2] >= 3 and (name == "sample" or alone[1])
