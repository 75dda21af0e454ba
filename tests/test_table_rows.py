"""Which pages ``table_rows`` may render by their changed rows, and which it must
render whole: the cases it refuses are the ones where a row alone could render
differently from the row in its page. (Its output is compared with full builds
in test_incremental.py.)"""

from __future__ import annotations

import markdown

from journeymaps.mkdocs.table_rows import _changed_rows, _locate, _Render

TABLE = ("# Report\n\n<div class=\"jm-sortable\" data-search-exclude=\"true\" markdown>\n\n"
         "| Map | Owner |\n|---|---|\n| [A](a.md) | Team 1 |\n| [B](b.md) | Team 2 |\n\n"
         "</div>\n\n## Notes\n\n| Name | Count |\n|---|--:|\n| x | 1 |\n")


def render(text: str) -> str:
    return markdown.Markdown(extensions=["tables", "md_in_html", "attr_list", "toc"]).convert(
        text)


def located(text: str) -> _Render:
    tables = _locate(text, render(text))
    assert tables is not None
    where = {line: (t, r) for t, table in enumerate(tables) for r, line in enumerate(table.rows)}
    return _Render(text, render(text), None, None, set(), {}, tables, where)


def test_rows_and_their_html_are_matched() -> None:
    last = located(TABLE)
    first, second = last.tables
    assert [len(first.rows), len(second.rows)] == [2, 1]
    assert not first.searched and second.searched  # the first sits in an excluded div
    begin, end = first.spans[1]
    assert last.content[begin:end].startswith("<tr>") and "Team 2" in last.content[begin:end]
    assert first.context[0].startswith("<div") and first.closing[-1] == "</div>"


def test_only_changed_body_rows_qualify() -> None:
    last = located(TABLE)
    edited = TABLE.replace("Team 2", "Team 9")
    assert _changed_rows(last, edited) == {0: [(1, "| [B](b.md) | Team 9 |")]}
    assert _changed_rows(last, TABLE.replace("## Notes", "## More notes")) is None  # a heading
    assert _changed_rows(last, TABLE.replace("| x | 1 |", "| x | 1 |\n| y | 2 |")) is None
    assert _changed_rows(last, TABLE.replace("| Map | Owner |", "| Map | Team |")) is None


def test_pages_that_must_render_whole() -> None:
    for text in (
        TABLE + "\n[ref]: https://example.com\n",  # a reference definition: rows may use it
        TABLE.replace("\n\n| Name", "\nA paragraph\n| Name"),  # a table inside a paragraph
        "| a |\n|---|\n",  # no body rows (Markdown renders an empty row of its own)
        "- item\n\n    | a |\n    |---|\n    | 1 |\n",  # indented, in a list
        "<div>\n<table><tbody><tr><td>raw</td></tr></tbody></table>\n</div>\n",  # not Markdown
    ):
        assert _locate(text, render(text)) is None, text
