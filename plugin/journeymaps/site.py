"""Every page the site gets from the maps, as Markdown: the core's whole output.

The MkDocs plugin adds these pages to a build; ``journeymaps generate`` writes
them to a folder for any other Markdown site generator. Both call this module,
so the two can never differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

from . import site_layout
from .catalogue import render_catalogue
from .channel_matrix import render_channel_matrix
from .export import export_json
from .journey_comparison import render_journey_comparison, render_journey_index
from .key_figures import expand_figures
from .map_health import render_map_health
from .map_page import render_map_page
from .opportunity_backlog import render_opportunity_backlog
from .persona_gallery import render_persona_gallery
from .persona_page import render_persona_page
from .project import Project


@dataclass(frozen=True)
class SiteOptions:
    """Settings that change what the generated pages say."""

    stale_after_days: int = 180
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class GeneratedFile:
    """A page (``.md``) or a data file, at its path in the docs tree."""

    path: str
    content: str


def generate(project: Project, options: SiteOptions | None = None) -> Iterator[GeneratedFile]:
    """The site's generated pages and exports, in a stable order."""
    options = options or SiteOptions()
    for journey_map in project.maps:
        yield GeneratedFile(site_layout.map_page(journey_map),
                            render_map_page(journey_map, project))
    for persona in project.personas.values():
        yield GeneratedFile(site_layout.persona_page(persona.id),
                            render_persona_page(persona, project))
    yield GeneratedFile(site_layout.EXPORT_JSON, export_json(project))
    yield from _company_views(project, options)


def _company_views(project: Project, options: SiteOptions) -> Iterator[GeneratedFile]:
    """The catalogue, the gallery, the journey comparisons and the reports, with
    the stylesheet and script they use."""
    yield GeneratedFile(site_layout.CATALOGUE, render_catalogue(project, options))
    yield GeneratedFile(site_layout.PERSONA_GALLERY, render_persona_gallery(project))
    yield GeneratedFile(site_layout.JOURNEY_INDEX, render_journey_index(project))
    for journey in project.maps_by_journey:
        yield GeneratedFile(site_layout.journey_page(journey),
                            render_journey_comparison(journey, project))
    yield GeneratedFile(site_layout.CHANNELS, render_channel_matrix(project))
    yield GeneratedFile(site_layout.OPPORTUNITIES, render_opportunity_backlog(project))
    yield GeneratedFile(site_layout.HEALTH, render_map_health(project, options))
    assets = resources.files(__package__).joinpath("assets")
    for path in (site_layout.STYLESHEET, site_layout.SCRIPT):
        name = path.rpartition("/")[2]
        yield GeneratedFile(path, assets.joinpath(name).read_text(encoding="utf-8"))


def transform_docs_page(page: str, markdown: str, project: Project,
                        options: SiteOptions | None = None) -> str:
    """A hand-written docs page with the generated parts it asks for filled in."""
    return expand_figures(page, markdown, project, options or SiteOptions())
