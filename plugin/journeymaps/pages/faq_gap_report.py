"""The FAQ gap report the knowledge-base team works from (``faq-gaps.json`` is its export).

Every unanswered question, grouped by its normalised text, most asked first,
with the maps, stages and personas asking it. The top row is the next article
to write.
"""

from __future__ import annotations

from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.question_index import Gap
from ..safety.text import cell, dotted, link_text
from . import site_layout
from .markdown import front_matter
from .measures import number
from .report import NONE


def render_faq_gap_page(project: Project, labels: Labels = ENGLISH) -> str:
    gaps = project.questions.gaps
    title = labels["gaps.title"]
    parts = [
        front_matter(title),
        f"# {title}",
        _summary(project, gaps, labels),
        _table(project, gaps, labels) if gaps else "",
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _summary(project: Project, gaps: list[Gap], labels: Labels) -> str:
    kb = site_layout.link(site_layout.FAQ_GAPS, site_layout.KB_INDEX)
    if not gaps:
        return labels("gaps.none", kb=kb)
    maps = len({id(m) for gap in gaps for m in gap.maps})
    lines = [
        labels.count("gaps.summary", len(gaps), in_maps=labels.count("gaps.in_maps", maps)),
        "",
        labels("gaps.howto", kb=kb),
    ]
    if _counted(project, gaps):
        lines += ["", labels["gaps.by_volume"]]
    return "\n".join(lines)


def _counted(project: Project, gaps: list[Gap]) -> bool:
    """Whether the contact centre counts any of the gaps (``contacts`` series)."""
    return any(gap.key in project.contact_volume for gap in gaps)


def _table(project: Project, gaps: list[Gap], labels: Labels) -> str:
    links = Links(project, site_layout.FAQ_GAPS)
    counted = _counted(project, gaps)
    keys = ("question", *(["contacts"] if counted else []), "maps", "stages", "asked_in",
            "personas")
    header = [labels["column." + key] for key in keys]
    rows = ["| # | " + " | ".join(header) + " |",
            "|--:|---|" + ("--:|" if counted else "") + "--:|---|---|---|"]
    for rank, gap in enumerate(gaps, 1):
        # an empty element carries the anchor: a table row cannot
        question = f'<span id="{gap.anchor}"></span>{cell(gap.text)}'
        stages = ", ".join(f"**{cell(name)}**" for name in gap.stages)
        asked_in = "<br>".join(dotted(links.map(a.journey_map), ", ".join(map(cell, a.stages)))
                               for a in gap.askers.values())
        volume = project.contact_volume.get(gap.key)
        contacts = (f"{number(volume) if volume is not None else NONE} | " if counted else "")
        rows.append(f"| {rank} | {question} | {contacts}{gap.count} | {stages} | {asked_in} | "
                    f"{links.personas(gap.persona_ids)} |")
    return "\n".join(rows)


class Links:
    """Table-safe Markdown links from one page to maps and personas, each made once:
    a report names the same maps and personas in many rows."""

    def __init__(self, project: Project, page: str) -> None:
        self.project, self.page = project, page
        self._maps: dict[int, str] = {}
        self._personas: dict[str, str] = {}

    def map(self, journey_map: JourneyMap) -> str:
        link = self._maps.get(id(journey_map))
        if link is None:
            target = site_layout.link(self.page, site_layout.map_page(journey_map))
            text = link_text(journey_map.title, in_table=True)
            link = self._maps[id(journey_map)] = f"[{text}]({target})"
        return link

    def personas(self, persona_ids: list[str]) -> str:
        """Personas by name, linked; an unknown id (already an error) shown as it is."""
        return ", ".join(self._persona(persona_id) for persona_id in persona_ids)

    def _persona(self, persona_id: str) -> str:
        link = self._personas.get(persona_id)
        if link is None:
            persona = self.project.personas.get(persona_id)
            if persona is None:
                link = f"`{cell(persona_id)}`"
            else:
                target = site_layout.link(self.page, site_layout.persona_page(persona_id))
                link = f"[{link_text(persona.display_name, in_table=True)}]({target})"
            self._personas[persona_id] = link
        return link
