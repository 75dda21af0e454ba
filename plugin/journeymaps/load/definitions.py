"""The company-wide definitions read and checked: ``maps/lifecycle.yml``,
``maps/channels.yml`` and ``maps/journeys/<id>.md``, and the checks that look from the
maps at them (a stage's phase, a touchpoint's channel, a journey's parent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.channel import CATALOGUE_RECORD, CHANNELS_FILE, ChannelCatalogue
from ..model.fields import Record, did_you_mean
from ..model.journey import JOURNEY_RECORD, Journey
from ..model.lifecycle import LIFECYCLE_FILE, LIFECYCLE_RECORD, Lifecycle
from ..model.problem import FieldPath, Severity
from ..model.project import Project
from ..model.source import Source
from .body import check_body
from .files import check_file_id, display_path, read_record
from .frontmatter import read_yaml
from .vocabulary import (
    channel_of,
    closest_channel,
    closest_phase,
    index_channels,
    index_lifecycle,
    phase_named,
)


def load_lifecycle(maps_dir: Path, root: Path) -> Lifecycle | None:
    """``maps/lifecycle.yml`` read, checked and indexed; None when there is none."""
    lifecycle = _load_definitions(maps_dir / LIFECYCLE_FILE, root, LIFECYCLE_RECORD, "phases")
    if lifecycle is not None:
        index_lifecycle(lifecycle)
    return lifecycle


def load_channel_catalogue(maps_dir: Path, root: Path) -> ChannelCatalogue | None:
    """``maps/channels.yml`` read, checked and indexed; None when there is none."""
    catalogue = _load_definitions(maps_dir / CHANNELS_FILE, root, CATALOGUE_RECORD, "channels")
    if catalogue is not None:
        index_channels(catalogue)
    return catalogue


def _load_definitions(path: Path, root: Path, record: Record, key: str) -> Any:
    """The file's record (a Lifecycle, a ChannelCatalogue) with its file, source and
    problems; None when there is no such file."""
    if not path.is_file():
        return None
    source = read_yaml(path, display_path(path, root))
    data = source.data if source.data is not None else {}
    _duplicate_ids(data.get(key), (key,), source)
    checked = record.check(data, (), source) if source.data is not None else None
    definitions = checked or record.cls()
    definitions.file, definitions.source, definitions.problems = (
        source.file, source, source.problems)
    return definitions


def _duplicate_ids(items: Any, path: FieldPath, source: Source) -> None:
    """An id given twice is an error at the second, naming the line of the first."""
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        given = item.get("id") if isinstance(item, dict) else None
        if not isinstance(given, str) or not given.strip():
            continue
        where = (*path, i, "id")
        if given.strip() in first:
            source.problem(where, f"duplicate id '{given.strip()}' (first at line "
                                  f"{first[given.strip()]}); each id must be unique")
        else:
            first[given.strip()] = source.line_of(where)


def load_journey(path: Path, root: Path) -> Journey:
    """A journey file; its id is the file stem."""
    journey, source = read_record(path, root, JOURNEY_RECORD, Journey)
    journey.id = path.stem
    journey.title = journey.title or journey.id
    check_body(source)
    check_file_id(source, journey.id, "journey", "the list of journeys")
    journey.problems = source.problems
    return journey


def check_definitions(project: Project) -> None:
    """What the maps and journeys say of the definitions: parents, phases, channels."""
    _check_parents(project)
    lifecycle, catalogue = project.lifecycle, project.channel_catalogue
    for journey_map in project.maps:
        source = journey_map.source
        if source is None:
            continue
        for s, stage in enumerate(journey_map.stages):
            if stage.phase or lifecycle:
                _check_phase(project, source, s, stage.phase, stage.name)
            if catalogue is None:
                continue
            for t, touchpoint in enumerate(stage.touchpoints):
                if touchpoint.channel and channel_of(catalogue, touchpoint.channel) is None:
                    _report(project, source, ("stages", s, "touchpoints", t, "channel"),
                            _unknown_channel(catalogue, touchpoint.channel), "warning")


def _check_phase(project: Project, source: Source, s: int, given: str | None,
                 name: str | None) -> None:
    lifecycle = project.lifecycle
    if given:
        if lifecycle is None:
            _report(project, source, ("stages", s, "phase"),
                    f"unknown phase '{given}': there is no maps/{LIFECYCLE_FILE} defining "
                    "phases; create it (journeymaps new lifecycle) or remove 'phase'")
        elif given not in lifecycle.by_id:
            ids = list(lifecycle.by_id)
            hint = did_you_mean(given, ids) or f"; the phases are: {', '.join(ids)}"
            _report(project, source, ("stages", s, "phase"), f"unknown phase '{given}'{hint}")
        return
    assert lifecycle is not None
    if not name or phase_named(lifecycle, name) is not None:
        return
    closest = closest_phase(lifecycle, name)
    if closest is None:
        hint = f"; the phases are: {', '.join(lifecycle.by_id)}"
    else:
        hint = f"; the closest phase is '{closest.id}' ({closest.name})"
    _report(project, source, ("stages", s, "name"),
            f"the stage '{name}' belongs to no phase of maps/{LIFECYCLE_FILE}{hint}: give "
            "the stage 'phase: <id>' or add its name to the phase's aliases", "warning")


def _unknown_channel(catalogue: ChannelCatalogue, channel: str) -> str:
    closest = closest_channel(catalogue, channel)
    if closest is None:
        hint = f"; the channels are: {', '.join(catalogue.by_id)}"
    else:
        hint = f"; the closest channel is '{closest.id}' ({closest.name})"
    return (f"'{channel}' is not a channel of maps/{CHANNELS_FILE}{hint}: use its id or add "
            "the name to the channel's aliases")


def _check_parents(project: Project) -> None:
    known = sorted(set(project.journeys) | set(project.maps_by_journey))
    loops = parent_loops(project)
    for journey in project.journeys.values():
        if not journey.parent or journey.source is None:
            continue
        if journey.parent not in known:
            hint = did_you_mean(journey.parent, known) or (
                f"; create maps/journeys/{journey.parent}.md or use one of: "
                f"{', '.join(known)}" if known else "")
            _report(project, journey.source, ("parent",),
                    f"unknown journey '{journey.parent}'{hint}")
            continue
        loop = loops.get(journey.id)
        if loop:
            _report(project, journey.source, ("parent",),
                    f"the journeys' parents make a loop: {' → '.join(loop)}; one of them "
                    "must have another parent, or none")


def parent_loops(project: Project) -> dict[str, list[str]]:
    """Each journey whose parents lead back to it, with the ids of that loop from it
    back to it (``a → b → a``). Linear: each journey is walked once."""
    journeys = project.journeys
    done: set[str] = set()
    loops: dict[str, list[str]] = {}
    for start in journeys:
        path: list[str] = []
        where: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in done and current not in where:
            where[current] = len(path)
            path.append(current)
            known = journeys.get(current)
            current = known.parent if known else None
        if current is not None and current in where:  # came back: a loop from there
            cycle = path[where[current]:]
            for i, journey in enumerate(cycle):
                loops[journey] = [*cycle[i:], *cycle[:i], journey]
        done.update(path)
    return loops


def _report(project: Project, source: Source, path: FieldPath, message: str,
            severity: Severity = "error") -> None:
    project.cross_problems.append(source.make_problem(path, message, severity=severity))
