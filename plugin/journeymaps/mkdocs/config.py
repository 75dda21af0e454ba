"""Options of the ``journeymaps`` MkDocs plugin (see the authors' guide)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from . import mermaid_assets, sidebar


class MermaidSource(c.Type):
    """``bundled``, ``cdn`` or the address of a mermaid.min.js."""

    def __init__(self) -> None:
        super().__init__(str, default=mermaid_assets.BUNDLED)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        problem = mermaid_assets.source_problem(text)
        if problem:
            raise ValidationError(problem)
        return text


class JourneyMapsConfig(Config):
    enabled = c.Type(bool, default=True)
    #: folder of map and persona files, relative to mkdocs.yml
    maps_dir = c.Type(str, default="maps")
    #: a map not reviewed for longer than this is stale
    stale_after_days = c.Type(int, default=180)
    #: where diagram pages load Mermaid from (see the guide's Diagrams page)
    mermaid = MermaidSource()
    #: single labels of the generated pages, by key, over those of theme.language
    labels = c.Type(dict, default={})
    #: a folder with more maps (personas, journeys) than this lists none in the sidebar
    sidebar_limit = c.Type(int, default=sidebar.LIMIT)
