"""Every page the site gets from the maps, as Markdown: the core's whole output.

The MkDocs plugin adds these pages to a build; ``journeymaps generate`` writes
them to a folder for any other Markdown site generator. Both call this module,
so the two can never differ.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from ..pages import site_layout
from ..pages.catalogue import render_catalogue
from ..pages.channel_matrix import render_channel_matrix
from ..analysis.options import SiteOptions
from ..exports.journeymaps_json import export_json
from ..pages.faq_gap_report import faq_gaps_json, render_faq_gap_page
from ..pages.field_tables import expand_markers
from ..pages.journey_comparison import render_journey_comparison, render_journey_index
from ..pages.kb_page import render_kb_index, with_asked_by
from ..pages.key_figures import expand_figures
from ..pages.label_table import expand_label_table
from ..pages.map_health import render_map_health
from ..pages.map_page import render_map_page
from ..pages.opportunity_backlog import render_opportunity_backlog
from ..load.parallel import fan_out
from ..pages.persona_gallery import render_persona_gallery
from ..pages.persona_page import render_persona_page
from ..load.files import photo_file
from ..model.project import Project
from ..exports.schema import SCHEMAS, schema_json


@dataclass(frozen=True)
class GeneratedFile:
    """A page (``.md``) or a data file, at its path in the docs tree."""

    path: str
    content: str
    #: the author's file it is made from, relative to the repository root
    source: str | None = None


def generate(project: Project, options: SiteOptions | None = None) -> Iterator[GeneratedFile]:
    """The site's generated pages and exports, in a stable order; rendered by several
    processes at once where the project is large (``parallel.fan_out``)."""
    jobs = list(_jobs(project, options or SiteOptions()))
    project.warm_up()  # what every page looks up, computed once, before any fork
    return fan_out(lambda i: jobs[i](), len(jobs))


def _jobs(project: Project, options: SiteOptions) -> Iterator[Callable[[], GeneratedFile]]:
    labels = options.labels
    for journey_map in project.maps:
        yield partial(_page, site_layout.map_page(journey_map), render_map_page,
                      journey_map, project, labels, source=journey_map.file)
    for persona in project.personas.values():
        yield partial(_page, site_layout.persona_page(persona.id), render_persona_page,
                      persona, project, labels, source=persona.file)
    yield partial(_page, site_layout.EXPORT_JSON, export_json, project)
    yield partial(_page, site_layout.FAQ_GAPS, render_faq_gap_page, project, labels)
    yield partial(_page, site_layout.FAQ_GAPS_JSON, faq_gaps_json, project)
    if not _in_docs(project, site_layout.KB_INDEX):  # a hand-written index wins
        yield partial(_page, site_layout.KB_INDEX, render_kb_index, project, labels)
    for schema_path in SCHEMAS:
        yield partial(_page, schema_path, schema_json, schema_path)
    yield from _company_views(project, options)


def _page(path: str, render: Callable[..., str], *args: Any,
          source: str | None = None) -> GeneratedFile:
    return GeneratedFile(path, render(*args), source)


def _in_docs(project: Project, page: str) -> bool:
    return project.docs_dir is not None and (project.docs_dir / page).is_file()


def photo_files(project: Project) -> Iterator[tuple[str, Path]]:
    """Persona photos kept beside persona files: (path in the docs tree, file)."""
    for persona in project.personas.values():
        source = photo_file(project, persona)  # only images inside maps/ (SECURITY.md)
        if source is None or not persona.photo:
            continue
        page = posixpath.normpath(posixpath.join(site_layout.PERSONAS, persona.photo))
        if not page.startswith(".."):
            yield page, source


def _company_views(project: Project,
                   options: SiteOptions) -> Iterator[Callable[[], GeneratedFile]]:
    """The catalogue, the gallery, the journey comparisons and the reports, with
    the stylesheet and script they use."""
    labels = options.labels
    yield partial(_page, site_layout.CATALOGUE, render_catalogue, project, options)
    yield partial(_page, site_layout.PERSONA_GALLERY, render_persona_gallery, project, labels)
    yield partial(_page, site_layout.JOURNEY_INDEX, render_journey_index, project, labels)
    for journey in project.maps_by_journey:
        yield partial(_page, site_layout.journey_page(journey), render_journey_comparison,
                      journey, project, labels)
    yield partial(_page, site_layout.CHANNELS, render_channel_matrix, project, labels)
    yield partial(_page, site_layout.OPPORTUNITIES, render_opportunity_backlog, project, labels)
    yield partial(_page, site_layout.HEALTH, render_map_health, project, options)
    for path in (site_layout.STYLESHEET, site_layout.SCRIPT):
        yield partial(_page, path, _asset, path.rpartition("/")[2])


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def transform_docs_page(page: str, markdown: str, project: Project,
                        options: SiteOptions | None = None) -> str:
    """A hand-written docs page with the generated parts it asks for filled in."""
    options = options or SiteOptions()
    markdown = expand_markers(with_asked_by(page, markdown, project, options.labels))
    markdown = expand_label_table(markdown, options.labels)
    return expand_figures(page, markdown, project, options)
