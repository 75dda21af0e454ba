"""The page registry: every page and file the site gets from the maps, declared once.

Each entry says where the page lives, what it is (for the guide's addresses page),
which navigation section it belongs to and under which label, and how it is built:
``build(context)``, one signature for all. ``website.assembly.generate`` builds them in
this order, the MkDocs adapter names and groups its navigation from them, and the
``<!-- journeymaps:addresses -->`` marker writes the guide's tables from them. A new
report page is one entry here (and its builder in ``pages/``).

The markers a hand-written docs page may hold (``<!-- journeymaps:figures -->``...)
are registered here too (``MARKERS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..analysis.channels import catalogue_channels
from ..analysis.fragments import Fragments
from ..analysis.journeys import journey_ids, journey_tree
from ..analysis.options import SiteOptions
from ..exports.faq_gaps_json import faq_gaps_json
from ..exports.journeymaps_json import export_json
from ..exports.schema import SCHEMA_OF, SCHEMAS, schema_json
from ..language.labels import Labels
from ..model.fields import docs_named
from ..model.project import Project
from ..pages import site_layout
from ..pages.catalogue import render_catalogue
from ..pages.channel_matrix import render_channel_matrix
from ..pages.channel_page import render_channel_page
from ..pages.faq_gap_report import render_faq_gap_page
from ..pages.field_tables import field_table_marker
from ..pages.journey_comparison import render_journey_comparison, render_journey_index
from ..pages.journey_landscape import render_landscape
from ..pages.kb_page import render_kb_index
from ..pages.key_figures import render_key_figures
from ..pages.label_table import label_table
from ..pages.map_health import render_map_health
from ..pages.map_page import curve_document, curve_file, render_map_page
from ..pages.metrics_report import render_metrics_report
from ..pages.opportunity_backlog import render_opportunity_backlog
from ..pages.persona_gallery import render_persona_gallery
from ..pages.persona_page import render_persona_page
from .memo import fields_of

#: Navigation: a page's own folder becomes a section titled by the page's label...
FOLDER = "folder"
#: ...or the page joins the one section that groups the reports.
REPORTS = "reports"
REPORTS_TITLE = "nav.reports"
CONTRACT, OURS = "contract", "journeymaps"


@dataclass(frozen=True)
class Context:
    """What a builder gets: the project, the site's options, the page's own path and,
    for a page made per map, persona or journey, that item."""

    project: Project
    options: SiteOptions
    path: str
    item: Any = None
    #: a live preview's parts of pages kept across builds (``analysis.fragments``)
    fragments: Fragments | None = None

    @property
    def labels(self) -> Labels:
        return self.options.labels


@dataclass(frozen=True)
class Entry:
    """One page (``.md``) or file of the site, or one per item of ``each``."""

    #: where it lives: a path, or the path of an item's page
    path: str | Callable[[Any], str]
    build: Callable[[Context], str]
    #: the guide's addresses page: what it is, where (under the site folder), since when
    what: str
    where: str
    since: str = OURS
    #: for a page per item: the items (maps, personas, journeys) of a project
    each: Callable[[Project], Iterable[Any]] | None = None
    #: the author's file an item's page is made from ("Edit this page")
    source: Callable[[Any], str] | None = None
    #: whether the project gets it at all (a hand-written page may take its place)
    when: Callable[[Project], bool] = lambda project: True
    #: navigation: FOLDER or REPORTS, the label of its title there, and its place among
    #: the folders (or the reports), first 1
    group: str | None = None
    title: str | None = None
    rank: int = 0
    #: a machine-readable file, listed in the guide's second table
    data: bool = False
    #: for a page per item in a FOLDER group: the folder its pages share
    folder: str | None = None
    #: for a page per item: the model objects it shows, beyond the site-wide inputs
    #: (``website.memo``); a live preview reuses the page while they are the same
    #: objects. None: built again every time
    inputs: Callable[[Context], Iterable[Any]] | None = None

    def paths(self, project: Project) -> Iterable[tuple[str, Any]]:
        """(path, item) of every page of this entry in ``project``."""
        if not self.when(project):
            return
        if self.each is None:
            assert isinstance(self.path, str)
            yield self.path, None
            return
        path = self.path
        assert callable(path)
        for item in self.each(project):
            yield path(item), item


def _no_kb_index(project: Project) -> bool:
    """A hand-written index of the knowledge base wins over the generated one."""
    docs = project.docs_dir
    return docs is None or not (docs / site_layout.KB_INDEX).is_file()


def _asset(name: str) -> Callable[[Context], str]:
    def read(context: Context) -> str:
        return resources.files(__package__).joinpath("assets", name).read_text(
            encoding="utf-8")
    return read


def _map_inputs(context: Context) -> Iterable[Any]:
    """A map page (and curve) shows its map, its journey's other maps, its measured
    series; personas and definitions are site-wide inputs."""
    journey_map, project = context.item, context.project
    return (journey_map, *project.journey_siblings(journey_map),
            *project.series_by_map.get(journey_map.slug, ()))


def _persona_inputs(context: Context) -> Iterable[Any]:
    """A persona page shows the persona's maps and, beside each, its journey's others."""
    project = context.project
    maps = project.maps_by_persona.get(context.item.id, [])
    return (context.item, *maps, *(s for m in maps for s in project.journey_siblings(m)))


def _journey_inputs(context: Context) -> Iterable[Any]:
    """A journey page shows its maps and those of the journeys directly below it."""
    project, journey = context.project, context.item
    nodes = project.memo.get("journey_nodes")
    if nodes is None:  # once a build: a scan per journey would be quadratic
        nodes = project.memo["journey_nodes"] = {
            n.id: n for n in journey_tree(project, context.labels.sort_key)}
    node = nodes.get(journey)
    below = node.children if node else ()
    return tuple(m for j in (journey, *below) for m in project.maps_by_journey.get(j, []))


def _every_map_but(*unread: str) -> Callable[[Context], Iterable[Any]]:
    """The inputs of a report over every map that shows none of the ``unread`` fields
    of a map (nor its body): the measured series and every map's other fields."""
    skipped = frozenset({*unread, "body", "body_line"})

    def inputs(context: Context) -> Iterable[Any]:
        project = context.project
        return (project.series, *(fields_of(m, skipped) for m in project.maps))
    return inputs


def _every_map(context: Context) -> Iterable[Any]:
    """The inputs of a page over every map that may show anything of a map: every map
    and the measured series, as objects. It is made again after any edit of a map,
    and kept over a save that changed no map (a hand-written page's, or none)."""
    project = context.project
    return (project.series, *project.maps)


#: the map fields that of the reports only the catalogue, health, the backlog and (the
#: owner, for its filters) the metrics page show
UNREPORTED = ("owner", "reviewed", "tags")

#: In the order they are generated (MkDocs lists them in it, and builds them in it);
#: the navigation orders its sections and reports by ``rank``.
PAGES: tuple[Entry, ...] = (
    Entry(site_layout.map_page, lambda c: render_map_page(c.item, c.project, c.labels),
          "the page of map `maps/<path>.md`", "`maps/<path>/index.html`", CONTRACT,
          each=lambda project: project.maps, source=lambda m: m.file, inputs=_map_inputs),
    Entry(curve_file, lambda c: curve_document(c.item, c.project, c.labels),
          "the emotion curve of map `maps/<path>.md`, to download", "`maps/<path>.svg`",
          each=lambda project: project.maps, data=True, inputs=_map_inputs),
    Entry(lambda persona: site_layout.persona_page(persona.id),
          lambda c: render_persona_page(c.item, c.project, c.labels),
          "the page of persona `<id>`", "`personas/<id>/index.html`", CONTRACT,
          each=lambda project: project.personas.values(), source=lambda p: p.file,
          inputs=_persona_inputs),
    Entry(site_layout.EXPORT_JSON, lambda c: export_json(c.project, c.fragments),
          "every map and persona", "`journeymaps.json`", CONTRACT, data=True,
          inputs=_every_map),
    Entry(site_layout.FAQ_GAPS, lambda c: render_faq_gap_page(c.project, c.options,
                                                                   c.fragments),
          "the FAQ gap report", "`faq-gaps/index.html`", CONTRACT,
          group=REPORTS, rank=4, inputs=_every_map),
    Entry(site_layout.FAQ_GAPS_JSON, lambda c: faq_gaps_json(c.project),
          "the FAQ gaps", "`faq-gaps.json`", CONTRACT, data=True,
          inputs=_every_map_but(*UNREPORTED)),
    Entry(site_layout.KB_INDEX, lambda c: render_kb_index(c.project, c.labels),
          "the knowledge-base index (unless `{docs}/kb/index.md` exists)", "`kb/index.html`",
          when=_no_kb_index, group=FOLDER, title="kb.title", rank=3, inputs=_every_map),
    *(Entry(path, lambda c: schema_json(c.path, c.project.docs_folder),
            f"the JSON Schema of {SCHEMA_OF[path]}", f"`{path}`", data=True)
      for path in SCHEMAS),
    Entry(site_layout.CATALOGUE, lambda c: render_catalogue(c.project, c.options),
          "the map catalogue", "`maps/index.html`", group=FOLDER, title="catalogue.title",
          rank=1, inputs=_every_map),
    Entry(site_layout.PERSONA_GALLERY, lambda c: render_persona_gallery(c.project, c.labels),
          "the persona gallery", "`personas/index.html`", group=FOLDER, title="gallery.title",
          rank=2, inputs=_every_map),
    Entry(site_layout.JOURNEY_INDEX, lambda c: render_journey_index(c.project, c.labels),
          "the journeys, as their hierarchy", "`journeys/index.html`", CONTRACT, group=FOLDER,
          title="journeys.title", rank=4, inputs=_every_map),
    Entry(site_layout.journey_page,
          lambda c: render_journey_comparison(c.item, c.project, c.labels),
          "the page of journey `<journey>`: its maps' personas side by side",
          "`journeys/<journey>/index.html`, the id as written: a `journey:` that is not "
          "lowercase letters, digits and `-` is a problem and makes no page (earlier "
          "versions gave such ids a slug with a hash suffix); every journey of "
          "`maps/journeys/` gets one, with maps or without",
          each=journey_ids, inputs=_journey_inputs),
    Entry(site_layout.LIFECYCLE, lambda c: render_landscape(c.project, c.labels),
          "the journey landscape: every journey against the lifecycle's phases",
          "`lifecycle/index.html`", CONTRACT, group=REPORTS, rank=0,
          inputs=_every_map_but(*UNREPORTED)),
    Entry(lambda channel: site_layout.channel_page(channel.id),
          lambda c: render_channel_page(c.item, c.project, c.labels),
          "the page of channel `<id>` of `maps/channels.yml`", "`channels/<id>/index.html`",
          CONTRACT, each=catalogue_channels, group=FOLDER, title="channel.nav", rank=5,
          folder="channels"),
    Entry(site_layout.CHANNELS, lambda c: render_channel_matrix(c.project, c.labels),
          "the omnichannel matrix", "`channels/index.html`", group=REPORTS,
          rank=1, inputs=_every_map_but(*UNREPORTED)),
    Entry(site_layout.OPPORTUNITIES, lambda c: render_opportunity_backlog(c.project, c.labels,
                                                                       c.fragments),
          "the opportunity backlog", "`opportunities/index.html`",
          group=REPORTS, rank=2, inputs=_every_map),
    Entry(site_layout.HEALTH, lambda c: render_map_health(c.project, c.options),
          "map health", "`health/index.html`", group=REPORTS, rank=3, inputs=_every_map),
    Entry(site_layout.METRICS, lambda c: render_metrics_report(c.project, c.labels, c.fragments),
          "the metrics report: per metric of `maps/metrics.yml`, every map and stage that "
          "measures it, worst first", "`metrics/index.html`", group=REPORTS, rank=5,
          # its filters show each map's owner
          inputs=_every_map_but("reviewed", "tags")),
    *(Entry(path, _asset(path.rpartition("/")[2]), "", "")
      for path in (site_layout.STYLESHEET, site_layout.SCRIPT)),
)
#: Addresses inside pages, for the guide's table (after the pages, in this order).
ANCHORS = (
    ("a stage of a map, on its page (its column heading; search results on the stage's "
     "words lead there)", "`maps/<path>/index.html#stage-<words of the stage's name>`: "
     "lowercase, anything but letters and digits written as `-` (`Follow-up` → "
     "`stage-follow-up`, `Porównanie ofert` → `stage-porównanie-ofert`); `stage-<n>` for "
     "a stage whose name has no letters; `-2`, `-3`... after a name that an earlier stage "
     "of the map has"),
    ("an FAQ gap in the report", "`faq-gaps/index.html#gap-<words of the question>`"),
    ("the catalogue's table of folder `<folder>` of `maps/` (when there are several "
     "folders)", "`maps/index.html#folder-<folder>`, `/` in the folder's path written as "
     "`-`; a folder name that is not a clean lowercase slug gets 8 characters of its hash "
     "after the slug (`Area 3` → `folder-area-3-…`), so two folders never share an anchor"),
)


def _in_navigation(group: str) -> list[Entry]:
    return sorted((e for e in PAGES if e.group == group), key=lambda e: e.rank)


def navigation_titles() -> dict[str, str]:
    """The label of each generated folder's section title, by the folder, in the order
    the navigation shows them."""
    return {(e.folder or str(e.path)).split("/")[0]: e.title
            for e in _in_navigation(FOLDER) if e.title}


def report_pages() -> tuple[str, ...]:
    """The pages the navigation groups under REPORTS_TITLE, in reading order."""
    return tuple(str(e.path) for e in _in_navigation(REPORTS))


# ---------------------------------------------------------------- docs-page markers

@dataclass(frozen=True)
class Marker:
    """``<!-- journeymaps:NAME ARGUMENT -->`` on a line of its own in a docs page."""

    name: str
    #: the Markdown it becomes: (project and options, the docs page, the argument)
    expand: Callable[[Context, str], str]
    what: str
    #: what it becomes carries text from maps: a region the plugin cleans (SECURITY.md)
    author_text: bool = False

    def text(self, argument: str = "") -> str:
        """The marker as an author writes it."""
        return f"<!-- journeymaps:{self.name}{' ' + argument if argument else ''} -->"


def addresses_table(context: Context, which: str) -> str:
    """The guide's table of the site's pages (``pages``) or files (``files``)."""
    data = which == "files"
    rows = [(e.what, e.where, e.since) for e in PAGES if e.what and e.data == data]
    if not data:  # the places inside pages come last, as extra rows of the pages table
        rows += [(what, where, OURS) for what, where in ANCHORS]
        first = [r for r in rows if r[2] == CONTRACT]
        rows = first + [r for r in rows if r[2] != CONTRACT]
    lines = ["| what | where | since |", "|---|---|---|"]
    folder = context.project.docs_folder
    lines += [f"| {docs_named(what, folder)} | {where} | {since} |"
              for what, where, since in rows]
    return "\n".join(lines)


MARKERS: tuple[Marker, ...] = (
    Marker("figures", lambda c, _: render_key_figures(c.path, c.project, c.options),
           "the key figures of the home page, linked to the reports", author_text=True),
    Marker("labels", lambda c, _: label_table(c.labels),
           "the table of every label key, in English and in the site's words"),
    Marker("fields", lambda c, name: field_table_marker(name, c.project.docs_folder),
           "the field table of a record: `map`, `persona`, `stage`, `touchpoint`..."),
    Marker("addresses", addresses_table,
           "the table of the site's pages (`pages`) or machine-readable files (`files`)"),
)

#: A marker line: ``<!-- journeymaps:NAME -->`` or ``<!-- journeymaps:NAME ARGUMENT -->``.
_MARKER_LINE = re.compile(r"\s*<!--\s*journeymaps:([\w-]+)(?:\s+([\w-]+))?\s*-->\s*")
_BY_NAME = {marker.name: marker for marker in MARKERS}


def expand_markers(markdown: str, context: Context) -> str:
    """``markdown`` with each registered marker on a line of its own replaced by what it
    stands for. A marker inside a fenced code block is left alone, so that a page can
    show authors how to write it; so is one inside a line of text."""
    if "journeymaps:" not in markdown:
        return markdown
    lines = markdown.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif (found := _MARKER_LINE.fullmatch(line)) and found.group(1) in _BY_NAME:
            marker = _BY_NAME[found.group(1)]
            expanded = marker.expand(context, found.group(2) or "")
            lines[i] = context.options.regions.wrap(expanded) if marker.author_text else expanded
    return "\n".join(lines)
