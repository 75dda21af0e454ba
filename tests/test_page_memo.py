"""The live preview's page memo (``website.memo``): a page taken from the last build
must be the page a fresh build makes. The memo runs in its checking mode here,
which builds every page anyway and fails on a kept page that differs from it: so
every edit below tests every key of ``Entry.inputs`` against what the pages read.
The edits are many and of every kind of file: scalar lines of every map (a field
left out of a key shows as a stale page), persona, journey, definition and metrics
files, and a map added, renamed and deleted."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO
from journeymaps.load.cache import FileCache
from journeymaps.load.project import load_project
from journeymaps.website.assembly import generate
from journeymaps.website.memo import PageMemo, StaleMemo

#: every n-th scalar line of the sample maps' front matter is edited (a few dozen edits)
EVERY = 30
_SCALAR = re.compile(r"^(\s*(?:- )?[a-z_]+: )(\S.*)$")


class Preview:
    """Loads and generates as a serve rebuild does: one cache and one memo."""

    def __init__(self, root: Path, check: bool = True) -> None:
        self.root, self.cache, self.memo = root, FileCache(), PageMemo(check=check)

    def build(self) -> dict[str, str]:
        project = load_project(self.root, self.root / "maps", self.root / "site_src", self.cache)
        return {f.path: f.content for f in generate(project, memo=self.memo)}

    def fresh(self) -> dict[str, str]:
        project = load_project(self.root, self.root / "maps", self.root / "site_src")
        return {f.path: f.content for f in generate(project)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "maps", root / "maps")
    shutil.copytree(REPO / "site_src", root / "site_src")
    return root


def write(path: Path, text: str) -> None:
    """Write, and move the modification time on: the cache keys on it and the size."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        write(path, text.replace(old, new, 1))
    return change


def scalar_edits(maps: Path) -> list[tuple[str, Callable[[], None], Path]]:
    """Every EVERY-th scalar line of the maps' front matter, its value changed (a
    number one up, a text with a word added): the fields of maps, stages, touchpoints."""
    lines = []
    for path in sorted(maps.rglob("*.md")):
        if path.parent.name in ("personas", "journeys", "metrics"):
            continue
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---", 1)[0]
        lines += [(path, line) for line in front.splitlines() if _SCALAR.match(line)]
    edits = []
    for path, line in lines[::EVERY]:
        key, value = _SCALAR.match(line).groups()  # type: ignore[union-attr]
        changed = str(int(value) % 5 + 1) if value.isdigit() else (
            "2026-01-02" if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else value + " Edited")
        name = f"{path.relative_to(maps)}: {line.strip()}"
        edits.append((name, edit(path, line, key + changed), path))
    return edits


def check(preview: Preview, name: str) -> int:
    """Build as a rebuild does and fail on a stale page; how many pages were kept."""
    try:
        built = preview.build()
    except StaleMemo as stale:
        pytest.fail(f"after the edit {name}: {stale}")
    assert built == preview.fresh(), name
    return len(preview.memo.reused)


def test_kept_pages_equal_fresh_ones_after_every_kind_of_edit(project: Path) -> None:
    maps = project / "maps"
    preview = Preview(project)
    preview.build()
    moving = maps / "telecom/moving-house.md"
    reused = 0
    # the fields that the reports kept over every map declare they never show
    unreported = [(f"moving-house: {old}", edit(moving, old, new), moving) for old, new in (
        ("owner: CX Team Telecom", "owner: Home team"),
        ("reviewed: 2026-09-14", "reviewed: 2025-01-01"), ("  - broadband\n", ""),
        ("## Research notes", "## Notes"))]
    for name, change, path in [*unreported, *scalar_edits(maps)]:  # each undone after
        before = path.read_text(encoding="utf-8")
        change()
        reused += check(preview, name)
        write(path, before)
        check(preview, f"{name}, undone")
    edits = [
        # the latest value of a series: the map page's, the reports' and the export's
        ("a CSV", edit(maps / "metrics/survey.csv", "2026-10-31,3.7,", "2026-10-31,4.7,")),
        # the map page draws its journey's other maps' curves: a score of one of them
        ("a sibling's score", edit(maps / "telecom/moving-house-future.md", "score: 5",
                                   "score: 2")),
        ("persona", edit(maps / "personas/anna.md", "Anna", "Anne")),
        ("journey title", edit(maps / "journeys/telecom-moving.md", "title: Moving house with us",
                               "title: Moving home with us")),
        ("journey parent", edit(maps / "journeys/telecom-moving.md",
                                "parent: telecom-customer-life", "parent: telecom-joining")),
        ("channels.yml", edit(maps / "channels.yml", "name: Website", "name: Web site")),
        ("metrics.yml", edit(maps / "metrics.yml", "metrics:", "metrics:\n  - id: extra\n"
                             "    name: Extra")),
        ("lifecycle.yml", edit(maps / "lifecycle.yml", "name:", "name: Renamed")),
        # the reports over every map are kept over these: no map changed
        ("a hand-written page", edit(project / "site_src/index.md",
                                     "# How our customers experience us", "# Our customers")),
        ("a knowledge-base answer", edit(project / "site_src/kb/keep-my-number.md",
                                         "  - Can I keep my phone number?\n", "")),
        ("added", lambda: write(maps / "telecom/moving-abroad.md", moving.read_text(
            encoding="utf-8").replace("title: Moving house", "title: Moving abroad"))),
        ("renamed", lambda: (maps / "telecom/moving-abroad.md").rename(
            maps / "telecom/emigrating.md")),
        ("deleted", lambda: (maps / "telecom/emigrating.md").unlink()),
    ]
    for name, change in edits:  # these add up
        change()
        reused += check(preview, name)
    assert reused, "some pages outlive some edits"


def test_an_edit_reuses_the_pages_it_cannot_change(project: Path) -> None:
    """An owner edit: the map's own pages and its journey's are built, not the others'."""
    maps = project / "maps"
    preview = Preview(project, check=False)
    first = preview.build()
    assert preview.memo.reused == set()
    edit(maps / "telecom/moving-house.md", "owner: CX Team Telecom", "owner: Home team")()
    built = preview.build()
    assert built == preview.fresh()
    assert built != first
    assert "maps/telecom/moving-house.md" in preview.memo.built
    assert "maps/telecom/moving-house-future.md" in preview.memo.built  # its journey's
    assert "journeys/telecom-moving.md" in preview.memo.built
    assert "maps/automotive/car-buyer.md" in preview.memo.reused
    assert "personas/ben.md" in preview.memo.reused
    assert preview.build() == built  # nothing changed: everything kept
    assert preview.memo.built == set()
    # a hand-written page's edit changes no map: the reports over every map are kept
    edit(project / "site_src/index.md", "# How our customers experience us",
         "# Our customers")()
    assert preview.build() == preview.fresh()
    assert {"health.md", "opportunities.md", "faq-gaps.md", "maps/index.md",
            "journeymaps.json"} <= preview.memo.reused


def test_a_site_wide_edit_builds_every_page_again(project: Path) -> None:
    preview = Preview(project, check=False)
    preview.build()
    edit(project / "maps/telecom/moving-house.md",
         "title: Moving house with our broadband and mobile", "title: Moving house")()
    assert preview.build() == preview.fresh()
    assert preview.memo.reused == set()


def test_a_first_build_on_several_processes_keeps_every_reports_parts(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview's first build forks workers (none run beside the server's threads
    after it): the reports are built in this process all the same, so the parts they
    keep per map (``memo.fragments``) are here for the first edit, as after a build
    on one process."""
    from journeymaps.load import parallel

    def kept_parts(processes: int) -> set[str]:
        monkeypatch.setattr(parallel, "processes", lambda jobs: processes if jobs >= 3 else 1)
        preview = Preview(project, check=False)
        preview.build()
        return {index[0] for index in preview.memo.fragments._kept}

    alone = kept_parts(1)
    assert {"metrics rows", "backlog cards", "faq gap row"} <= alone
    assert kept_parts(3) == alone
