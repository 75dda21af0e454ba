"""Options of the ``journeymaps`` MkDocs plugin (see the authors' guide)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from . import mermaid_assets, sidebar, watcher


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
    #: ``mkdocs serve`` looks for saved files this often (seconds; MkDocs' own: 0.5)
    poll_interval = c.Type((int, float), default=0.1)

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, Warning]]]:
        failed, warnings = super().validate()
        interval = self.get("poll_interval")
        if isinstance(interval, int | float) and not 0 < interval <= watcher.MKDOCS_INTERVAL:
            failed.append(("poll_interval", ValidationError(
                f"must be more than 0 and at most {watcher.MKDOCS_INTERVAL} (seconds), "
                f"not {interval}")))
        return failed, warnings

