"""A preview's rebuilds run without the automatic cycle collection, which runs once
after them (mkdocs/collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from journeymaps.mkdocs.collector import DeferredCollection


@pytest.fixture(autouse=True)
def collection_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_a_rebuild_pauses_collection_and_resumes_it_after() -> None:
    collection = DeferredCollection()
    collection.pause()
    assert not gc.isenabled()
    collection.resume(delay=0)
    assert collection._timer is not None
    collection._timer.join(20)
    assert gc.isenabled()


def test_a_rebuild_that_starts_before_the_collection_keeps_it_paused() -> None:
    collection = DeferredCollection()
    collection.pause()
    collection.resume(delay=60)
    timer = collection._timer
    collection.pause()  # the next save, within the minute
    assert timer is not None and timer.finished.is_set()  # cancelled
    assert not gc.isenabled()
    collection.stop()  # the server stops: collected, and on again
    assert gc.isenabled()


def test_collection_switched_off_by_the_site_stays_off() -> None:
    gc.disable()
    collection = DeferredCollection()
    collection.pause()
    collection.resume(delay=0)
    assert collection._timer is None  # nothing to resume: it was not this one's
    collection.stop()
    assert not gc.isenabled()


def test_garbage_in_cycles_is_freed_by_the_collection_after_the_rebuild() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    collection = DeferredCollection()
    collection.pause()
    gc.collect()
    Node()
    assert any(type(o) is Node for o in gc.get_objects())  # a cycle: still there
    collection.resume(delay=0)
    assert collection._timer is not None
    collection._timer.join(20)
    assert not any(type(o) is Node for o in gc.get_objects())
