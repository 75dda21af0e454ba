"""Pieces the company-wide views share: tables, heat-map chips, links.

Heat-map colours and sortable tables are CSS classes and a small script that
the site ships (``assets/journeymaps/``); without them the pages still read
as plain tables.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Collection, Iterable
from urllib.parse import quote

from ..language.labels import ENGLISH, Labels
from ..safety.sanitize import FACETS
from ..safety.text import inline
from .markdown import REPORT_SEARCH, front_matter, prerendered

#: Material's search leaves out the element with this attribute: a report's table only
#: repeats the maps' words (search finds them on the maps), and flattened into a
#: result's snippet it reads as a run of cells.
NOT_SEARCHED = 'data-search-exclude="true"'
#: Items of one table cell are separated by a line break.
LIST_SEPARATOR = "<br>"
#: What an empty figure shows: a dash reads as "nothing here" in any language.
NONE = "–"


def render_page(title: str, parts: list[str], *, wide: bool = False) -> str:
    """A generated page: front matter, a heading and the non-empty parts.

    A ``wide`` page (one large table) hides Material's table of contents to
    give the table the room. Search ranks a report below the maps it repeats.
    """
    meta: dict[str, object] = {"hide": ["toc"]} if wide else {}
    meta["search"] = REPORT_SEARCH
    body = [front_matter(title, **meta), f"# {inline(title)}", *parts]
    return "\n\n".join(part for part in body if part) + "\n"


def heat(score: float | None, label: str | None = None, labels: Labels | None = None) -> str:
    """A score as a chip coloured from red (1) to green (5), written in the site's
    language (3,5 in Polish); a dash when there is none."""
    if score is None:
        return NONE
    level = min(5, max(1, int(score + 0.5)))
    text = label or (labels or ENGLISH).number(score, 1, fixed=True)
    return f'<span class="jm-heat jm-heat-{level}">{html.escape(text)}</span>'


def table(header: list[str], rows: list[list[str]], *, sortable: bool = False,
          right: Collection[int] = (), fit: bool = False) -> str:
    """A Markdown table; cells must already be safe (``text.cell``).

    ``right``: the columns (by index) of figures, aligned right. A ``sortable`` table's
    headings sort it (the site's script); a ``fit`` one takes the width of its box. Both
    are left out of search: a report's table only repeats the maps' words."""
    rule = "|" + "".join("--:|" if i in right else "---|" for i in range(len(header)))
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    markdown = "\n".join(lines)
    kind = "jm-sortable" if sortable else "jm-fit" if fit else ""
    if not kind:
        return markdown
    return f'<div class="{kind}" {NOT_SEARCHED} markdown>\n\n{markdown}\n\n</div>'


def html_table(header: list[str], rows: list[list[str]], *, sortable: bool = False) -> str:
    """A table of cells already written as safe HTML, as Markdown would make it, but
    written directly and passed through Markdown unread (``markdown.prerendered``): the
    metrics' tables have a row per map, stage and metric, and read as Markdown at 1,000
    maps they took longer than all the maps' pages. Left out of search, like ``table``."""
    return html_table_of(header, [html_row(row) for row in rows], sortable=sortable)


def html_row(cells: list[str]) -> str:
    """A row of ``html_table``'s."""
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def html_row_around(cells: list[str], at: int) -> tuple[str, str]:
    """``html_row(cells)`` but cell ``at``: what comes before its content and after it.
    A preview keeps a row's other cells from one build to the next, and puts in the
    one that changes with the rest of the table (a rank)."""
    before = "<tr>" + "".join(f"<td>{c}</td>" for c in cells[:at]) + "<td>"
    return before, "</td>" + "".join(f"<td>{c}</td>" for c in cells[at + 1:]) + "</tr>"


def html_table_of(header: list[str], rows: list[str], *, sortable: bool = False) -> str:
    """``html_table`` of rows made already (``html_row``)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(rows)
    kind = "jm-sortable" if sortable else "jm-fit"
    return prerendered(f'<div class="{kind}" {NOT_SEARCHED}><table><thead><tr>{head}</tr>'
                       f"</thead><tbody>{body}</tbody></table></div>", block=True)


def sort_as(key: str | int, markdown: str) -> str:
    """A cell that the browser sorts by ``key`` rather than by its text."""
    return f'<span data-sort="{html.escape(str(key))}">{markdown}</span>'


def join_items(items: list[str]) -> str:
    """Several items in one table cell, one a line."""
    if len(items) == 1:
        return items[0]
    return LIST_SEPARATOR.join(f"• {item}" for item in items)


#: A facet's value: its text, or (key, label) when the URL should carry a short key
#: (``?persona=anna``) and the filter show a name ("Anna Nowak").
FacetValue = str | tuple[str, str]


def facets(*, repeated: bool = False,
           **values: FacetValue | Iterable[FacetValue] | None) -> str:
    """An empty span that declares an item's facets for the page's filters (see
    ``filter_bar``), put in the item's first cell: a Markdown table row cannot carry
    attributes. Each value is percent-encoded, so no author text can end the attribute,
    split the table (``|``) or open a code span (a backtick). A ``repeated`` item shows
    again an item of an earlier table (the same channel in a second table): the
    filters hide it alike, the counts count it once."""
    attributes = []
    for facet, value in values.items():
        if facet not in FACETS:
            raise ValueError(f"unknown facet {facet!r}: add it to safety.sanitize.FACETS")
        tokens = " ".join(_token(v) for v in _listed(value) if v and v[0])
        if tokens:
            attributes.append(f' data-jm-{facet}="{tokens}"')
    kind = "jm-facets jm-repeated" if repeated else "jm-facets"
    return f'<span class="{kind}"{"".join(attributes)}></span>'


def _listed(value: FacetValue | Iterable[FacetValue] | None) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, (str, tuple)):
        value = [value]
    return [(v, v) if isinstance(v, str) else v for v in value]


@functools.lru_cache(maxsize=1 << 16)
def _token(value: tuple[str, str]) -> str:
    """Percent-encoded once per value: the same owners, folders and personas come back
    in every row (at 1,000 maps, 70,000 encodings for the FAQ gaps and health)."""
    key, label = (quote(part, safe="") for part in value)
    return key if key == label else f"{key}:{label}"


#: the key of the top level in ``?folder=``: no folder is called "/"
TOP_LEVEL = "/"


def folder_facet(folder: str, labels: Labels) -> tuple[str, str]:
    """A folder as a facet value: its path, shown as the folder or as the top level."""
    return (folder or TOP_LEVEL, folder or labels["catalogue.top_level"])


def filter_bar(facet_labels: dict[str, str], labels: Labels) -> str:
    """The filters of a page: one for each facet its items declare, in this order.

    The site's script turns it into a <select> per facet and reflects the choice in
    the URL's query; without the script it stays hidden and the whole page shows."""
    names = "".join(f'<span data-jm-facet="{facet}">{html.escape(label)}</span>'
                    for facet, label in facet_labels.items())
    return (f'<div class="jm-filters" role="group" '
            f'aria-label="{html.escape(labels["filter.title"])}">{names}'
            f'<span class="jm-filter-all">{html.escape(labels["filter.all"])}</span>'
            f'<span class="jm-filter-count">{html.escape(labels["filter.shown"])}</span></div>')
