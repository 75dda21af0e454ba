"""Pieces the company-wide views share: tables, heat-map chips, links.

Heat-map colours and sortable tables are CSS classes and a small script that
the site ships (``assets/journeymaps/``); without them the pages still read
as plain tables.
"""

from __future__ import annotations

import html

from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..safety.text import inline, link_text
from . import site_layout
from .markdown import front_matter

#: Items of one table cell are separated by a line break.
LIST_SEPARATOR = "<br>"
#: What an empty figure shows: a dash reads as "nothing here" in any language.
NONE = "–"


def render_page(title: str, parts: list[str], *, wide: bool = False) -> str:
    """A generated page: front matter, a heading and the non-empty parts.

    A ``wide`` page (one large table) hides Material's table of contents to
    give the table the room.
    """
    meta = {"hide": ["toc"]} if wide else {}
    body = [front_matter(title, **meta), f"# {inline(title)}", *parts]
    return "\n\n".join(part for part in body if part) + "\n"


def heat(score: float | None, label: str | None = None) -> str:
    """A score as a chip coloured from red (1) to green (5); a dash when there is none."""
    if score is None:
        return NONE
    level = min(5, max(1, int(score + 0.5)))
    text = label or f"{score:.1f}"
    return f'<span class="jm-heat jm-heat-{level}">{html.escape(text)}</span>'


def table(header: list[str], rows: list[list[str]], *, sortable: bool = False) -> str:
    """A Markdown table; cells must already be safe (``text.cell``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    markdown = "\n".join(lines)
    if not sortable:
        return markdown
    return f'<div class="jm-sortable" markdown>\n\n{markdown}\n\n</div>'


def map_link(page: str, journey_map: JourneyMap) -> str:
    target = site_layout.link(page, site_layout.map_page(journey_map))
    return f"[{link_text(journey_map.title, in_table=True)}]({target})"


def persona_links(page: str, personas: list[Persona]) -> str:
    return ", ".join(
        f"[{link_text(p.display_name, in_table=True)}]"
        f"({site_layout.link(page, site_layout.persona_page(p.id))})"
        for p in personas)


def journey_link(page: str, journey: str | None, title: str | None = None) -> str:
    """A link to a journey's page, named by its title (``Project.journey_title``)."""
    if not journey:
        return ""
    target = site_layout.link(page, site_layout.journey_page(journey))
    return f"[{link_text(title or journey, in_table=True)}]({target})"


def sort_as(key: str | int, markdown: str) -> str:
    """A cell that the browser sorts by ``key`` rather than by its text."""
    return f'<span data-sort="{html.escape(str(key))}">{markdown}</span>'


def join_items(items: list[str]) -> str:
    """Several items in one table cell, one a line."""
    if len(items) == 1:
        return items[0]
    return LIST_SEPARATOR.join(f"• {item}" for item in items)
