"""The tags of a map page, for Material's tags plugin (when the site enables it).

A map is listed under its own tags, its personas, its journey, its state and
the channels it uses, so the tag index answers "which maps involve the phone?".

Material writes tag names into its HTML as they are (checked with
mkdocs-material 9.8), so each tag is HTML-escaped here: author text never
becomes markup, and the reader still sees the tag as written.
"""

from __future__ import annotations

import html

from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..safety.text import plain


def map_tags(journey_map: JourneyMap, project: Project, labels: Labels = ENGLISH) -> list[str]:
    """Distinct tags (ignoring case), in that order, HTML-escaped."""
    candidates = [
        *journey_map.tags,
        *(p.display_name for p in project.personas_of(journey_map)),
        journey_map.journey and project.journey_title(journey_map.journey),
        labels.state(journey_map.state_or_default),
        # channels are lowercased so that "Phone" in one map and "phone" in
        # another make one tag (Material's tags are case-sensitive)
        *((tp.channel or "").casefold() for stage in journey_map.stages
          for tp in stage.touchpoints),
    ]
    tags: dict[str, str] = {}
    for candidate in candidates:
        tag = plain(candidate)
        if tag:
            tags.setdefault(tag.casefold(), tag)
    return [html.escape(tag) for tag in tags.values()]
