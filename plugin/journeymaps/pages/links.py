"""Links from one generated page to the pages of maps, personas, journeys and channels:
the one place that makes them, so every page names a map, a persona or a journey the
same way and no author text reaches a link unescaped.

``in_table`` links escape what a table cell needs (``|``); a report that names the same
maps and personas in many rows makes each link once (``Links``).
"""

from __future__ import annotations

import html

from ..language.labels import Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import cell, html_text, link_text
from . import site_layout


def link(page: str, target: str, text: str, *, anchor: str = "", in_table: bool = True) -> str:
    """A Markdown link from ``page`` to the site page ``target`` (at ``anchor``), named by
    author text."""
    where = site_layout.link(page, target) + (f"#{anchor}" if anchor else "")
    return f"[{link_text(text, in_table=in_table)}]({where})"


def map_link(page: str, journey_map: JourneyMap, *, in_table: bool = True) -> str:
    return link(page, site_layout.map_page(journey_map), journey_map.title, in_table=in_table)


def html_link(page: str, target: str, text: str, *, anchor: str = "") -> str:
    """``link`` as HTML, for HTML the writer makes itself (``markdown.prerendered``):
    its address is the one a browser reads, which no engine rewrites."""
    where = site_layout.href(page, target) + (f"#{anchor}" if anchor else "")
    return f'<a href="{html.escape(where)}">{html_text(text)}</a>'


def map_anchor(page: str, journey_map: JourneyMap) -> str:
    """An HTML link from ``page`` to a map's page, for HTML the writer makes itself."""
    return html_link(page, site_layout.map_page(journey_map), journey_map.title)


def persona_anchors(page: str, personas: list[Persona]) -> str:
    """``persona_links`` as HTML."""
    return ", ".join(html_link(page, site_layout.persona_page(p.id), p.display_name)
                     for p in personas)


def journey_anchor(page: str, journey: str, title: str | None = None) -> str:
    """``journey_link`` as HTML."""
    return html_link(page, site_layout.journey_page(journey), title or journey)


#: a cell names at most this many maps; the rest are counted ("and 4 more")
MAX_MAP_LINKS = 3


def some_map_links(page: str, maps: list[JourneyMap], labels: Labels, *,
                   as_html: bool = False) -> str:
    """The first maps of a list, linked, and how many more there are (in HTML the
    writer makes itself, ``as_html``)."""
    make = map_anchor if as_html else map_link
    links = ", ".join(make(page, m) for m in maps[:MAX_MAP_LINKS])
    if len(maps) > MAX_MAP_LINKS:
        more = labels("channels.more_maps", n=len(maps) - MAX_MAP_LINKS)
        links += " " + (html_text(more) if as_html else more)
    return links


def persona_link(page: str, persona: Persona, *, in_table: bool = True) -> str:
    return link(page, site_layout.persona_page(persona.id), persona.display_name,
                in_table=in_table)


def persona_links(page: str, personas: list[Persona], *, in_table: bool = True) -> str:
    return ", ".join(persona_link(page, p, in_table=in_table) for p in personas)


def journey_link(page: str, journey: str | None, title: str | None = None, *,
                 in_table: bool = True) -> str:
    """A link to a journey's page, named by its title (``Project.journey_title``)."""
    if not journey:
        return ""
    return link(page, site_layout.journey_page(journey), title or journey, in_table=in_table)


def channel_link(page: str, key: str, name: str) -> str:
    return link(page, site_layout.channel_page(key), name)


class Links:
    """Table-safe links from one page to maps and personas, each made once: a report
    names the same maps and personas in many rows."""

    def __init__(self, project: Project, page: str) -> None:
        self.project, self.page = project, page
        self._maps: dict[int, str] = {}
        self._personas: dict[str, str] = {}

    def map(self, journey_map: JourneyMap) -> str:
        made = self._maps.get(id(journey_map))
        if made is None:
            made = self._maps[id(journey_map)] = map_link(self.page, journey_map)
        return made

    def personas(self, persona_ids: list[str]) -> str:
        """Personas by name, linked; an unknown id (already an error) shown as it is."""
        return ", ".join(self._persona(persona_id) for persona_id in persona_ids)

    def persona_name(self, persona_id: str) -> str:
        persona = self.project.personas.get(persona_id)
        return persona.display_name if persona else persona_id

    def _persona(self, persona_id: str) -> str:
        made = self._personas.get(persona_id)
        if made is None:
            persona = self.project.personas.get(persona_id)
            made = (persona_link(self.page, persona) if persona is not None
                    else f"`{cell(persona_id)}`")
            self._personas[persona_id] = made
        return made
