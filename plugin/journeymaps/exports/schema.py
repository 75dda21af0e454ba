"""JSON Schemas of the map and persona front matter, generated from the model.

They come from the same field declarations as the validator, so an editor or
another tool that checks a file against them agrees with ``journeymaps check``
(which still knows more: whether personas and answer pages exist).
"""

from __future__ import annotations

import json
from typing import Any

from ..model.fields import Record
from ..model.journey_map import MAP_RECORD
from ..model.metric import CATALOGUE_RECORD
from ..model.persona import PERSONA_RECORD
from ..pages import site_layout

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: site path of each schema: (record, title, description, what it describes for the guide)
SCHEMAS: dict[str, tuple[Record, str, str, str]] = {
    site_layout.MAP_SCHEMA: (
        MAP_RECORD, "Journey map",
        "The YAML front matter of a journey map file, maps/<folder>/<slug>.md. "
        "Dates are YYYY-MM-DD strings once the YAML is read as JSON.",
        "a map file's front matter"),
    site_layout.PERSONA_SCHEMA: (
        PERSONA_RECORD, "Persona",
        "The YAML front matter of a persona file, maps/personas/<id>.md; the id is "
        "the file name.", "a persona file's front matter"),
    site_layout.METRICS_SCHEMA: (
        CATALOGUE_RECORD, "Metric catalogue",
        "The metric catalogue, maps/metrics.yml: the metrics that maps and the CSV "
        "files of maps/metrics/ name by id.", "`maps/metrics.yml`, the metric catalogue"),
}


def json_schema(path: str) -> dict[str, Any]:
    """The schema published at ``path`` (one of :data:`SCHEMAS`)."""
    record, title, description, _ = SCHEMAS[path]
    return {"$schema": DIALECT, "title": title, "description": description,
            **record.json_schema()}


def schema_json(path: str) -> str:
    return json.dumps(json_schema(path), ensure_ascii=False, indent=2) + "\n"

