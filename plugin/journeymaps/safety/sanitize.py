"""The HTML of generated pages, cut down to what the writer itself produces.

Author text is escaped before it reaches Markdown (``text.inline``); that is
the first layer. This is the second: whatever Markdown made of a generated
page, its HTML goes through nh3 (the binding of Rust's ammonia sanitizer)
with an allowlist of the elements and attributes the writer's Markdown, its
extensions and the plugin's own SVG legitimately produce. No script, no
event handler, no style but a table column's alignment, no URL but http(s),
mailto and relative ones: so an escaping bug cannot become a live script.
The plugin's own Mermaid loader is added after cleaning
(``mermaid_assets.with_loader``), never through it.

The same allowlist checks a body's Markdown source, so that what cleaning
removes is reported to the author as a problem first (``findings``).
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser

import nh3

from .text import SAFE_SCHEMES, is_safe_url

#: Tags Markdown and the site's extensions write, plus harmless inline formatting.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
})
#: The plugin's inline SVG (emotion curves, sparklines): shapes and text, nothing that
#: links, animates or refers to another document.
SVG_TAGS = frozenset({"svg", "g", "title", "desc", "line", "polyline", "polygon", "path",
                      "circle", "rect", "text", "tspan"})
#: Attributes allowed on every tag, and those allowed on some.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "align", "role",
                               "aria-label", "aria-hidden"})
_SVG_ATTRIBUTES = {"viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy",
                   "r", "points", "d", "text-anchor", "focusable"}
#: The facets a report's items declare for its filters: ``data-jm-<facet>`` on an
#: item's empty ``span.jm-facets``, read by the site's script. Named one by one (no
#: ``data-*`` wildcard), so that nothing else an author could write survives cleaning.
FACETS = ("folder", "business", "persona", "journey", "state", "owner", "priority", "status",
          "phase", "channel", "stage", "kind")
ATTRIBUTES: dict[str, set[str]] = {
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "li": {"value"},
    "details": {"open"},
    # a report's table, left out of Material's search index (pages/report.NOT_SEARCHED);
    # a box that scrolls sideways (the journey grid, the diagram) takes the keyboard focus
    "div": {"data-search-exclude", "tabindex"},
    "figure": {"tabindex"},
    # the curve of a map, as a file to save
    "a": {"href", "name", "download"},
    # data-jm-facet names a filter of the page's filter bar (pages/report.filter_bar)
    "span": {"data-sort", "data-jm-facet", *(f"data-jm-{facet}" for facet in FACETS)},
    **{tag: _SVG_ATTRIBUTES for tag in SVG_TAGS},
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# as an HTML parser reads them (``viewbox``); nh3 keeps SVG's own case
_LOWERCASE_ATTRIBUTES = {tag: {name.lower() for name in names} for tag, names in ATTRIBUTES.items()}
#: Written before the author's body on every generated page (an HTML comment,
#: which Markdown passes through and no escaped field can contain): what comes
#: before it is fields only, safe on escaping alone (the fuzz test checks it).
BODY_MARKER = "<!-- journeymaps: the author's body -->"
# The only style Markdown writes: the alignment of a table column.
_STYLE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")
_NH3_ATTRIBUTES = {"*": set(GLOBAL_ATTRIBUTES), **ATTRIBUTES}


def clean(markup: str, *, svg: bool = False) -> str:
    """``markup`` with every element and attribute outside the allowlist removed
    (the plugin's SVG shapes too, unless ``svg``).

    Removed elements keep their text (``<blink>x</blink>`` reads ``x``), except
    those whose content is code or style (``script``, ``style``...), dropped whole.
    """
    return nh3.clean(markup, tags=TAGS | SVG_TAGS if svg else TAGS,
                     attributes=_NH3_ATTRIBUTES, url_schemes=set(SAFE_SCHEMES), link_rel=None,
                     strip_comments=True, filter_style_properties={"text-align"})


def clean_each(fragments: list[str], *, svg: bool = False) -> list[str]:
    """Each of ``fragments`` as ``clean`` makes it, a batch of them at a time in one
    pass of the cleaner: a map page has a fragment a stage, and a call of nh3 costs more
    than a small fragment's cleaning. The fragments are whole elements, so each cleans
    alone as it does between the others; should a batch's parts not come back one a
    fragment, each of its fragments is cleaned on its own."""
    if len(fragments) < 2:
        return [clean(f, svg=svg) for f in fragments]
    separator = f'<span id="jm-{secrets.token_hex(8)}"></span>'
    cleaned: list[str] = []
    for batch in _batches(fragments):
        parts = clean(separator.join(batch), svg=svg).split(separator)
        if len(parts) != len(batch) or not all(map(_whole, parts)):
            parts = [clean(f, svg=svg) for f in batch]
        cleaned += parts
    return cleaned


#: How much text (characters) one call of the cleaner is given at most, a fragment
#: longer than this excepted: nh3 holds the whole document it cleans as a tree, ten
#: times the text's size; the metrics page's tables at 5,000 maps, 80 MB of HTML, made
#: a build's peak memory 600 MB higher when cleaned in one call.
BATCH = 1 << 20


def _batches(parts: list[str]) -> Iterator[list[str]]:
    """``parts`` in order, in runs of at most ``BATCH`` characters (or of one part)."""
    batch: list[str] = []
    size = 0
    for part in parts:
        if batch and size + len(part) > BATCH:
            yield batch
            batch, size = [], 0
        batch.append(part)
        size += len(part)
    if batch:
        yield batch


class CleanedParts:
    """Cleaned HTML kept from one build to the next (a live preview's), by the text it
    was cleaned from: after an edit of one map, the rows of the other maps in a
    report's tables are what they were, and cleaning the metrics page's tables again
    took most of a 1,000-map rebuild. Only what the last build used is kept."""

    def __init__(self) -> None:
        #: marks where a page's table bodies were while its rows are cleaned apart
        #: (``clean_page``): the same for the page's builds, so that a page whose rows
        #: alone changed has the rest cleaned already; never in a finished page
        self.token = secrets.token_hex(8)
        #: by (a table row?, SVG allowed?, the text)
        self._kept: dict[tuple[bool, bool, str], str] = {}
        self._used: dict[tuple[bool, bool, str], str] = {}

    def get(self, key: tuple[bool, bool, str]) -> str | None:
        found = self._used.get(key)
        if found is None:
            found = self._kept.get(key)
            if found is not None:
                self._used[key] = found
        return found

    def put(self, key: tuple[bool, bool, str], cleaned: str) -> None:
        self._used[key] = cleaned

    def finish(self) -> None:
        """End a build: keep what it used."""
        self._kept, self._used = self._used, {}

    def clear(self) -> None:
        self._kept, self._used = {}, {}


class CleanedPages:
    """A page's ``CleanedParts``, kept while the page is not rendered: a rebuild that
    renders only the map page (or nothing: a save that changed nothing) leaves the
    metrics page's cleaned rows for the next rebuild that renders it. A page's parts
    are what its last rendering used."""

    def __init__(self) -> None:
        self._pages: dict[str, CleanedParts] = {}
        self._rendered: set[str] = set()

    def page(self, uri: str) -> CleanedParts:
        """The parts of the page ``uri``, which this build renders."""
        self._rendered.add(uri)
        return self._pages.setdefault(uri, CleanedParts())

    def finish(self) -> None:
        """End a build: the pages it rendered keep what they used, the others theirs."""
        for uri in self._rendered:
            self._pages[uri].finish()
        self._rendered = set()

    def clear(self) -> None:
        self._pages, self._rendered = {}, set()


#: A writer's table as a fragment (``pages.report.html_table``): its rows lie between
#: the one "<tbody>" and the last "</tbody>", each "<tr>...</tr>". No author text holds
#: a '<' by then (``text.html_text``), so these are the writer's own tags.
_TBODY, _END_TBODY, _ROWS_APART = "<tbody>", "</tbody>", "</tr><tr>"
_ROW_TABLE, _ROW_TABLE_END = "<table><tbody>", "</tbody></table>"


def clean_fragments(fragments: list[str], *, svg: bool = False,
                    kept: CleanedParts | None = None) -> list[str]:
    """Each of ``fragments`` as ``clean`` makes it (``clean_each``), a writer's table by
    its rows: each row is cleaned inside a table of its own, as it is between the
    others, and its table's head and foot once, apart. With ``kept``, a row or a
    fragment cleaned by the last build is not cleaned again. Where the rows do not come
    back one a row, the table is cleaned whole. Without ``kept`` (a full build), this
    is ``clean_each``: cleaning by rows costs a fifth more the first time."""
    if kept is None:
        return clean_each(fragments, svg=svg)
    split = [_table_rows(f) for f in fragments]
    rows = [r for parts in split if parts is not None for r in parts[1]]
    cleaned_rows = _cleaned(rows, True, svg, kept)
    if cleaned_rows is None:  # not rows as the writer makes them: every table whole
        split, cleaned_rows = [None] * len(fragments), []
    wholes = [f if parts is None else parts[0] for f, parts in zip(fragments, split,
                                                                    strict=True)]
    cleaned_wholes = _cleaned(wholes, False, svg, kept)
    assert cleaned_wholes is not None
    out: list[str] = []
    taken = 0
    for fragment, parts, whole in zip(fragments, split, cleaned_wholes, strict=True):
        if parts is None:
            out.append(whole)
            continue
        n = len(parts[1])
        body = f"{_TBODY}{''.join(cleaned_rows[taken:taken + n])}{_END_TBODY}"
        taken += n
        shell = _TBODY + _END_TBODY
        out.append(whole.replace(shell, body) if whole.count(shell) == 1 else
                   clean(fragment, svg=svg))
    return out


def _table_rows(fragment: str) -> tuple[str, list[str]] | None:
    """(the table without its rows, its rows), or None for any other fragment."""
    head, found, rest = fragment.partition(_TBODY)
    body, end, tail = rest.rpartition(_END_TBODY)
    if not (found and end) or not body.startswith("<tr>") or not body.endswith("</tr>"):
        return None
    rows = body[4:-5].split(_ROWS_APART)
    return f"{head}{_TBODY}{_END_TBODY}{tail}", [f"<tr>{row}</tr>" for row in rows]


def _cleaned(parts: list[str], rows: bool, svg: bool,
             kept: CleanedParts) -> list[str] | None:
    """``parts`` cleaned (table rows if ``rows``), those of ``kept`` taken from it;
    None when rows do not come back one a row."""
    found = [kept.get((rows, svg, p)) for p in parts]
    todo = list(dict.fromkeys(p for p, f in zip(parts, found, strict=True) if f is None))
    made = _clean_rows(todo, svg) if rows else clean_each(todo, svg=svg)
    if made is None:
        return None
    fresh = dict(zip(todo, made, strict=True))
    for part, cleaned in fresh.items():
        kept.put((rows, svg, part), cleaned)
    return [f if f is not None else fresh[p] for p, f in zip(parts, found, strict=True)]


def _clean_rows(rows: list[str], svg: bool) -> list[str] | None:
    """Table rows cleaned a batch at a time (``_batches``), each batch in a table, its
    rows split apart by an empty row of a random id; None if they do not come back
    whole rows, one a row."""
    separator = f'<tr id="jm-{secrets.token_hex(8)}"></tr>'
    cleaned: list[str] = []
    for batch in _batches(rows):
        markup = clean(_ROW_TABLE + separator.join(batch) + _ROW_TABLE_END, svg=svg)
        if not (markup.startswith(_ROW_TABLE) and markup.endswith(_ROW_TABLE_END)):
            return None
        parts = markup[len(_ROW_TABLE):-len(_ROW_TABLE_END)].split(separator)
        if len(parts) != len(batch) or not all(
                p.startswith("<tr>") and p.endswith("</tr>") and _whole(p) for p in parts):
            return None
        cleaned += parts
    return cleaned


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})


def _whole(part: str) -> bool:
    """Whether cleaned HTML closes every element it opens: an element a fragment left
    open would have taken the next fragments into it."""
    opened = Counter(t.lower() for t in _START_TAG.findall(part) if t.lower() not in _VOID)
    return opened == Counter(t.lower() for t in _END_TAG.findall(part))


def clean_page(markup: str, kept: CleanedParts | None = None) -> str:
    """A generated page's HTML cleaned: what comes before ``BODY_MARKER`` (fields and
    the plugin's own markup, SVG included) and the author's body after it (the tags of
    Markdown only, as ``findings`` tells the author). With ``kept`` (a live preview's),
    the fields' tables are cleaned by their rows, and a row the last build cleaned is
    not cleaned again: after an edit of one map, the FAQ gap report's 3 MB were
    cleaned whole for the few rows that name the map's owner."""
    head, marker, body = markup.partition(BODY_MARKER)
    cleaned = _by_rows(head, kept) if kept is not None else None
    if cleaned is None:
        cleaned = clean(head, svg=True)
    return cleaned + (clean(body) if marker else "")


def _by_rows(markup: str, kept: CleanedParts) -> str | None:
    """``markup`` (SVG allowed) cleaned as ``clean`` cleans it whole, its tables' rows
    each in a table of its own (``_cleaned``) and the rest with every table body an
    empty row of a random id (``CleanedParts.token``); None where the rows are not
    apart by line breaks only, or do not come back one a row (``clean`` then cleans
    the whole)."""
    token = kept.token
    shell: list[str] = []
    rows: list[str] = []
    layout: list[list[str]] = []
    start = 0
    for k, (begin, end) in enumerate(_table_bodies(markup)):
        found = _rows_of(markup[begin:end])
        if found is None:
            return None
        gaps, these = found
        shell += [markup[start:begin], f'<tr id="jm-{token}-{k}"></tr>']
        start = end
        rows += these
        layout.append(gaps)
    if not layout:
        return None
    shell.append(markup[start:])
    cleaned_rows = _cleaned(rows, True, True, kept)
    wholes = _cleaned(["".join(shell)], False, True, kept)
    assert wholes is not None  # only rows can fail to come back one a row
    (cleaned_shell,) = wholes
    if cleaned_rows is None:
        return None
    out, taken, rest = [], 0, cleaned_shell
    for k, gaps in enumerate(layout):
        before, mark, rest = rest.partition(f'<tbody><tr id="jm-{token}-{k}"></tr></tbody>')
        if not mark:
            return None
        made = cleaned_rows[taken:taken + len(gaps) - 1]
        taken += len(gaps) - 1
        out += [before, "<tbody>", gaps[0],
                *(piece for row, gap in zip(made, gaps[1:], strict=True) for piece in (row, gap)),
                "</tbody>"]
    out.append(rest)
    return "".join(out)


def _table_bodies(markup: str) -> list[tuple[int, int]]:
    """Where the inside of each ``<tbody>`` is, up to the first ``</tbody>`` after it
    (by ``str.find``: a lazy regular expression over megabytes took a tenth of a
    second)."""
    spans, at = [], 0
    while (begin := markup.find(_TBODY, at)) >= 0:
        end = markup.find(_END_TBODY, begin)
        if end < 0:
            break
        spans.append((begin + len(_TBODY), end))
        at = end + len(_END_TBODY)
    return spans


def _rows_of(body: str) -> tuple[list[str], list[str]] | None:
    """A table body's rows, each ``<tr>`` to the first ``</tr>`` after it, and what lies
    around them (one more than the rows); None unless that is line breaks only, as
    Markdown writes them."""
    gaps, rows, at = [], [], 0
    while (begin := body.find("<tr>", at)) >= 0:
        end = body.find("</tr>", begin)
        if end < 0:
            break
        gaps.append(body[at:begin])
        rows.append(body[begin:end + 5])
        at = end + 5
    gaps.append(body[at:])
    if any(gap.strip(" \n") for gap in gaps):
        return None
    return gaps, rows


class Regions:
    """Marks the parts that journeymaps fills into hand-written docs pages, so that
    only those are cleaned (the docs team's own HTML is theirs to write).

    The markers carry a random token made for each build: text that escaping
    failed to disarm cannot forge the end of its region, as it cannot know it.
    """

    def __init__(self, token: str | None = None) -> None:
        token = token or secrets.token_hex(8)
        self.start = f"<!-- journeymaps-region {token} -->"
        self.end = f"<!-- /journeymaps-region {token} -->"

    def wrap(self, markdown: str) -> str:
        """``markdown`` as a region: the markers on lines of their own, blank lines around."""
        return f"{self.start}\n\n{markdown}\n\n{self.end}"

    def clean(self, markup: str) -> str:
        """``markup`` with every region cleaned; a region never closed runs to the end."""
        if self.start not in markup:
            return markup
        out: list[str] = []
        rest = markup
        while self.start in rest:
            before, _, rest = rest.partition(self.start)
            inside, _, rest = rest.partition(self.end)
            out += [before, clean(inside, svg=True)]
        out.append(rest)
        return "".join(out)


def attribute_problem(tag: str, name: str, value: str | None) -> str | None:
    """Why an attribute is dropped from ``tag``, or None when it is kept."""
    if name not in GLOBAL_ATTRIBUTES and name.lower() not in _LOWERCASE_ATTRIBUTES.get(tag, ()):
        return f"the attribute '{name}' is not allowed"
    if name in URL_ATTRIBUTES and value and not is_safe_url(value):
        return f"the link to '{value}' is not allowed: use http(s):// or mailto:"
    if name == "style" and not _STYLE.fullmatch(value or ""):
        return "the attribute 'style' is not allowed"
    return None


class _Findings(HTMLParser):
    """What ``clean`` removes from an author's HTML, for the author's messages only:
    cleaning itself is nh3's."""

    def __init__(self, tags: frozenset[str] = TAGS) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        #: (line, message) of everything removed
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in self.tags:
            self.found.append((line, f"the HTML tag <{tag}> is not allowed; it is removed"))
            return
        for name, value in attrs:
            problem = attribute_problem(tag, name, value)
            if problem:
                self.found.append((line, f"{problem}; it is removed from <{tag}>"))

    handle_startendtag = handle_starttag

    def parse_html_declaration(self, i: int) -> int:
        """A declaration Python's parser cannot read (``<![A``, ``<![<script>``) raises
        there; the cleaner drops it as a bogus comment: say so, and read on after it."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.found.append((self.getpos()[0], "a malformed HTML declaration ('<!...') is "
                               "not allowed; it is removed"))
            end = self.rawdata.find(">", i + 2)
            return len(self.rawdata) if end < 0 else end + 1


def findings(markup: str, *, svg: bool = False) -> list[tuple[int, str]]:
    """What ``clean`` would remove from an author's HTML, with the line (from 1) of each.

    An author's body may use the tags of Markdown (``TAGS``), not the plugin's SVG
    (which ``svg`` allows, for the plugin's own markup).
    """
    scan = _Findings(TAGS | SVG_TAGS if svg else TAGS)
    scan.feed(markup)
    scan.close()
    return scan.found
