"""Where each generated page sits in the docs tree, and so in the built site.

Pages are addressed by their source path (``maps/telecom/moving.md``), as if
they were files in the docs folder; MkDocs, or any static site generator with
directory URLs, turns that into ``maps/telecom/moving/index.html``. Those
URLs are part of the compatibility contract.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from ..model.journey_map import JourneyMap

MAPS = "maps"
PERSONAS = "personas"
JOURNEYS = "journeys"
EXPORT_JSON = "journeymaps.json"
FAQ_GAPS = "faq-gaps.md"
FAQ_GAPS_JSON = "faq-gaps.json"
#: generated only when the docs folder has no page of its own there
KB_INDEX = "kb/index.md"
MAP_SCHEMA = "schema/map.json"
PERSONA_SCHEMA = "schema/persona.json"
JOURNEY_SCHEMA = "schema/journey.json"
LIFECYCLE_SCHEMA = "schema/lifecycle.json"
CHANNELS_SCHEMA = "schema/channels.json"
METRICS_SCHEMA = "schema/metrics.json"

#: Company-wide views (see the reports guide).
CATALOGUE = f"{MAPS}/index.md"
PERSONA_GALLERY = f"{PERSONAS}/index.md"
JOURNEY_INDEX = f"{JOURNEYS}/index.md"
CHANNELS = "channels.md"
LIFECYCLE = "lifecycle.md"
OPPORTUNITIES = "opportunities.md"
HEALTH = "health.md"
METRICS = "metrics.md"

#: Style and script of the generated pages (heat map, charts, sortable tables).
STYLESHEET = "assets/journeymaps/journeymaps.css"
SCRIPT = "assets/journeymaps/journeymaps.js"


def map_page(journey_map: JourneyMap) -> str:
    return f"{MAPS}/{journey_map.slug}.md"


def persona_page(persona_id: str) -> str:
    return f"{PERSONAS}/{persona_id}.md"


def journey_page(journey: str) -> str:
    """The comparison page of a journey id (validated as an id: ``fields.Id``)."""
    return f"{JOURNEYS}/{journey}.md"


def channel_page(channel_id: str) -> str:
    """The page of a channel of ``maps/channels.yml`` (its id validated: ``fields.Id``)."""
    return f"channels/{channel_id}.md"


def unique_slug(name: str) -> str:
    """``name`` itself when it is a clean slug, else a slug made unique by a hash.

    Folder names are whatever the file system allows; two that slugify alike
    ("Moving" and "moving") must not share an anchor, and the result must not
    depend on which other folders exist.
    """
    slug = re.sub(r"[^\w-]+", "-", name.casefold()).strip("-_")
    if slug == name and slug != "index":
        return slug
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def folder_anchor(folder: str) -> str:
    """The id of a folder's table in the catalogue (the sidebar links to it)."""
    return "folder-" + unique_slug(folder.replace("/", "-")) if folder else "folder"


def stage_anchors(names: Sequence[str | None]) -> list[str]:
    """The ids of a map's stages on its page, in order: ``stage-<words of the name>``
    (``Long wait`` -> ``stage-long-wait``, any script's letters kept), ``stage-<n>`` for a
    stage without words (or without a name: a problem already), and ``-2``, ``-3``...
    after a name an earlier stage has. Search results lead to them, so they depend on
    the stage's name alone (and on the names before it only when two share one)."""
    anchors: list[str] = []
    for number, name in enumerate(names, 1):
        words = re.sub(r"[\W_]+", "-", (name or "").casefold()).strip("-")
        words = words[:STAGE_ANCHOR_LENGTH]
        anchor = f"stage-{words.strip('-')}" if words else f"stage-{number}"
        base, n = anchor, 2
        while anchor in anchors:
            anchor, n = f"{base}-{n}", n + 1
        anchors.append(anchor)
    return anchors


#: Long names make long links: the first 60 characters of the name's words
STAGE_ANCHOR_LENGTH = 60


def page_url(page: str) -> str:
    """The directory URL of a page (and its ``#fragment``), relative to the site root."""
    path, hash_mark, fragment = page.partition("#")
    return _directory_url(path) + hash_mark + fragment


def href(from_page: str, to_page: str) -> str:
    """The address of ``to_page`` (and its ``#fragment``) as a browser reads it from
    ``from_page``'s directory URL: a link in HTML the writer makes itself, which MkDocs
    does not rewrite (``maps/a/b.md`` to ``maps/c.md`` is ``../../c/``)."""
    return link(page_url(from_page) + "-", page_url(to_page)) or "./"


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
    """A relative Markdown link from one page source to another.

    Both are clean paths below the docs folder, so this is posixpath.relpath
    without its abspath() calls, which ask the OS for the working directory
    each time: tens of thousands of links per build.
    """
    folder = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(folder), len(target) - 1) and folder[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + target[common:])
