"""The omnichannel matrix (``channels.md``): channels × stages across all maps.

Each cell lists the touchpoints met on that channel at that stage, with their
average score and the maps they come from; above it, per channel, how many
touchpoints and which personas use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis.stages import stage_axis, stage_key
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import cell
from . import site_layout
from .report import (
    LIST_SEPARATOR,
    NONE,
    heat,
    join_items,
    map_link,
    persona_links,
    render_page,
    table,
)

#: A cell shows its worst touchpoints, each with its first maps; the rest are counted,
#: so that the page stays readable (and quick to build) with thousands of maps.
MAX_TOUCHPOINTS = 5
MAX_MAP_LINKS = 3


@dataclass
class Tally:
    """Scores and maps of a touchpoint, a channel or a cell."""

    name: str
    scores: list[int] = field(default_factory=list)
    maps: dict[str, JourneyMap] = field(default_factory=dict)  # by file, in order met
    personas: dict[str, Persona] = field(default_factory=dict)
    touchpoints: int = 0

    @property
    def average(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


def _key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def render_channel_matrix(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.CHANNELS
    title = labels["channels.title"]
    channels: dict[str, Tally] = {}
    # (channel key, stage key) -> touchpoint key -> tally
    cells: dict[tuple[str, str], dict[str, Tally]] = {}
    for journey_map in project.maps:
        personas = project.personas_of(journey_map)
        for stage in journey_map.stages:
            for tp in stage.touchpoints:
                channel_key = _key(tp.channel)
                channel = channels.setdefault(channel_key,
                                              Tally(tp.channel or labels["channels.none"]))
                entry = cells.setdefault((channel_key, stage_key(stage.name or "")), {}) \
                    .setdefault(_key(tp.name), Tally(tp.name or ""))
                for tally in (channel, entry):
                    tally.touchpoints += 1
                    tally.maps.setdefault(journey_map.file, journey_map)
                    if tp.score is not None:
                        tally.scores.append(tp.score)
                channel.personas.update((p.id, p) for p in personas)
    if not channels:
        return render_page(title, [labels["channels.empty"]])
    order = sorted(channels, key=lambda k: (k == "", -channels[k].touchpoints, k))
    intro = labels("channels.intro", channels=labels.count("count.channel", len(channels)),
                   touchpoints=labels.count("count.touchpoint",
                                            sum(c.touchpoints for c in channels.values())),
                   across_maps=labels.count("channels.across_maps", len(project.maps)))
    summary = table(
        [labels["column." + key] for key in ("channel", "touchpoints", "feeling", "personas",
                                             "maps")],
        [[cell(channels[k].name), str(channels[k].touchpoints), heat(channels[k].average),
          persona_links(page, sorted(channels[k].personas.values(),
                                     key=lambda p: labels.sort_key(p.display_name))) or NONE,
          str(len(channels[k].maps))] for k in order],
        sortable=True)
    axis = stage_axis(project.maps)
    matrix = table([labels["column.channel"], *(cell(name) for _, name in axis)],
                   [[f"**{cell(channels[k].name)}**",
                     *(_cell(cells.get((k, s), {}), page, labels) for s, _ in axis)]
                    for k in order])
    return render_page(title, [intro, f"## {labels['channels.summary']}", summary,
                               f"## {labels['channels.matrix']}", matrix], wide=True)


def _cell(entries: dict[str, Tally], page: str, labels: Labels) -> str:
    """The cell's average over all its touchpoints, then the worst of them with their maps."""
    if not entries:
        return " "
    ranked = sorted(entries.values(), key=lambda e: (
        e.average if e.average is not None else float("inf"), e.name.casefold()))
    items = []
    for entry in ranked[:MAX_TOUCHPOINTS]:
        maps = list(entry.maps.values())
        links = ", ".join(map_link(page, m) for m in maps[:MAX_MAP_LINKS])
        if len(maps) > MAX_MAP_LINKS:
            links += " " + labels("channels.more_maps", n=len(maps) - MAX_MAP_LINKS)
        items.append(f"**{cell(entry.name)}** {heat(entry.average)} ({links})")
    if len(ranked) == 1:
        return items[0]
    if len(ranked) > MAX_TOUCHPOINTS:
        items.append(labels.count("channels.more_touchpoints", len(ranked) - MAX_TOUCHPOINTS))
    scores = [score for entry in ranked for score in entry.scores]
    average = sum(scores) / len(scores) if scores else None
    over = labels.count("channels.over", len(ranked), average=heat(average))
    return f"{over}{LIST_SEPARATOR}{join_items(items)}"
