"""The company vocabulary resolved: which phase of ``maps/lifecycle.yml`` a stage belongs
to, and which channel of ``maps/channels.yml`` a touchpoint's ``channel`` names.

A stage belongs to the phase its ``phase:`` names; otherwise to the phase whose id,
name, one of ``names`` or one of ``aliases`` equals the stage's name, ignoring case and
spaces around and between words. A channel is found the same way by id, name or alias.
Where two phases (or channels) claim one name, the first in the file keeps it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TypeVar

from ..model.channel import Channel, ChannelCatalogue
from ..model.lifecycle import Lifecycle, Phase
from ..model.stage import Stage

T = TypeVar("T", Phase, Channel)


def name_key(name: str | None) -> str:
    """What names are compared by: ``" Porównanie  OFERT "`` is ``"porównanie ofert"``."""
    return " ".join((name or "").casefold().split())


def phase_names(phase: Phase) -> list[str]:
    """Every name a stage may give ``phase``: id, name, translated names, aliases."""
    return [phase.id, phase.name, *phase.names.values(), *phase.aliases]


def channel_names(channel: Channel) -> list[str]:
    return [channel.id, channel.name, *channel.aliases]


def index_lifecycle(lifecycle: Lifecycle) -> None:
    """Fill ``by_id`` and ``by_name`` of a lifecycle read from its file."""
    _index(lifecycle.phases, phase_names, lifecycle.by_id, lifecycle.by_name)


def index_channels(catalogue: ChannelCatalogue) -> None:
    """Fill ``by_id`` and ``by_name`` of a channel catalogue read from its file."""
    _index(catalogue.channels, channel_names, catalogue.by_id, catalogue.by_name)


def _index(items: list[T], names: Callable[[T], list[str]], by_id: dict[str, T],
           by_name: dict[str, T]) -> None:
    for item in items:
        item_id = getattr(item, "id", None)
        if not item_id:
            continue  # no id: already an error, and nothing could name it
        by_id.setdefault(item_id, item)
        for name in names(item):
            if name_key(name):
                by_name.setdefault(name_key(name), item)


def phase_of(lifecycle: Lifecycle | None, stage: Stage) -> Phase | None:
    """The phase ``stage`` belongs to; None without a lifecycle or when none matches."""
    if lifecycle is None:
        return None
    if stage.phase:
        return lifecycle.by_id.get(stage.phase)
    return phase_named(lifecycle, stage.name)


def phase_named(lifecycle: Lifecycle, name: str | None) -> Phase | None:
    """The phase whose id, name, translated name or alias ``name`` is."""
    return lifecycle.by_name.get(name_key(name))


def channel_of(catalogue: ChannelCatalogue | None, name: str | None) -> Channel | None:
    """The catalogue channel a touchpoint's ``channel`` names, or None."""
    if catalogue is None or not name:
        return None
    return catalogue.by_name.get(name_key(name))


def closest_phase(lifecycle: Lifecycle, name: str) -> Phase | None:
    """The phase with a name most like ``name`` (for a warning's "did you mean")."""
    return _closest(name, {name_key(n): p for p in reversed(lifecycle.phases)
                           for n in phase_names(p) if n})


def closest_channel(catalogue: ChannelCatalogue, name: str) -> Channel | None:
    return _closest(name, {name_key(n): c for c in reversed(catalogue.channels)
                           for n in channel_names(c) if n})


def _closest(name: str, by_key: dict[str, Phase | Channel]) -> Phase | Channel | None:
    close = difflib.get_close_matches(name_key(name), list(by_key), n=1, cutoff=0.5)
    return by_key[close[0]] if close else None
