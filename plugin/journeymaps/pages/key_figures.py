"""Key figures for the home page: what the marker ``<!-- journeymaps:figures -->`` becomes.

An author places the marker in any docs page (typically ``site_src/index.md``);
``website.assembly.transform_docs_page`` replaces it with these figures, linked to the
reports, relative to that page.
"""

from __future__ import annotations

from ..analysis.health import stale_maps, weakest_links
from ..analysis.options import SiteOptions
from ..model.project import Project
from ..safety.text import cell, dotted
from . import site_layout
from .links import map_link, persona_links
from .map_health import STALE

WEAKEST = 3


def render_key_figures(page: str, project: Project, options: SiteOptions) -> str:
    def to(target: str) -> str:
        return site_layout.link(page, target)

    labels = options.labels
    gaps = len(project.questions.gaps)  # distinct questions, as the gap report counts them
    figures = [
        (len(project.maps), "figures.maps", to(site_layout.CATALOGUE)),
        (len(project.personas), "figures.personas", to(site_layout.PERSONA_GALLERY)),
        (len(project.maps_by_journey), "figures.journeys", to(site_layout.JOURNEY_INDEX)),
        (gaps, "figures.gaps", to(site_layout.FAQ_GAPS)),
        (len(stale_maps(project, options)), "figures.stale", f"{to(site_layout.HEALTH)}#{STALE}"),
    ]
    cards = [f"-   **[{count}]({target})** "
             + labels.count(key, count, days=options.stale_after_days)
             for count, key, target in figures]
    lines = ['<div class="grid cards jm-figures" markdown>', "", *cards, "", "</div>"]
    weakest = weakest_links(project, WEAKEST)
    if weakest:
        lines += ["", f"**{labels.count('figures.weakest', len(weakest))}**", ""]
        lines += [
            f"{n}. " + dotted(f"**{cell(w.touchpoint.name)}** ({w.touchpoint.score}/5)",
                              cell(w.stage.name), map_link(page, w.journey_map),
                              persona_links(page, project.personas_of(w.journey_map)))
            for n, w in enumerate(weakest, 1)]
    return "\n".join(lines)
