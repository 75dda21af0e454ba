"""Touchpoints by channel: the catalogue channel (``maps/channels.yml``) a touchpoint's
``channel`` names, or the text itself where there is no catalogue or it names none."""

from __future__ import annotations

from dataclasses import dataclass

from ..load.vocabulary import channel_of, name_key
from ..model.channel import Channel
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from ..model.touchpoint import Touchpoint


@dataclass(frozen=True)
class ChannelRef:
    """How the views group and name a touchpoint's channel."""

    key: str  # the catalogue id, or the text as compared ('' for none)
    name: str  # the catalogue name, or the text as written
    channel: Channel | None = None


def channel_ref(project: Project, text: str | None) -> ChannelRef:
    channel = channel_of(project.channel_catalogue, text)
    if channel is not None:
        return ChannelRef(channel.id, channel.name or channel.id, channel)
    return ChannelRef(name_key(text), text or "")


def catalogue_channels(project: Project) -> list[Channel]:
    """The catalogue's channels in its order, each id once (a duplicate is an error)."""
    catalogue = project.channel_catalogue
    return list(catalogue.by_id.values()) if catalogue else []


@dataclass(frozen=True)
class Sighting:
    """A touchpoint met on a channel: where and by whom."""

    touchpoint: Touchpoint
    stage: Stage
    journey_map: JourneyMap


def sightings(project: Project, channel_id: str) -> list[Sighting]:
    """Every touchpoint on catalogue channel ``channel_id``, in map and stage order."""
    return [Sighting(tp, stage, m) for m in project.maps for stage in m.stages
            for tp in stage.touchpoints
            if tp.channel and channel_ref(project, tp.channel).key == channel_id
            and channel_ref(project, tp.channel).channel is not None]
