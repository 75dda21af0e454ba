"""The Markdown page of a persona: profile, maps, fellow travellers, body."""

from __future__ import annotations

import html

from ..analysis.stages import stage_feelings
from ..language.labels import ENGLISH, Labels
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import dotted, inline, link_text, url
from . import site_layout
from .emotion_curve import sparkline
from .links import journey_link, map_link, persona_link
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


def picture(persona: Persona, photo_attributes: str) -> str:
    """The persona's photo, or the initials in a circle when there is none (as the
    gallery shows them)."""
    if persona.photo:
        return photo_image(persona, photo_attributes)
    return (f'<span class="jm-avatar jm-initials" aria-hidden="true">'
            f"{html.escape(persona.initials)}</span>")


def _profile(persona: Persona, labels: Labels) -> str:
    """The profile as a card: the picture, the facts beside it, quote, goals and the rest."""
    facts = [("role", persona.role), ("age", str(persona.age) if persona.age is not None else None),
             ("location", persona.location), ("segment", persona.segment)]
    lines = ['<div class="jm-profile" markdown>', "",
             picture(persona, '.jm-avatar .journeymaps-photo width="160"'), ""]
    shown = [(key, value) for key, value in facts if value]
    if shown:
        lines.append('<dl class="jm-facts" markdown>')
        for key, value in shown:  # each on a line of its own, or Markdown adds paragraphs
            lines += [f"<dt>{html.escape(labels['persona.' + key])}</dt>",
                      f'<dd markdown="span">{inline(value)}</dd>']
        lines += ["</dl>", ""]
    if persona.quote:
        lines += [f"> {inline(persona.quote)}", ""]
    for key, items in (("goals", persona.goals), ("frustrations", persona.frustrations),
                       ("channels", persona.channels)):
        if items:
            lines += ['<div class="jm-profile-list" markdown>', "",
                      f"**{labels['persona.' + key]}**", ""]
            lines += [f"- {inline(item)}" for item in items]
            lines += ["", "</div>", ""]
    lines.append("</div>")
    return "\n".join(lines)


def _maps(persona: Persona, project: Project, page: str, labels: Labels) -> str:
    maps = project.maps_by_persona.get(persona.id, [])
    if not maps:
        return f"## {labels['persona.maps']}\n\n{labels['persona.no_maps']}"
    lines = [f"## {labels['persona.maps']}", ""]
    for journey_map in maps:
        journey = journey_map.journey and labels(
            "persona.journey", journey=_journey(journey_map.journey, project, page))
        feelings = stage_feelings(journey_map.stages)
        words = ", ".join(labels.number(f, 1, fixed=True) for f in feelings if f is not None)
        curve = sparkline(feelings, f"{labels['catalogue.curve']}: {words}")
        lines.append("- " + dotted(map_link(page, journey_map, in_table=False),
                                   labels.state(journey_map.state_or_default), journey, curve))
    return "\n".join(lines)


def _journey(journey: str, project: Project, page: str) -> str:
    """A journey by its title (its file's, else its id), linked to its page."""
    return journey_link(page, journey, project.journey_title(journey), in_table=False)


def _fellow_travellers(persona: Persona, project: Project, page: str, labels: Labels) -> str:
    """Other personas who walk the same journeys, with the journeys they share (a map
    of no journey that two personas walk together: by its own title and page)."""
    shared: dict[str, list[str]] = {}
    for journey_map in project.maps_by_persona.get(persona.id, []):
        if journey_map.journey:
            walked = _journey(journey_map.journey, project, page)
        else:
            walked = map_link(page, journey_map, in_table=False)
        for other in [journey_map, *project.journey_siblings(journey_map)]:
            for other_id in other.persona:
                if other_id != persona.id and other_id in project.personas:
                    journeys = shared.setdefault(other_id, [])
                    if walked not in journeys:
                        journeys.append(walked)
    if not shared:
        return ""
    lines = [f"## {labels['persona.others']}", ""]
    for other_id, journeys in shared.items():
        other = project.personas[other_id]
        lines.append(f"- {persona_link(page, other, in_table=False)} · " + ", ".join(journeys))
    return "\n".join(lines)
