"""Key figures for the home page: what the marker ``<!-- journeymaps:figures -->`` becomes.

An author places the marker in any docs page (typically ``site_src/index.md``);
``site.transform_docs_page`` replaces it with these figures, linked to the
reports, relative to that page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import site_layout
from .map_health import STALE, stale_maps, weakest_links
from .project import Project
from .report import map_link, persona_links
from .text import cell, dotted

if TYPE_CHECKING:
    from .site import SiteOptions

MARKER = "<!-- journeymaps:figures -->"
WEAKEST = 3


def expand_figures(page: str, markdown: str, project: Project, options: SiteOptions) -> str:
    """``markdown`` with each marker on a line of its own replaced by the figures.

    A marker inside a fenced code block is left alone, so a page can show
    authors how to write it.
    """
    if MARKER not in markdown:
        return markdown
    lines = markdown.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif stripped == MARKER:
            lines[i] = render_key_figures(page, project, options)
    return "\n".join(lines)


def render_key_figures(page: str, project: Project, options: SiteOptions) -> str:
    def to(target: str) -> str:
        return site_layout.link(page, target)

    gaps = len(project.questions.gaps)  # distinct questions, as the gap report counts them
    figures = [
        (len(project.maps), "journey maps", to(site_layout.CATALOGUE)),
        (len(project.personas), "personas", to(site_layout.PERSONA_GALLERY)),
        (len(project.maps_by_journey), "journeys", to(site_layout.JOURNEY_INDEX)),
        (gaps, "open FAQ gaps", to(site_layout.FAQ_GAPS)),
        (len(stale_maps(project, options)),
         f"stale maps (not reviewed within {options.stale_after_days} days)",
         f"{to(site_layout.HEALTH)}#{STALE}"),
    ]
    cards = [f"-   **[{count}]({target})** {label}" if target else f"-   **{count}** {label}"
             for count, label, target in figures]
    lines = ['<div class="grid cards jm-figures" markdown>', "", *cards, "", "</div>"]
    weakest = weakest_links(project, WEAKEST)
    if weakest:
        lines += ["", f"**The {len(weakest)} weakest touchpoints**", ""]
        lines += [
            f"{n}. " + dotted(f"**{cell(w.touchpoint.name)}** ({w.touchpoint.score}/5)",
                              cell(w.stage.name), map_link(page, w.journey_map),
                              persona_links(page, project.personas_of(w.journey_map)))
            for n, w in enumerate(weakest, 1)]
    return "\n".join(lines)
