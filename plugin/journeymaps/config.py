"""Options of the ``journeymaps`` MkDocs plugin (see the authors' guide)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JourneyMapsConfig(Config):
    enabled = c.Type(bool, default=True)
    #: folder of map and persona files, relative to mkdocs.yml
    maps_dir = c.Type(str, default="maps")
    #: a map not reviewed for longer than this is stale
    stale_after_days = c.Type(int, default=180)
    #: single labels of the generated pages, by key, over those of theme.language
    labels = c.Type(dict, default={})
