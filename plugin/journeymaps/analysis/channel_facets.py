"""What the omnichannel matrix's filters choose a channel by: its kind and owner (from
the channel catalogue), the personas and journeys whose maps meet it, and the phases
(or, without a lifecycle, the stages) where it is met."""

from __future__ import annotations

from ..language.labels import Labels
from ..model.project import Project
from .channels import channel_ref
from .phases import by_phase, column_of, columns

#: A facet's value: the key its link carries (``?kind=human``) and the name shown.
Value = tuple[str, str]


def channel_facets(project: Project, labels: Labels) -> dict[str, dict[str, list[Value]]]:
    """Per channel key (``channel_ref``'s), facet to its values, each value once, in
    the order first met; the facets are ``matrix_facets``'."""
    axis = "phase" if by_phase(project) else "stage"
    names = {c.key: c.name for c in columns(project, project.maps, labels)}
    found: dict[str, dict[str, dict[str, str]]] = {}
    for journey_map in project.maps:
        personas = [(p.id, p.display_name) for p in project.personas_of(journey_map)]
        for stage in journey_map.stages:
            for tp in stage.touchpoints:
                ref = channel_ref(project, tp.channel)
                facets = found.get(ref.key)
                if facets is None:
                    facets = found[ref.key] = {facet: {} for facet in matrix_facets(project)}
                    channel = ref.channel
                    if channel is not None and channel.kind:
                        facets["kind"][channel.kind] = labels["channel_kind." + channel.kind]
                    if channel is not None and channel.owner:
                        facets["owner"][channel.owner] = channel.owner
                facets["persona"].update(personas)
                if journey_map.journey:
                    facets["journey"].setdefault(
                        journey_map.journey, project.journey_title(journey_map.journey))
                key = column_of(project, stage)
                facets[axis].setdefault(key, names.get(key, stage.name or ""))
    return {key: {facet: list(values.items()) for facet, values in facets.items()}
            for key, facets in found.items()}


def matrix_facets(project: Project) -> tuple[str, ...]:
    """The matrix's filters, in the order its bar shows them."""
    return ("kind", "owner", "persona", "journey", "phase" if by_phase(project) else "stage")
