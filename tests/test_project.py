"""Loading a whole project: indexes, knowledge-base answers, photos, the file cache."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import mkdocs_build
from journeymaps.load.cache import FileCache
from journeymaps.load.project import load_project
from journeymaps.model.project import Project
from journeymaps.model.question import normalise
from journeymaps.pages import site_layout
from test_pages import FILES

Load = Callable[[dict[str, str]], Project]
MakeProject = Callable[[dict[str, str]], Path]


def test_indexes(load: Load) -> None:
    project = load(FILES)
    assert sorted(project.personas) == ["anna", "ben"]
    assert [m.slug for m in project.maps_by_persona["anna"]] == ["telecom/moving"]
    assert [m.slug for m in project.maps_by_journey["telecom-moving"]] == [
        "telecom/moving", "telecom/switch"]
    moving = project.maps_by_persona["anna"][0]
    assert [m.slug for m in project.journey_siblings(moving)] == ["telecom/switch"]
    assert moving.folder == "telecom" and moving.scores == [4, 2]


def test_normalise() -> None:
    assert normalise("  Can I keep my NUMBER? ") == normalise("can i keep my number")
    assert normalise("Why??") == "why"
    assert normalise("a  b") == "a b"


def test_knowledge_base_answers_questions(load: Load) -> None:
    project = load({**FILES, "site_src/kb/number.md":
                    "---\ntitle: Keeping your number\nanswers:\n  - can I keep my number\n---\n",
                    "site_src/kb/plain.md": "# No front matter\n"})
    (article,) = project.articles
    assert (article.page, article.title, article.lines) == ("kb/number.md",
                                                             "Keeping your number", [4])
    moving = project.maps_by_persona["anna"][0]
    question = moving.stages[0].questions[0]
    assert project.answer_of(question) == "kb/number.md"


def test_knowledge_base_bad_answers(load: Load) -> None:
    project = load({**FILES, "site_src/kb/x.md": "---\nanswers: one question\n---\n# X\n"})
    assert [str(p) for p in project.problems] == [
        "site_src/kb/x.md:2: answers: must be a list (one '- item' a line), got text "
        "'one question'"]
    assert project.articles[0].title == "X"


def test_photo(project_dir: MakeProject, tmp_path: Path) -> None:
    files = {**FILES, "maps/personas/anna.md": FILES["maps/personas/anna.md"].replace(
        "name: Anna", "photo: img/anna.png\nname: Anna")}
    root = project_dir(files)
    (root / "maps/personas/img").mkdir()
    (root / "maps/personas/img/anna.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.site / "personas/img/anna.png").is_file()
    assert 'src="../img/anna.png"' in build.page("personas/anna")


def test_cache_skips_unchanged_files(project_dir: MakeProject) -> None:
    root = project_dir(FILES)
    cache = FileCache()
    load_project(root, root / "maps", root / "site_src", cache)
    assert (cache.hits, cache.misses) == (0, 4)
    again = load_project(root, root / "maps", root / "site_src", cache)
    assert (cache.hits, cache.misses) == (4, 4)
    changed = root / "maps/telecom/switch.md"
    changed.write_text(changed.read_text().replace("Switching provider", "Switching, v2"))
    os.utime(changed, ns=(1, 1))
    third = load_project(root, root / "maps", root / "site_src", cache)
    assert (cache.hits, cache.misses) == (7, 5)
    assert [m.title for m in third.maps] == ["Moving house", "Switching, v2"]
    # cross-file problems are found afresh on every load, never accumulated
    assert again.problems == third.problems == []


def test_site_layout() -> None:
    assert site_layout.page_url("index.md") == ""
    assert site_layout.page_url("kb/index.md") == "kb/"
    assert site_layout.page_url("maps/a/b.md") == "maps/a/b/"
    assert site_layout.link("maps/a/b.md", "personas/x.md") == "../../personas/x.md"
    assert site_layout.link("index.md", "faq-gaps.md#gap-x") == "faq-gaps.md#gap-x"


_FOLDERS = st.lists(st.sampled_from(["a", "b", "maps", "kb"]), max_size=4)
_PAGE = st.sampled_from(["a.md", "x.md", "index.md"])


@given(_FOLDERS, _PAGE, _FOLDERS, _PAGE)
def test_link_is_relpath(source: list[str], page: str, target: list[str], to: str) -> None:
    """site_layout.link is posixpath.relpath from the page's folder, without its OS calls."""
    from_page, to_page = "/".join([*source, page]), "/".join([*target, to])
    expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    assert site_layout.link(from_page, to_page) == expected
