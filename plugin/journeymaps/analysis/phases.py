"""Stages lined up by the phases of the company lifecycle, as the company-wide views
show them: columns in lifecycle order, each named in the site's language, and one
"other" column after them for the stages of no phase.

Without ``maps/lifecycle.yml`` the columns are the stages' names, as before
(``stages.stage_axis``), so every view works the same way with or without it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language.labels import Labels
from ..load.vocabulary import phase_of
from ..model.journey_map import JourneyMap
from ..model.lifecycle import Phase
from ..model.project import Project
from ..model.stage import Stage
from .stages import stage_axis, stage_key

#: The key of the column of stages that belong to no phase (no phase id has a '#').
OTHER = "#other"


@dataclass(frozen=True)
class Column:
    """A column of a company-wide view: a phase, the other stages, or a stage name."""

    key: str
    name: str
    phase: Phase | None = None


def phases(project: Project) -> list[Phase]:
    """The lifecycle's phases in order, each id once; none without a lifecycle."""
    return list(project.lifecycle.by_id.values()) if project.lifecycle else []


def by_phase(project: Project) -> bool:
    """Whether the views group stages by phase (there is a lifecycle with phases)."""
    return bool(phases(project))


def column_of(project: Project, stage: Stage) -> str:
    """The key of the column ``stage`` goes into."""
    if not by_phase(project):
        return stage_key(stage.name or "")
    phase = phase_of(project.lifecycle, stage)
    return phase.id if phase else OTHER


def columns(project: Project, maps: list[JourneyMap], labels: Labels, *,
            every_phase: bool = False) -> list[Column]:
    """The columns of a view of ``maps``: the phases their stages belong to (or all of
    them), in lifecycle order, then "other" if a stage belongs to none."""
    if not by_phase(project):
        return [Column(key, name) for key, name in stage_axis(maps)]
    used = {column_of(project, stage) for m in maps for stage in m.stages}
    found = [Column(p.id, p.name_in(labels.language), p) for p in phases(project)
             if every_phase or p.id in used]
    if OTHER in used:
        found.append(Column(OTHER, labels["lifecycle.other_stages"]))
    return found


def phase_rank(project: Project, stage: Stage) -> int:
    """Where ``stage``'s phase sits in the lifecycle; after every phase when it has none."""
    order = {p.id: i for i, p in enumerate(phases(project))}
    return order.get(column_of(project, stage), len(order))


def phase_name(project: Project, stage: Stage, labels: Labels) -> str:
    """The name of ``stage``'s phase in the site's language; '' without a lifecycle."""
    if not by_phase(project):
        return ""
    phase = phase_of(project.lifecycle, stage)
    return phase.name_in(labels.language) if phase else labels["lifecycle.other_stages"]


@dataclass(frozen=True)
class PhaseGroup:
    """A run of consecutive stages of one map in the same phase: what the map's grid
    heads with the phase's name, spanning those stages' columns. ``phase`` is None for
    a run of stages in no phase."""

    name: str
    span: int
    phase: Phase | None = None


def phase_groups(project: Project, stages: list[Stage], labels: Labels,
                 no_phase: str = "") -> list[PhaseGroup]:
    """``stages`` in runs by phase, in the map's own order (a map may come back to a
    phase: each visit is a run of its own), each named in the site's language and the
    stages of no phase named ``no_phase``. None without a lifecycle: then the map's
    stages are all it has."""
    if not by_phase(project):
        return []
    groups: list[PhaseGroup] = []
    for stage in stages:
        phase = phase_of(project.lifecycle, stage)
        if groups and groups[-1].phase == phase:
            groups[-1] = PhaseGroup(groups[-1].name, groups[-1].span + 1, phase)
        else:
            groups.append(PhaseGroup(phase.name_in(labels.language) if phase else no_phase,
                                     1, phase))
    return groups
