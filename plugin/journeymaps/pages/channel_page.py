"""The page of a channel of the catalogue (``channels/<id>.md``): its kind, owner and
other names, and every touchpoint on it phase by phase (stage by stage without a
lifecycle), with scores, personas and maps."""

from __future__ import annotations

from ..analysis.channels import Sighting, sightings
from ..analysis.phases import by_phase, phase_name, phase_rank
from ..language.labels import ENGLISH, Labels
from ..model.channel import Channel
from ..model.project import Project
from ..safety.text import cell, dotted, inline
from . import site_layout
from .links import map_link, persona_links
from .report import NONE, heat, render_page, sort_as, table


def render_channel_page(channel: Channel, project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.channel_page(channel.id)
    found = sightings(project, channel.id)
    scores = [s.touchpoint.score for s in found if s.touchpoint.score is not None]
    average = sum(scores) / len(scores) if scores else None
    maps = {s.journey_map.file for s in found}
    facts = [
        (labels["column.kind"], labels["channel_kind." + channel.kind] if channel.kind else ""),
        (labels["column.owner"], inline(channel.owner)),
        (labels["channel.aliases"], ", ".join(inline(a) for a in channel.aliases)),
    ]
    back = site_layout.link(page, site_layout.CHANNELS)
    parts = [
        "\n".join(f"- **{label}:** {value}" for label, value in facts if value),
        labels("channel.intro", touchpoints=labels.count("count.touchpoint", len(found)),
               across_maps=labels.count("channels.across_maps", len(maps)),
               feeling=heat(average, labels=labels), matrix=back),
    ]
    if found:
        phased = by_phase(project)
        ordered = sorted(found, key=lambda s: (phase_rank(project, s.stage) if phased else 0,
                                               labels.sort_key(s.journey_map.title)))
        first = "phase" if phased else "stage"
        header = [labels["column." + key] for key in (first, "touchpoint", "score", "map",
                                                      "personas")]
        rows = [[_where(s, project, labels, phased), f"**{cell(s.touchpoint.name)}**",
                 heat(s.touchpoint.score, str(s.touchpoint.score))
                 if s.touchpoint.score is not None else NONE,
                 map_link(page, s.journey_map),
                 persona_links(page, project.personas_of(s.journey_map)) or NONE]
                for s in ordered]
        heading = "channel.by_phase" if phased else "channel.by_stage"
        parts += [f"## {labels[heading]}", table(header, rows, sortable=True)]
    return render_page(channel.name or channel.id, parts, wide=True)


def _where(sighting: Sighting, project: Project, labels: Labels, phased: bool) -> str:
    stage = cell(sighting.stage.name)
    if not phased:
        return stage
    return sort_as(phase_rank(project, sighting.stage),
                   dotted(f"**{cell(phase_name(project, sighting.stage, labels))}**",
                          f"_{stage}_"))
