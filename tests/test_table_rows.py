"""Which pages ``table_rows`` may render by their changed rows, and which it must
render whole: the cases it refuses are the ones where a row alone could render
differently from the row in its page. (Its output is compared with full builds
in test_incremental.py.)"""

from __future__ import annotations

from types import SimpleNamespace

import markdown

from journeymaps.mkdocs.prerendered import PrerenderedExtension
from journeymaps.mkdocs.table_rows import (
    _changed_rows,
    _locate,
    _locate_blocks,
    _moved,
    _Render,
)
from journeymaps.pages.markdown import prerendered
from journeymaps.safety.sanitize import BODY_MARKER

TABLE = ("# Report\n\n<div class=\"jm-sortable\" data-search-exclude=\"true\" markdown>\n\n"
         "| Map | Owner |\n|---|---|\n| [A](a.md) | Team 1 |\n| [B](b.md) | Team 2 |\n\n"
         "</div>\n\n## Notes\n\n| Name | Count |\n|---|--:|\n| x | 1 |\n")


def render(text: str) -> str:
    return markdown.Markdown(extensions=["tables", "md_in_html", "attr_list", "toc",
                                         PrerenderedExtension(token="ab12")]).convert(text)


def located(text: str) -> _Render:
    tables = _locate(text, render(text))
    assert tables is not None
    where = {line: (t, r) for t, table in enumerate(tables) for r, line in enumerate(table.rows)}
    blocks = _locate_blocks(text, render(text))
    assert blocks is not None
    return _Render(text, render(text), None, None, set(), {}, tables, where, blocks)


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
    assert _changed_rows(last, edited) == ({0: [(1, "| [B](b.md) | Team 9 |")]}, [])
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


OWN = prerendered("<table><tbody><tr><td>Team 1</td></tr></tbody></table>", block=True)


def test_a_changed_line_of_the_writers_html_qualifies() -> None:
    """The writer's own HTML is a placeholder in the page until it is written: a
    changed line of it is rendered alone, its placeholder put in place of the old."""
    text = f"{TABLE}\n## Own\n\n{OWN}\n"
    last = located(text)
    (line,) = last.blocks
    begin, end = last.blocks[line]
    assert last.content[begin:end].startswith('<div id="jm-html-ab12-')
    edited = text.replace("<td>Team 1</td></tr></tbody>", "<td>Team 9</td></tr></tbody>")
    assert _changed_rows(last, edited) == ({}, [(line, edited.split("\n")[line])])
    # a line of it that becomes something else, or one in the author's body, does not
    assert _changed_rows(last, text.replace(OWN, "Plain text now")) is None
    body = f"{TABLE}\n{BODY_MARKER}\n\n{OWN.replace('table>', 'p>')}\n"
    assert _locate_blocks(body, render(body)) == {}  # the author's raw HTML: Markdown's


def test_placeholders_that_do_not_match_the_lines_refuse() -> None:
    text = f"{TABLE}\n{OWN}\n"
    forged = render(text) + '<div id="jm-html-ab12-99"></div>'
    assert _locate_blocks(text, forged) is None


def test_a_patched_page_keeps_where_its_rows_are_now() -> None:
    """After a patch the kept spans are moved by the replaced rows' new lengths: they
    are where looking for the rows in the new HTML finds them."""
    text = f"{TABLE}\n## Own\n\n{OWN}\n"
    last = located(text)
    edited = (text.replace("Team 1 |", "Team one, now a longer name |")
              .replace("<td>Team 1</td>", "<td>T</td>"))
    html = render(edited)
    now = _locate(edited, html)
    blocks_now = _locate_blocks(edited, html)
    assert now is not None and blocks_now is not None
    (line,) = last.blocks
    replaced = {last.tables[0].spans[0]: html[slice(*now[0].spans[0])],
                last.blocks[line]: html[slice(*blocks_now[line])]}
    page = SimpleNamespace(markdown=edited, content=html, toc=None, _title_from_render=None,
                           present_anchor_ids={"own"}, links_to_anchors={})
    moved = _moved(last, page, replaced)  # type: ignore[arg-type]
    assert [t.spans for t in moved.tables] == [t.spans for t in now]
    assert moved.blocks == blocks_now
    assert moved.tables[1].spans != last.tables[1].spans  # the rows after it moved
    assert moved.markdown == edited and moved.anchors == {"own"}
