"""The plain build's sidebar, shortened as the plugin shortens its own.

Without it the plain build would list every map, persona and journey page in
its sidebar and the two builds `make bench` compares would not be the same
site. It is a MkDocs hook, not the plugin: no map is loaded or rendered here.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation

from journeymaps.mkdocs.sidebar import LIMIT, shorten


def on_nav(nav: Navigation, config: object, files: object) -> Navigation:
    shorten(nav, LIMIT)
    return nav
