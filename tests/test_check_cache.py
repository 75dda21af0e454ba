"""`journeymaps check` keeps the result of a whole-project check in .cache/journeymaps/
of the project: a run that finds every file as it was prints the same, and any
change (one map, a persona another map names, a knowledge-base page) is checked anew."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import write_tree
from journeymaps.load import check_cache
from test_cli import BAD_MAP, run
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]


@pytest.fixture
def project(project_dir: MakeProject) -> Path:
    return project_dir({**FILES, "maps/other/bad.md": BAD_MAP})


def outputs(root: Path, *args: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """``check`` with the cache (run twice: the second reads it) and without it."""
    first = run(root, "check", *args)
    cached = run(root, "check", *args)
    fresh = run(root, "check", "--no-cache", *args)
    assert (first.exit_code, first.stdout, first.stderr) == (
        fresh.exit_code, fresh.stdout, fresh.stderr)
    return ((cached.exit_code, cached.stdout, cached.stderr),
            (fresh.exit_code, fresh.stdout, fresh.stderr))


def test_cached_check_prints_what_a_fresh_one_does(project: Path) -> None:
    cached, fresh = outputs(project)
    assert cached == fresh
    assert fresh[0] == 1 and "score: must be an integer" in fresh[1]
    for args in (("--format", "json"), ("--format", "github"), ("maps/telecom",)):
        cached, fresh = outputs(project, *args)
        assert cached == fresh
    assert (project / check_cache.FOLDER / "check.json").is_file()


def test_a_kept_result_is_read_not_recomputed(project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    run(project, "check")
    from journeymaps.cli import commands

    def refuse(*_: object) -> None:
        raise AssertionError("the project was loaded although nothing changed")
    monkeypatch.setattr(commands, "_load", refuse)
    assert run(project, "check").exit_code == 1


def test_every_change_is_checked_anew(project: Path) -> None:
    run(project, "check")
    # the broken map fixed: its problem goes
    write_tree(project, {"maps/other/bad.md": BAD_MAP.replace("score: 7", "score: 3")})
    cached, fresh = outputs(project)
    assert cached == fresh and cached[0] == 0
    # a persona that maps name deleted: a cross-file problem in another file appears
    (project / "maps/personas/ben.md").unlink()
    cached, fresh = outputs(project)
    assert cached == fresh and "unknown persona 'ben'" in cached[1]
    # an answer page created in the docs folder
    write_tree(project, {"site_src/kb/new.md": "# New\n"})
    cached, fresh = outputs(project)
    assert cached == fresh


def test_the_cache_never_touches_the_sources(project: Path) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*")
                    if check_cache.FOLDER.parts[0] not in p.relative_to(project).parts)
    run(project, "check")
    after = sorted(p.relative_to(project) for p in project.rglob("*")
                   if check_cache.FOLDER.parts[0] not in p.relative_to(project).parts)
    assert after == before
    assert not list((project / "maps").rglob("*.json"))


def test_a_damaged_cache_is_ignored(project: Path) -> None:
    run(project, "check")
    (project / check_cache.FOLDER / "check.json").write_text("{not json", encoding="utf-8")
    cached, fresh = outputs(project)
    assert cached == fresh
