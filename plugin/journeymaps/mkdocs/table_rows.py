"""A generated page rendered again by the table rows an edit changed, not whole.

A report at 1,000 maps is a few megabytes of Markdown, mostly table rows, and an
edit of one map changes a row or two of it (the map's owner, a score): rendering
the whole page again with Python-Markdown takes seconds, and Material's search
reads all of its HTML again. Python-Markdown renders a table row alone, from the
table's header (its columns and their alignment) and the row's cells: nothing else
of the page reaches it. So when a page's new Markdown differs from the last
render's only in body rows of its tables, the rows are rendered as a small table
of their own, with the same header and the same container, by MkDocs' own page
rendering (links resolve as on the page), and put in place of the old rows' HTML.

Only for pages where that is sure to give what a full render gives: the same
number of lines, every changed line a body row (``|`` first) of a table found in
both the Markdown and the HTML with as many rows, no reference definitions
(links, footnotes, abbreviations defined elsewhere in the page), and only
Markdown extensions known to render a table cell from the cell alone. Anything
else renders the whole page, as before.

The writer's own HTML (``pages.markdown.prerendered``: the metrics' tables, a line
each) is a placeholder in the page's HTML until the page is written: a changed line
of it gets a new placeholder (``stash``: the extension's, as its preprocessor would
give it), put in place of the old one, without Markdown reading the line (the
metrics page's are megabytes long). Search never reads those lines' content.

When every changed row lies in an element Material's search leaves out
(``data-search-exclude``, the reports' tables), the page's search entries are the
last build's: ``search_kept`` says which pages may keep them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown.util import ETX, STX
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..pages.markdown import PRERENDERED_BLOCK
from ..safety.sanitize import BODY_MARKER

#: Extensions that render a table cell from its text alone (MkDocs adds ``toc``).
CELL_LOCAL_EXTENSIONS = frozenset({
    "toc", "tables", "admonition", "attr_list", "md_in_html", "def_list", "sane_lists",
    "fenced_code", "codehilite", "nl2br", "legacy_em",
    "smarty", "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.tasklist", "pymdownx.mark",
    "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys", "pymdownx.betterem",
    "pymdownx.critic", "pymdownx.emoji", "pymdownx.smartsymbols", "pymdownx.escapeall",
    "pymdownx.saneheaders", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
    # the pages' own HTML: a fragment is the same HTML whatever is around it
    "journeymaps.mkdocs.prerendered",
})
_DELIMITER = re.compile(r"\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?\s*)?")
#: a reference definition: a link's, a footnote's or an abbreviation's
_DEFINITION = re.compile(r"(?m)^ {0,3}\*?\[[^\]\n]+\]:")
#: the container the reports' tables sit in, left out of Material's search
_EXCLUDED = re.compile(r"<div\b[^>]*\bdata-search-exclude\b[^>]*\bmarkdown\b[^>]*>")
#: Pages smaller than this render in a few milliseconds: not worth their memory here.
MIN_CHARS = 20_000
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr>.*?</tr>", re.S)
#: a line of the writer's own HTML, and its placeholder in the page's HTML
_BLOCK_LINE = f'<div class="{PRERENDERED_BLOCK}">'
#: Python-Markdown's, which MkDocs does not change
TAB_LENGTH = 4
_BLOCK_PLACEHOLDER = re.compile(r'<div id="jm-html-[0-9a-f]+-\d+"></div>')


@dataclass
class _Table:
    #: the lines before its first body row that a row needs (container, header)
    context: list[str]
    closing: list[str]
    #: the line number of each body row, and where its HTML is in the content
    rows: list[int]
    spans: list[tuple[int, int]] = field(default_factory=list)
    searched: bool = True


@dataclass
class _Render:
    markdown: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    #: links to anchors, by the linked file's path (File objects are new each build)
    links: dict[str, dict[str, str]]
    tables: list[_Table]
    #: the line number of each body row: (table, row)
    where: dict[int, tuple[int, int]]
    #: the line number of each line of the writer's HTML, and where its placeholder is
    blocks: dict[int, tuple[int, int]]


class TableRows:
    def __init__(self) -> None:
        self._last: dict[str, _Render] = {}
        #: this build's pages rendered by their rows only, and those of them whose
        #: search entries are the last build's
        self.patched: set[str] = set()
        self.search_kept: set[str] = set()
        #: whether renders are kept, and whether this build may patch them
        self.enabled = self._patching = False
        #: a line of the writer's HTML to its placeholder (``PrerenderedExtension``); a
        #: page with such lines is rendered whole without it
        self.stash: Callable[[str], str] | None = None

    def forget(self) -> None:
        self._last, self.patched, self.search_kept = {}, set(), set()

    def begin(self, config: MkDocsConfig, *, patch: bool) -> None:
        """A build: it patches the last build's renders if ``patch`` (nothing of the
        site but pages changed since), and only under extensions that render a cell
        alone; it keeps its renders for the next build in any case."""
        self.patched, self.search_kept = set(), set()
        names = {_extension_name(e) for e in config.markdown_extensions}
        self.enabled = names <= CELL_LOCAL_EXTENSIONS
        self._patching = self.enabled and patch
        if not self._patching:
            self._last = {}

    def stop(self) -> set[str]:
        """Render whole from now on (the navigation changed after all): the pages
        this build patched, to be rendered again."""
        patched, self.patched, self.search_kept = self.patched, set(), set()
        self._patching = False
        return patched

    def install(self, page: Page) -> None:
        """``page`` renders through this object (its render is kept for the next)."""
        def render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, config, files)
        page.render = render  # type: ignore[method-assign]

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        uri = page.file.src_uri
        last = self._last.get(uri) if self._patching else None
        patched = self._patch(page, last, config, files) if last is not None else None
        if patched is None:
            Page.render(page, config, files)
            self._keep(page)
        else:  # where the rows are now follows from the patch: not looked for again
            self._last[uri] = patched

    def _keep(self, page: Page) -> None:
        assert page.markdown is not None and page.content is not None
        uri = page.file.src_uri
        big = len(page.markdown) >= MIN_CHARS
        tables = _locate(page.markdown, page.content) if self.enabled and big else None
        blocks = _locate_blocks(page.markdown, page.content) if tables is not None else None
        if tables is None or blocks is None:
            self._last.pop(uri, None)
            return
        links = {file.src_uri: dict(anchors)
                 for file, anchors in (page.links_to_anchors or {}).items()}
        where = {line: (t, r) for t, table in enumerate(tables)
                 for r, line in enumerate(table.rows)}
        self._last[uri] = _Render(page.markdown, page.content, page.toc,
                                  page._title_from_render, set(page.present_anchor_ids or ()),
                                  links, tables, where, blocks)

    def _patch(self, page: Page, last: _Render, config: MkDocsConfig,
               files: Files) -> _Render | None:
        """Render only the changed rows of ``page`` into ``last``'s HTML, and give
        what to keep of it for the next build; None when the page must be rendered
        whole."""
        markdown = page.markdown
        assert markdown is not None
        changed: dict[int, list[tuple[int, str]]] = {}
        blocks: list[tuple[int, str]] = []
        if markdown != last.markdown:
            found = _changed_rows(last, markdown)
            if found is None:
                return None
            changed, blocks = found
        if blocks and self.stash is None:
            return None
        rendered = _render_rows(page, last, changed, config, files) if changed else {}
        if rendered is None:
            return None
        rows = rendered
        new_blocks = [self.stash(_as_read(line)) for _, line in blocks] if self.stash else []
        content, anchors, links = last.content, set(last.anchors), dict(last.links)
        replaced = {last.tables[t].spans[r]: html for t, made in rows.items()
                    for r, html in made.items()}
        replaced.update((last.blocks[line], html)
                        for (line, _), html in zip(blocks, new_blocks, strict=True))
        pieces, start = [], 0
        for (begin, end), html in sorted(replaced.items()):
            pieces += [content[start:begin], html]
            start = end
        pieces.append(content[start:])
        page.content = "".join(pieces)
        page.toc, page._title_from_render = last.toc, last.title
        mini_anchors, mini_links = page.present_anchor_ids or set(), page.links_to_anchors or {}
        page.present_anchor_ids = anchors | mini_anchors  # what MkDocs checks links against
        for file, found in mini_links.items():
            links[file.src_uri] = {**links.get(file.src_uri, {}), **found}
        resolved = {files.get_file_from_path(uri): found for uri, found in links.items()}
        page.links_to_anchors = {file: found for file, found in resolved.items()
                                 if file is not None}
        uri = page.file.src_uri
        self.patched.add(uri)
        if all(not last.tables[t].searched for t in changed):
            self.search_kept.add(uri)
        return _moved(last, page, replaced)


def _moved(last: _Render, page: Page, replaced: dict[tuple[int, int], str]) -> _Render:
    """``last`` as ``page`` is now: the same tables and lines of the writer's HTML,
    each span moved by what was replaced before it (``replaced``: old span, new HTML).
    Finding every row in the new HTML again took a fifth of a 1,000-map rebuild."""
    assert page.markdown is not None and page.content is not None
    spans = sorted({span for table in last.tables for span in table.spans} |
                   set(last.blocks.values()))
    moved: dict[tuple[int, int], tuple[int, int]] = {}
    shift = 0
    for begin, end in spans:
        html = replaced.get((begin, end))
        length = end - begin if html is None else len(html)
        moved[begin, end] = (begin + shift, begin + shift + length)
        shift += length - (end - begin)
    tables = [_Table(table.context, table.closing, table.rows,
                     [moved[span] for span in table.spans], table.searched)
              for table in last.tables]
    blocks = {line: moved[span] for line, span in last.blocks.items()}
    links = {file.src_uri: dict(anchors)
             for file, anchors in (page.links_to_anchors or {}).items()}
    return _Render(page.markdown, page.content, page.toc, page._title_from_render,
                   set(page.present_anchor_ids or ()), links, tables, last.where, blocks)


def _extension_name(extension: Any) -> str:
    if isinstance(extension, str):
        return extension.removeprefix("markdown.extensions.")
    return type(extension).__module__.removeprefix("markdown.extensions.")


def _changed_rows(last: _Render, markdown: str) -> tuple[
        dict[int, list[tuple[int, str]]], list[tuple[int, str]]] | None:
    """The changed body rows, by table: (row, new line), and the changed lines of the
    writer's HTML: (line, new line); None if anything else changed."""
    new, old = markdown.split("\n"), last.markdown.split("\n")
    if len(new) != len(old):
        return None
    changed: dict[int, list[tuple[int, str]]] = {}
    blocks: list[tuple[int, str]] = []
    for number, (before, after) in enumerate(zip(old, new, strict=True)):
        if before == after:
            continue
        if number in last.blocks and _is_block(after):
            blocks.append((number, after))
            continue
        where = last.where.get(number)
        if where is None or not after.startswith("|"):
            return None
        changed.setdefault(where[0], []).append((where[1], after))
    return changed, blocks


def _render_rows(page: Page, last: _Render, changed: dict[int, list[tuple[int, str]]],
                 config: MkDocsConfig, files: Files) -> dict[int, dict[int, str]] | None:
    """The HTML of each changed row, rendered by MkDocs as tables of their own with
    their table's header and container; None if that HTML is not what it should be."""
    order = sorted(changed)
    blocks = []
    for t in order:
        table = last.tables[t]
        rows = [line for _, line in sorted(changed[t])]
        blocks.append("\n".join([*table.context, *rows, *table.closing]))
    markdown = page.markdown
    page.markdown = "\n\n".join(blocks) + "\n"
    try:
        Page.render(page, config, files)
    finally:
        page.markdown = markdown
    assert page.content is not None
    bodies = _BODY.findall(page.content)
    if len(bodies) != len(order):
        return None
    rendered: dict[int, dict[int, str]] = {}
    for t, body in zip(order, bodies, strict=True):
        html = _ROW.findall(body)
        numbers = sorted(r for r, _ in changed[t])
        if len(html) != len(numbers):
            return None
        rendered[t] = dict(zip(numbers, html, strict=True))
    return rendered


def _as_read(line: str) -> str:
    """A line as Python-Markdown's preprocessors hand it on (``NormalizeWhitespace``,
    which runs before the extension's): its own markers and tabs gone. Looked for
    first: the metrics page's lines are megabytes long and hold none."""
    if STX in line or ETX in line:
        line = line.replace(STX, "").replace(ETX, "")
    return line.expandtabs(TAB_LENGTH) if "\t" in line else line


def _is_block(line: str) -> bool:
    return line.startswith(_BLOCK_LINE) and line.endswith("</div>")


def _locate_blocks(markdown: str, content: str) -> dict[int, tuple[int, int]] | None:
    """The lines of the writer's HTML (each a placeholder in ``content``, in order)
    and where their placeholders are; None when they cannot be matched one to one."""
    lines = markdown.split("\n")
    end = lines.index(BODY_MARKER) if BODY_MARKER in lines else len(lines)
    numbers = [i for i in range(end) if _is_block(lines[i])]
    found = list(_BLOCK_PLACEHOLDER.finditer(content))
    if len(found) != len(numbers):
        return None
    return {line: match.span() for line, match in zip(numbers, found, strict=True)}


def _locate(markdown: str, content: str) -> list[_Table] | None:
    """The tables of ``markdown`` and where their rows' HTML is in ``content``; None
    when the two cannot be matched with certainty (the page is then always rendered
    whole)."""
    if _DEFINITION.search(markdown):
        return None
    tables = _tables(markdown.split("\n"))
    if tables is None:
        return None
    bodies = list(_BODY.finditer(content))
    if len(bodies) != len(tables) or content.count("<tbody") != len(tables):
        return None
    for table, body in zip(tables, bodies, strict=True):
        offset = body.start(1)
        table.spans = [(offset + row.start(), offset + row.end())
                       for row in _ROW.finditer(body.group(1))]
        if len(table.spans) != len(table.rows):
            return None
    return tables


def _tables(lines: list[str]) -> list[_Table] | None:
    """Every table of the page, a blank line before and after; None when a line
    could be part of a table in a way this module does not follow."""
    tables: list[_Table] = []
    fence = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
        elif line.lstrip().startswith(("```", "~~~")):
            fence = line.lstrip()[:3]
        elif line.startswith("|") and i + 1 < len(lines) and _DELIMITER.fullmatch(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            if (i and lines[i - 1].strip()) or (end < len(lines) and lines[end].strip()) \
                    or end == i + 2:
                return None  # a table in a paragraph, a lazy line, or no body rows
            tables.append(_table(lines, i, end))
            i = end
            continue
        elif "|" in line and _DELIMITER.fullmatch(line.strip()):
            return None  # a table written without leading pipes, or indented
        i += 1
    return tables


def _table(lines: list[str], head: int, end: int) -> _Table:
    before = _neighbour(lines, head - 1, -1)
    after = _neighbour(lines, end, 1)
    contained = before is not None and after is not None and \
        _EXCLUDED.fullmatch(lines[before]) is not None and lines[after].strip() == "</div>"
    context = [lines[before], ""] if contained and before is not None else []
    closing = ["", "</div>"] if contained else []
    return _Table([*context, lines[head], lines[head + 1]], closing,
                  list(range(head + 2, end)), searched=not contained)


def _neighbour(lines: list[str], start: int, step: int) -> int | None:
    """The nearest non-blank line from ``start`` on, in direction ``step``."""
    i = start
    while 0 <= i < len(lines):
        if lines[i].strip():
            return i
        i += step
    return None
