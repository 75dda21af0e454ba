"""The omnichannel matrix (``channels.md``): channels × phases (or × stages, without a
lifecycle) across all maps.

Each cell lists the touchpoints met on that channel in that phase, with their
average score and the maps they come from; above it, per channel, how many
touchpoints and which personas use it, and with a channel catalogue its kind and owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis.channel_facets import channel_facets, matrix_facets
from ..analysis.channels import ChannelRef, channel_ref
from ..analysis.phases import by_phase, column_of, columns
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..safety.text import cell
from . import site_layout
from .links import channel_link, persona_links, some_map_links
from .report import (
    LIST_SEPARATOR,
    NONE,
    facets,
    filter_bar,
    heat,
    join_items,
    render_page,
    table,
)

#: A cell shows its worst touchpoints, each with its first maps; the rest are counted,
#: so that the page stays readable (and quick to build) with thousands of maps.
MAX_TOUCHPOINTS = 5
#: the column heading that names each filter of the bar
FILTER_LABELS = {"kind": "kind", "owner": "owner", "persona": "personas", "journey": "journey",
                 "phase": "phase", "stage": "stage"}


@dataclass
class Tally:
    """Scores and maps of a touchpoint, a channel or a cell."""

    name: str
    scores: list[int] = field(default_factory=list)
    ref: ChannelRef | None = None
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
                ref = channel_ref(project, tp.channel)
                channel = channels.setdefault(
                    ref.key, Tally(ref.name or labels["channels.none"], ref=ref))
                entry = cells.setdefault((ref.key, column_of(project, stage)), {}) \
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
    catalogue = project.channel_catalogue is not None
    extra = ["kind", "owner"] if catalogue else []
    declared = channel_facets(project, labels)

    def tag(key: str, repeated: bool = False) -> str:
        """The channel's facets, in the first cell of each of its two rows."""
        return facets(repeated=repeated, **declared.get(key, {}))
    summary = table(
        [labels["column." + key] for key in ("channel", *extra, "touchpoints", "feeling",
                                             "personas", "maps")],
        [[tag(k) + _name(channels[k], page),
          *(_kind_owner(channels[k], labels) if catalogue else []),
          str(channels[k].touchpoints), heat(channels[k].average, labels=labels),
          persona_links(page, sorted(channels[k].personas.values(),
                                     key=lambda p: labels.sort_key(p.display_name))) or NONE,
          str(len(channels[k].maps))] for k in order],
        sortable=True)
    axis = columns(project, project.maps, labels)
    matrix = table([labels["column.channel"], *(cell(c.name) for c in axis)],
                   [[f"{tag(k, repeated=True)}**{_name(channels[k], page)}**"
                     + _kind_note(channels[k], labels),
                     *(_cell(cells.get((k, c.key), {}), page, labels) for c in axis)]
                    for k in order])
    heading = "channels.matrix_phases" if by_phase(project) else "channels.matrix"
    bar = filter_bar({facet: labels["column." + FILTER_LABELS[facet]]
                      for facet in matrix_facets(project)}, labels)
    # the headings keep their words alone: their ids are the slugs of those words
    return render_page(title, [intro, bar, f"## {labels['channels.summary']}", summary,
                               f"## {labels[heading]}", matrix], wide=True)


def _name(tally: Tally, page: str) -> str:
    """The channel's name; a catalogue channel's links to its page."""
    ref = tally.ref
    if ref is None or ref.channel is None:
        return cell(tally.name)
    return channel_link(page, ref.key, tally.name)


def _kind_owner(tally: Tally, labels: Labels) -> list[str]:
    channel = tally.ref.channel if tally.ref else None
    if channel is None:
        return [NONE, NONE]
    kind = labels["channel_kind." + channel.kind] if channel.kind else NONE
    return [kind, cell(channel.owner) or NONE]


def _kind_note(tally: Tally, labels: Labels) -> str:
    """Under the name in the matrix: kind and owner, so the wide table says them too."""
    channel = tally.ref.channel if tally.ref else None
    if channel is None:
        return ""
    words = [labels["channel_kind." + channel.kind] if channel.kind else "",
             cell(channel.owner)]
    shown = " · ".join(w for w in words if w)
    return f"{LIST_SEPARATOR}_{shown}_" if shown else ""


def _cell(entries: dict[str, Tally], page: str, labels: Labels) -> str:
    """The cell's average over all its touchpoints, then the worst of them with their maps."""
    if not entries:
        return " "
    ranked = sorted(entries.values(), key=lambda e: (
        e.average if e.average is not None else float("inf"), e.name.casefold()))
    items = []
    for entry in ranked[:MAX_TOUCHPOINTS]:
        maps = list(entry.maps.values())
        links = some_map_links(page, maps, labels)
        items.append(f"**{cell(entry.name)}** {heat(entry.average, labels=labels)} ({links})")
    if len(ranked) == 1:
        return items[0]
    if len(ranked) > MAX_TOUCHPOINTS:
        items.append(labels.count("channels.more_touchpoints", len(ranked) - MAX_TOUCHPOINTS))
    scores = [score for entry in ranked for score in entry.scores]
    average = sum(scores) / len(scores) if scores else None
    over = labels.count("channels.over", len(ranked), average=heat(average, labels=labels))
    return f"{over}{LIST_SEPARATOR}{join_items(items)}"
