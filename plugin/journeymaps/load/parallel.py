"""Per-file work spread over the machine's CPUs: MkDocs itself uses only one.

Loading a thousand maps and rendering their pages are a thousand independent
jobs. ``fan_out`` hands every n-th job to a forked worker, which inherits the
loaded project instead of receiving it, and streams its results back in order
through a pipe, so the caller still sees one ordered stream and never holds
more than a few results at once. Whatever goes wrong in a worker (a crash, an
exception, a result that cannot be pickled), this process does that worker's
jobs itself: the output is the same as a plain loop's, only sooner.

A thread of this process drains each worker's pipe as results arrive, so a
worker never waits for this process to reach its results (a report page can
take a third of a second); a worker is at most its share of the output ahead.
Its results wait as the bytes they came as, a large one compressed by the
worker, and are unpickled only when the caller takes them: at 5,000 maps, a
worker's pages waiting as text were hundreds of megabytes of this process's
peak memory.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

T = TypeVar("T")

#: Set to 1 to keep all work in the build's process; a number caps the processes used.
JOBS_VARIABLE = "JOURNEYMAPS_JOBS"
#: Below this many jobs per process, starting a worker costs more than it saves.
MIN_JOBS_PER_PROCESS = 50
#: a message's header: its length, and whether it is compressed
_HEADER = struct.Struct("<Q?")
#: A result pickled longer than this (bytes) goes compressed: a report, not a map page.
_COMPRESS_OVER = 1 << 18
#: The threads fan_out starts: they only read pipes, so they never make a fork unsafe.
_OURS = "journeymaps-worker-"
#: A result too large for the default 64 KiB pipe would stall the worker at each page.
_PIPE_BYTES = 1 << 20


def processes(jobs: int) -> int:
    """How many processes (this one included) ``jobs`` jobs are worth."""
    if not hasattr(os, "fork") or _other_threads():
        # forking beside other threads (mkdocs serve's server) can copy a held lock
        return 1
    cpus = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count()) or 1
    limit = os.environ.get(JOBS_VARIABLE, "")
    wanted = int(limit) if limit.isdigit() and int(limit) > 0 else cpus
    return max(1, min(wanted, cpus, jobs // MIN_JOBS_PER_PROCESS))


def _other_threads() -> bool:
    return any(thread is not threading.current_thread() and not thread.name.startswith(_OURS)
               for thread in threading.enumerate())


def fan_out(job: Callable[[int], T], count: int) -> Iterator[T]:
    """``job(0)``, ``job(1)``... ``job(count - 1)``, in order, computed by this
    process and forked workers together (see the module's docstring)."""
    n = processes(count)
    if n == 1:
        yield from (job(i) for i in range(count))
        return
    started = {w: _start(job, range(w, count, n)) for w in range(1, n)}
    inboxes = {w: _drain(stream) for w, (_, stream) in started.items()}
    finished = False
    try:
        for i in range(count):
            inbox = inboxes.get(i % n)
            message = inbox.get() if inbox else None
            result = _result(message) if message is not None else None
            if result is not None:
                yield result[0]
                continue
            inboxes.pop(i % n, None)  # the worker gave up: its jobs are ours from now on
            yield job(i)
        finished = True
    finally:
        for pid, stream in started.values():
            if not finished:  # stopped early, or by an error: nobody wants the rest
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)  # no worker lingers as a zombie
            stream.close()


def _drain(stream: BinaryIO) -> queue.SimpleQueue[tuple[bool, bytes] | None]:
    """A queue of the worker's messages as they arrive, then None."""
    inbox: queue.SimpleQueue[tuple[bool, bytes] | None] = queue.SimpleQueue()

    def read() -> None:
        try:
            while (result := _receive(stream)) is not None:
                inbox.put(result)
        except (OSError, ValueError):  # closed by fan_out: nobody waits any more
            pass
        inbox.put(None)

    threading.Thread(target=read, daemon=True, name=f"{_OURS}results").start()
    return inbox


def _start(job: Callable[[int], T], jobs: range) -> tuple[int, BinaryIO]:
    read, write = os.pipe()
    _widen(write)
    pid = os.fork()
    if pid == 0:  # the worker: results go up the pipe until done, or until one fails
        os.close(read)
        status = 1
        try:
            with os.fdopen(write, "wb") as out:
                for i in jobs:
                    data = pickle.dumps(job(i), pickle.HIGHEST_PROTOCOL)
                    packed = len(data) > _COMPRESS_OVER
                    if packed:  # zlib's quickest level: text shrinks to a tenth
                        data = zlib.compress(data, 1)
                    out.write(_HEADER.pack(len(data), packed))
                    out.write(data)
            status = 0
        finally:
            os._exit(status)  # never run the parent's clean-up (atexit, MkDocs) twice
    os.close(write)
    return pid, os.fdopen(read, "rb")


def _receive(stream: BinaryIO) -> tuple[bool, bytes] | None:
    """The next message of a worker (compressed?, its bytes), or None once it has
    stopped sending or died while writing."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    size, packed = _HEADER.unpack(header)
    data = stream.read(size)
    return (packed, data) if len(data) == size else None


def _result(message: tuple[bool, bytes]) -> tuple[T] | None:
    """The result a message holds, or None for one that does not unpickle."""
    packed, data = message
    try:
        return (pickle.loads(zlib.decompress(data) if packed else data),)
    except Exception:  # a message cut short or garbled: the worker's jobs are ours
        return None


def _widen(fd: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_BYTES)
    except (ImportError, OSError):  # not Linux, or over the system's limit: 64 KiB is fine
        pass

