"""``journeymaps.json``: every map and persona, machine-readable (see the contract)."""

from __future__ import annotations

import json
from typing import Any

from ..analysis.channels import catalogue_channels, channel_ref
from ..analysis.fragments import Fragments
from ..analysis.journeys import journey_ids, parents
from ..analysis.metrics import Measured, map_measures
from ..analysis.phases import phases
from ..load.vocabulary import phase_of
from ..model.evidence import Evidence
from ..model.fields import specs
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.question import Question
from ..model.stage import Stage
from ..pages import site_layout


def project_export(project: Project) -> dict[str, Any]:
    """The export's data."""
    return _export(project, [_map(journey_map, project) for journey_map in project.maps])


def _map_key(project: Project, journey_map: JourneyMap) -> tuple[Any, ...]:
    """What a map's part is made from: the map and its measured series."""
    return (journey_map, *project.series_by_map.get(journey_map.slug, ()))


def _export(project: Project, maps: list[Any]) -> dict[str, Any]:
    return {
        "personas": [
            {
                "id": persona.id,
                "name": persona.display_name,
                "url": site_layout.page_url(site_layout.persona_page(persona.id)),
                "maps": [m.file for m in project.maps_by_persona.get(persona.id, [])],
                "segment": persona.segment,
            }
            for persona in project.personas.values()
        ],
        "maps": maps,
        "metrics": [{**_fields(metric), "better": metric.better or "higher"}
                    for metric in project.metrics.values()],
        **_definitions(project),
    }


def _definitions(project: Project) -> dict[str, Any]:
    """The contract's company-wide definitions: journeys, phases, channels."""
    parent = parents(project)
    return {
        "journeys": [
            {
                "id": journey,
                "title": project.journey_title(journey),
                "url": site_layout.page_url(site_layout.journey_page(journey)),
                "parent": parent.get(journey),
                "owner": project.journeys[journey].owner if journey in project.journeys
                else None,
                "maps": [m.file for m in project.maps_by_journey.get(journey, [])],
                "description": project.journeys[journey].description
                if journey in project.journeys else None,
            }
            for journey in journey_ids(project)
        ],
        "phases": [{"id": p.id, "name": p.name, "names": dict(p.names),
                    "aliases": list(p.aliases), "description": p.description}
                   for p in phases(project)],
        "channels": [{"id": c.id, "name": c.name, "kind": c.kind, "owner": c.owner,
                      "url": site_layout.page_url(site_layout.channel_page(c.id)),
                      "aliases": list(c.aliases)}
                     for c in catalogue_channels(project)],
    }


def _map(journey_map: JourneyMap, project: Project) -> dict[str, Any]:
    measures = map_measures(project, journey_map)
    return {
        "path": journey_map.file,
        "title": journey_map.title,
        "url": site_layout.page_url(site_layout.map_page(journey_map)),
        "personas": list(journey_map.persona),
        "journey": journey_map.journey,
        "state": journey_map.state_or_default,
        "owner": journey_map.owner,
        "reviewed": journey_map.reviewed.isoformat() if journey_map.reviewed else None,
        "tags": list(journey_map.tags),
        "confidence": journey_map.confidence,
        "evidence": [_evidence(e) for e in journey_map.evidence],
        "measured": [_measured(m) for m in measures.whole],
        "stages": [_stage(stage, project, measured)
                   for stage, measured in zip(journey_map.stages, measures.stages, strict=True)],
    }


def _stage(stage: Stage, project: Project, measured: list[Measured]) -> dict[str, Any]:
    data = _fields(stage)
    phase = phase_of(project.lifecycle, stage)
    data["phase"] = phase.id if phase else None  # resolved: by 'phase:' or by the name
    data["touchpoints"] = [_touchpoint(t, project) for t in stage.touchpoints]
    data["opportunities"] = [{**_fields(o), "status": o.status_or_default}
                             for o in stage.opportunities]
    data["questions"] = [_question(q, project) for q in stage.questions]
    data["evidence"] = [_evidence(e) for e in stage.evidence]
    data["measured"] = [_measured(m) for m in measured]
    return data


def _touchpoint(touchpoint: Any, project: Project) -> dict[str, Any]:
    data = _fields(touchpoint)
    channel = channel_ref(project, touchpoint.channel).channel
    data["channel_id"] = channel.id if channel else None  # the catalogue channel, if any
    return data


def _evidence(evidence: Evidence) -> dict[str, Any]:
    data = _fields(evidence)
    data["date"] = evidence.date.isoformat() if evidence.date else None
    return data


def _measured(measured: Measured) -> dict[str, Any]:
    """A current value as the contract says, with the value's trend (oldest first)."""
    return {"metric": measured.metric_id, "value": _number(measured.value),
            "date": measured.date.isoformat() if measured.date else None,
            "source": measured.source or None, "target_met": measured.target_met,
            "trend": [_number(v) for v in measured.trend]}


def _number(value: float | int | str) -> float | int | str:
    """A whole number as an integer: CSV values are read as decimals."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _fields(record: Any) -> dict[str, Any]:
    """A record's front-matter fields (dataclasses.asdict deep-copies: too slow here)."""
    return {name: getattr(record, name) for name in specs(type(record))}


def _question(question: Question, project: Project) -> dict[str, Any]:
    answer = project.answer_of(question)
    url = answer if answer is None or answer.startswith("https://") else (
        site_layout.page_url(answer))
    return {"text": question.text, "answer": answer, "answer_url": url}


def export_json(project: Project, fragments: Fragments | None = None) -> str:
    """The export as compact JSON, each map encoded apart and joined as the encoder
    joins a list and an object: the same text as encoding the whole at once, without
    every map's fields as objects at once (hundreds of megabytes at 5,000 maps). With
    ``fragments`` (a live preview's), each map's JSON text is the last build's while
    the map and its series are the same objects: at 1,000 maps, encoding them all was
    a twentieth of a rebuild."""
    def text(journey_map: JourneyMap) -> str:
        if fragments is None:
            return _encoded(_map(journey_map, project))
        return fragments.of("journeymaps.json text", _map_key(project, journey_map),
                            lambda: _encoded(_map(journey_map, project)))
    maps = "[" + ",".join(map(text, project.maps)) + "]"
    return "{" + ",".join(f"{_encoded(name)}:{maps if name == 'maps' else _encoded(value)}"
                          for name, value in _export(project, []).items()) + "}"


def _encoded(value: Any) -> str:
    # compact: the C encoder serialises thousands of maps in a blink; indent would not
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
