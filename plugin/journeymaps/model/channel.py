"""The channel catalogue (``maps/channels.yml``): the channels touchpoints happen on,
each with its kind and owner, and the other names maps give it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import Choice, Id, ListOf, Record, Text, spec
from .problem import Problem
from .source import Source

#: The file, relative to the maps folder.
CHANNELS_FILE = "channels.yml"
KINDS = ("digital", "physical", "human")  # their words are labels (``channel_kind.*``)


@dataclass(slots=True)
class Channel:
    id: str = spec(Id(noun="channel id", example="phone", reserved=("index",)),
                   "e.g. `phone`; its page is `channels/<id>/`", required=True)
    name: str = spec(Text(), "how the site shows the channel, e.g. `Phone`", required=True)
    kind: str | None = spec(Choice(KINDS), "what the channel is: on a screen, a place or "
                                           "thing, or a person")
    owner: str | None = spec(Text(), "team responsible for the channel")
    aliases: list[str] = spec(ListOf(Text()), "other names a touchpoint's `channel` may use, "
                                              "e.g. `[hotline, infolinia, телефон]`")


@dataclass(slots=True)
class ChannelCatalogue:
    channels: list[Channel] = spec(ListOf(Record(Channel, "channel"), min_items=1),
                                   "the company's channels", required=True)

    # Not in the file: where it came from.
    file: str = ""
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = field(default=None, repr=False, compare=False)
    #: filled by ``load.vocabulary``: each channel by id, and by every name a map may give it
    by_id: dict[str, Channel] = field(default_factory=dict, repr=False)
    by_name: dict[str, Channel] = field(default_factory=dict, repr=False)


CATALOGUE_RECORD = Record(ChannelCatalogue, "channel catalogue")
CHANNEL_RECORD = Record(Channel, "channel")
