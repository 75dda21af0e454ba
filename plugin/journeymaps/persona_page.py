"""The Markdown page of a persona: profile, maps, fellow travellers, body."""

from __future__ import annotations

from . import site_layout
from .page import author_body, front_matter, problems_admonition
from .persona import Persona
from .project import Project
from .text import code, dotted, inline, link_text, url


def render_persona_page(persona: Persona, project: Project) -> str:
    page = site_layout.persona_page(persona.id)
    parts = [
        front_matter(persona.display_name),
        f"# {inline(persona.display_name)}",
        problems_admonition(project.problems_of(persona.file), "persona"),
        _profile(persona),
        _maps(persona, project, page),
        _fellow_travellers(persona, project, page),
        author_body(persona.body),  # last: see sanitize.clean_page
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def photo_image(persona: Persona, attributes: str) -> str:
    """The persona's photo as a Markdown image, for pages beside the persona pages."""
    return f"![{link_text(persona.display_name)}]({url(persona.photo or '')}){{ {attributes} }}"


def _profile(persona: Persona) -> str:
    lines = []
    if persona.photo:
        lines.append(photo_image(persona, '.journeymaps-photo width="160"'))
        lines.append("")
    facts = [("Role", persona.role), ("Age", str(persona.age) if persona.age is not None else None),
             ("Location", persona.location), ("Segment", persona.segment)]
    lines += [f"- **{label}:** {inline(value)}" for label, value in facts if value]
    if persona.quote:
        lines += ["", f"> {inline(persona.quote)}"]
    for label, items in (("Goals", persona.goals), ("Frustrations", persona.frustrations),
                         ("Preferred channels", persona.channels)):
        if items:
            lines += ["", f"**{label}**", ""] + [f"- {inline(item)}" for item in items]
    return "\n".join(lines).strip()


def _maps(persona: Persona, project: Project, page: str) -> str:
    maps = project.maps_by_persona.get(persona.id, [])
    if not maps:
        return "## Journey maps\n\nNo journey map walks in this persona's shoes yet."
    lines = ["## Journey maps", ""]
    for journey_map in maps:
        target = site_layout.link(page, site_layout.map_page(journey_map))
        journey = journey_map.journey and f"journey {code(journey_map.journey)}"
        lines.append("- " + dotted(f"[{link_text(journey_map.title)}]({target})",
                                   journey_map.state_label, journey))
    return "\n".join(lines)


def _fellow_travellers(persona: Persona, project: Project, page: str) -> str:
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
    lines = ["## Others on the same journeys", ""]
    for other_id, journeys in shared.items():
        other = project.personas[other_id]
        target = site_layout.link(page, site_layout.persona_page(other_id))
        lines.append(f"- [{link_text(other.display_name)}]({target}) · "
                     + ", ".join(code(j) for j in journeys))
    return "\n".join(lines)
