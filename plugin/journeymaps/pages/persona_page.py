"""The Markdown page of a persona: profile, maps, fellow travellers, body."""

from __future__ import annotations

from ..language.labels import ENGLISH, Labels
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import code, dotted, inline, link_text, url
from . import site_layout
from .markdown import author_body, front_matter, problems_admonition


def render_persona_page(persona: Persona, project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.persona_page(persona.id)
    parts = [
        front_matter(persona.display_name),
        f"# {inline(persona.display_name)}",
        problems_admonition(project.problems_of(persona.file), "persona", labels),
        _profile(persona, labels),
        _maps(persona, project, page, labels),
        _fellow_travellers(persona, project, page, labels),
        author_body(persona.body),  # last: see sanitize.clean_page
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def photo_image(persona: Persona, attributes: str) -> str:
    """The persona's photo as a Markdown image, for pages beside the persona pages."""
    return f"![{link_text(persona.display_name)}]({url(persona.photo or '')}){{ {attributes} }}"


def _profile(persona: Persona, labels: Labels) -> str:
    lines = []
    if persona.photo:
        lines.append(photo_image(persona, '.journeymaps-photo width="160"'))
        lines.append("")
    facts = [("role", persona.role), ("age", str(persona.age) if persona.age is not None else None),
             ("location", persona.location), ("segment", persona.segment)]
    lines += [f"- **{labels['persona.' + key]}:** {inline(value)}" for key, value in facts if value]
    if persona.quote:
        lines += ["", f"> {inline(persona.quote)}"]
    for key, items in (("goals", persona.goals), ("frustrations", persona.frustrations),
                       ("channels", persona.channels)):
        if items:
            lines += ["", f"**{labels['persona.' + key]}**", ""]
            lines += [f"- {inline(item)}" for item in items]
    return "\n".join(lines).strip()


def _maps(persona: Persona, project: Project, page: str, labels: Labels) -> str:
    maps = project.maps_by_persona.get(persona.id, [])
    if not maps:
        return f"## {labels['persona.maps']}\n\n{labels['persona.no_maps']}"
    lines = [f"## {labels['persona.maps']}", ""]
    for journey_map in maps:
        target = site_layout.link(page, site_layout.map_page(journey_map))
        journey = journey_map.journey and labels("persona.journey",
                                                 journey=code(journey_map.journey))
        lines.append("- " + dotted(f"[{link_text(journey_map.title)}]({target})",
                                   labels.state(journey_map.state_or_default), journey))
    return "\n".join(lines)


def _fellow_travellers(persona: Persona, project: Project, page: str, labels: Labels) -> str:
    """Other personas who walk the same journeys, with the journeys they share."""
    shared: dict[str, list[str]] = {}
    for journey_map in project.maps_by_persona.get(persona.id, []):
        for other in [journey_map, *project.journey_siblings(journey_map)]:
            for other_id in other.persona:
                if other_id != persona.id and other_id in project.personas:
                    journeys = shared.setdefault(other_id, [])
                    name = journey_map.journey or journey_map.title
                    if name not in journeys:
                        journeys.append(name)
    if not shared:
        return ""
    lines = [f"## {labels['persona.others']}", ""]
    for other_id, journeys in shared.items():
        other = project.personas[other_id]
        target = site_layout.link(page, site_layout.persona_page(other_id))
        lines.append(f"- [{link_text(other.display_name)}]({target}) · "
                     + ", ".join(code(j) for j in journeys))
    return "\n".join(lines)
