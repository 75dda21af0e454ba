"""Parts of pages kept from one preview build to the next (``analysis.fragments``)."""

from __future__ import annotations

from journeymaps.analysis.fragments import Fragments


class Map:
    """A stand-in for a model object: compared by identity, as the load cache keeps
    an unchanged file's object."""


def test_a_part_is_kept_while_its_objects_are_the_same() -> None:
    fragments, made = Fragments(), []
    one, two = Map(), Map()

    def part(name: str) -> str:
        made.append(name)
        return name.upper()
    assert fragments.of("row", (one,), lambda: part("one")) == "ONE"
    assert fragments.of("row", (one,), lambda: part("again")) == "ONE"
    assert fragments.of("row", (two,), lambda: part("two")) == "TWO"
    assert made == ["one", "two"]


def test_parts_of_the_same_objects_are_kept_apart_by_what_else_they_show() -> None:
    """Several FAQ gap rows come from the same maps: ``same`` (the question, the
    counts) tells them apart, and a changed count makes the part again."""
    fragments, shared = Fragments(), Map()
    first = fragments.of("gap", (shared,), lambda: "A", same=("Can I pay later?", 3))
    second = fragments.of("gap", (shared,), lambda: "B", same=("Where is my order?", 1))
    assert (first, second) == ("A", "B")
    assert fragments.of("gap", (shared,), lambda: "x", same=("Can I pay later?", 3)) == "A"
    assert fragments.of("gap", (shared,), lambda: "C", same=("Can I pay later?", 4)) == "C"


def test_a_build_forgets_the_parts_it_did_not_use() -> None:
    fragments, kept, gone = Fragments(), Map(), Map()
    fragments.of("row", (kept,), lambda: "kept")
    fragments.of("row", (gone,), lambda: "gone")
    fragments.finish()
    fragments.of("row", (kept,), lambda: "made again")  # the next build: one map left
    fragments.finish()
    assert fragments.of("row", (gone,), lambda: "made again") == "made again"
    assert fragments.of("row", (kept,), lambda: "made again") == "kept"
