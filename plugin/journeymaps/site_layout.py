"""Where each generated page sits in the docs tree, and so in the built site.

Pages are addressed by their source path (``maps/telecom/moving.md``), as if
they were files in the docs folder; MkDocs, or any static site generator with
directory URLs, turns that into ``maps/telecom/moving/index.html``. Those
URLs are part of the compatibility contract.
"""

from __future__ import annotations

import posixpath

from .journey_map import JourneyMap

MAPS = "maps"
PERSONAS = "personas"
EXPORT_JSON = "journeymaps.json"
FAQ_GAPS = "faq-gaps.md"
FAQ_GAPS_JSON = "faq-gaps.json"
#: generated only when the docs folder has no page of its own there
KB_INDEX = "kb/index.md"
MAP_SCHEMA = "schema/map.json"
PERSONA_SCHEMA = "schema/persona.json"


def map_page(journey_map: JourneyMap) -> str:
    return f"{MAPS}/{journey_map.slug}.md"


def persona_page(persona_id: str) -> str:
    return f"{PERSONAS}/{persona_id}.md"


def page_url(page: str) -> str:
    """The directory URL of a page (and its ``#fragment``), relative to the site root."""
    path, hash_mark, fragment = page.partition("#")
    return _directory_url(path) + hash_mark + fragment


def _directory_url(path: str) -> str:
    if not path.endswith(".md"):  # not a page (a PDF, an image): served as it is
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def link(from_page: str, to_page: str) -> str:
    """A relative Markdown link from one page source to another."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
