"""A sidebar that stays short however many maps a company has.

A folder of 250 maps listed in the sidebar helps no reader (the catalogue's
sortable table does that better), and it makes the build quadratic: every
page of the folder carries the whole list, so 5 times the maps cost 8 times
the time. A folder of generated pages with more than ``limit`` pages keeps its
overview page (the gallery, the journey index) and drops its single pages from
the sidebar; a folder of maps, which has no overview of its own, becomes one
link to its table in the catalogue. The pages are still built, searchable and
linked from everywhere, and "previous" and "next" still walk through them.

Works on MkDocs' navigation objects: ``benchmark``'s plain build applies it
through a hook, so that both builds it compares have the same sidebar.
"""

from __future__ import annotations

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..pages import site_layout

#: The default ``sidebar_limit``: more pages than this in a folder are not listed.
LIMIT = 50
#: The folders of generated single pages: maps, personas, journey comparisons.
FOLDERS = (site_layout.MAPS, site_layout.PERSONAS, site_layout.JOURNEYS)


def shorten(nav: Navigation, limit: int) -> None:
    """Drop from ``nav`` the single generated pages of every folder that has more than
    ``limit`` of them (0: no limit)."""
    if limit > 0:
        nav.items = _shortened(nav.items, limit)


def _shortened(items: list, limit: int) -> list:
    return [_shortened_section(item, limit) if isinstance(item, Section) else item
            for item in items]


def _generated(item: object) -> bool:
    return (isinstance(item, Page) and not item.is_index
            and item.file.src_uri.split("/", 1)[0] in FOLDERS)


def _shortened_section(section: Section, limit: int) -> Section | Link:
    section.children = _shortened(section.children, limit)
    single = [c for c in section.children if _generated(c)]
    if len(single) <= limit:
        return section
    section.children = [c for c in section.children if not _generated(c)]
    if section.children:  # its overview page, or folders below it
        return section
    folder = single[0].file.src_uri.rpartition("/")[0].removeprefix(site_layout.MAPS + "/")
    return Link(f"{section.title} ({len(single)})",
                f"{site_layout.page_url(site_layout.CATALOGUE)}#"
                f"{site_layout.folder_anchor(folder)}")
