"""The persona gallery (``personas/index.md``): a card per persona."""

from __future__ import annotations

import html

from . import site_layout
from .persona import Persona
from .project import Project
from .report import plural, render_page
from .text import dotted, inline

TITLE = "Personas"


def render_persona_gallery(project: Project) -> str:
    if not project.personas:
        return render_page(TITLE, ["No persona yet: add one as `maps/personas/<id>.md` "
                                   "(see the authors' guide)."])
    personas = sorted(project.personas.values(), key=lambda p: p.display_name.casefold())
    cards = [_card(p, len(project.maps_by_persona.get(p.id, []))) for p in personas]
    intro = (f"{plural(len(personas), 'persona')}: the customers whose eyes our journey "
             "maps look through. Open one to see every map it walks.")
    gallery = '<div class="grid cards jm-gallery" markdown>\n\n' + "\n\n".join(cards) + \
        "\n\n</div>"
    return render_page(TITLE, [intro, gallery])


def _card(persona: Persona, maps: int) -> str:
    target = site_layout.link(site_layout.PERSONA_GALLERY, site_layout.persona_page(persona.id))
    name = inline(persona.display_name)
    lines = [f"-   {_picture(persona)} **[{name}]({target})**", ""]
    facts = dotted(inline(persona.segment), inline(persona.role),
                   plural(maps, "journey map") if maps else "no journey map yet")
    lines.append(f"    {facts}")
    if persona.quote:
        lines += ["", f"    > {inline(persona.quote)}"]
    return "\n".join(lines)


def _picture(persona: Persona) -> str:
    """The photo, or the initials in a circle when there is none."""
    if persona.photo:
        return f"![{inline(persona.display_name)}](<{persona.photo}>){{ .jm-avatar }}"
    return f'<span class="jm-avatar jm-initials">{html.escape(persona.initials)}</span>'
