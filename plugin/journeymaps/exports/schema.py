"""JSON Schemas of the map and persona front matter, generated from the model.

They come from the same field declarations as the validator, so an editor or
another tool that checks a file against them agrees with ``journeymaps check``
(which still knows more: whether personas and answer pages exist).
"""

from __future__ import annotations

import json
from typing import Any

from ..model.channel import CATALOGUE_RECORD
from ..model.fields import Record, docs_named
from ..model.journey import JOURNEY_RECORD
from ..model.journey_map import MAP_RECORD
from ..model.lifecycle import LIFECYCLE_RECORD
from ..model.metric import CATALOGUE_RECORD as METRIC_CATALOGUE_RECORD
from ..model.persona import PERSONA_RECORD
from ..pages import site_layout

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: site path of each schema: (record, title, description)
SCHEMAS: dict[str, tuple[Record, str, str]] = {
    site_layout.MAP_SCHEMA: (
        MAP_RECORD, "Journey map",
        "The YAML front matter of a journey map file, maps/<folder>/<slug>.md. "
        "Dates are YYYY-MM-DD strings once the YAML is read as JSON."),
    site_layout.PERSONA_SCHEMA: (
        PERSONA_RECORD, "Persona",
        "The YAML front matter of a persona file, maps/personas/<id>.md; the id is "
        "the file name."),
    site_layout.JOURNEY_SCHEMA: (
        JOURNEY_RECORD, "Journey",
        "The YAML front matter of a journey file, maps/journeys/<id>.md; the id is the "
        "file name, and maps name it in 'journey:'."),
    site_layout.LIFECYCLE_SCHEMA: (
        LIFECYCLE_RECORD, "Lifecycle",
        "The company lifecycle, maps/lifecycle.yml: its phases in lifecycle order."),
    site_layout.CHANNELS_SCHEMA: (
        CATALOGUE_RECORD, "Channel catalogue",
        "The channel catalogue, maps/channels.yml: the channels touchpoints name."),
    site_layout.METRICS_SCHEMA: (
        METRIC_CATALOGUE_RECORD, "Metric catalogue",
        "The metric catalogue, maps/metrics.yml: the metrics that maps and the CSV "
        "files of maps/metrics/ name by id."),
}
#: what each schema checks, for the guide's table of files
SCHEMA_OF: dict[str, str] = {
    site_layout.MAP_SCHEMA: "a map file's front matter",
    site_layout.PERSONA_SCHEMA: "a persona file's front matter",
    site_layout.JOURNEY_SCHEMA: "a journey file's front matter",
    site_layout.LIFECYCLE_SCHEMA: "`maps/lifecycle.yml`",
    site_layout.CHANNELS_SCHEMA: "`maps/channels.yml`",
    site_layout.METRICS_SCHEMA: "`maps/metrics.yml`, the metric catalogue",
}


def json_schema(path: str, docs_folder: str = "docs") -> dict[str, Any]:
    """The schema published at ``path`` (one of :data:`SCHEMAS`), naming the site's docs
    folder where its texts do."""
    record, title, description = SCHEMAS[path]
    schema = {"$schema": DIALECT, "title": title, "description": description,
              **record.json_schema()}
    return json.loads(docs_named(json.dumps(schema, ensure_ascii=False), docs_folder))


def schema_json(path: str, docs_folder: str = "docs") -> str:
    return json.dumps(json_schema(path, docs_folder), ensure_ascii=False, indent=2) + "\n"
