"""The persona gallery (``personas/index.md``): a card per persona."""

from __future__ import annotations

from ..language.labels import ENGLISH, Labels
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import dotted, inline
from . import site_layout
from .links import persona_link
from .persona_page import picture
from .report import render_page


def render_persona_gallery(project: Project, labels: Labels = ENGLISH) -> str:
    title = labels["gallery.title"]
    if not project.personas:
        return render_page(title, [labels["gallery.empty"]])
    personas = sorted(project.personas.values(), key=lambda p: labels.sort_key(p.display_name))
    cards = [_card(p, len(project.maps_by_persona.get(p.id, [])), labels) for p in personas]
    intro = labels.count("gallery.intro", len(personas))
    gallery = '<div class="grid cards jm-gallery" markdown>\n\n' + "\n\n".join(cards) + \
        "\n\n</div>"
    return render_page(title, [intro, gallery])


def _card(persona: Persona, maps: int, labels: Labels) -> str:
    name = persona_link(site_layout.PERSONA_GALLERY, persona, in_table=False)
    lines = [f"-   {_picture(persona)} **{name}**", ""]
    facts = dotted(inline(persona.segment), inline(persona.role),
                   labels.count("gallery.maps", maps) if maps else labels["gallery.no_maps"])
    lines.append(f"    {facts}")
    if persona.quote:
        lines += ["", f"    > {inline(persona.quote)}"]
    return "\n".join(lines)


def _picture(persona: Persona) -> str:
    return picture(persona, ".jm-avatar")
