"""The authors' guide's field tables, generated from the model.

A hand-written docs page asks for a table with a marker on a line of its own,
``<!-- journeymaps:fields map -->``; the table comes from the same field
declarations as the validator and the JSON Schema, so the guide cannot drift.
"""

from __future__ import annotations

from ..model.channel import CATALOGUE_RECORD
from ..model.fields import Record, docs_named, records
from ..model.journey import JOURNEY_RECORD
from ..model.journey_map import MAP_RECORD
from ..model.lifecycle import LIFECYCLE_RECORD
from ..model.metric import CATALOGUE_RECORD as METRIC_CATALOGUE_RECORD
from ..model.persona import PERSONA_RECORD
from ..safety.text import cell


#: marker name (the record's noun, last word) to record: map, stage, touchpoint...
def table_name(record: Record) -> str:
    """A record's marker name: the last word of its noun (``stage``, ``touchpoint``), but
    the two catalogues go by what they list (``channels``, ``metrics``)."""
    words = record.noun.split()
    return f"{words[0]}s" if words[-1] == "catalogue" else words[-1]


TABLES: dict[str, Record] = {
    table_name(record): record
    for root in (MAP_RECORD, PERSONA_RECORD, JOURNEY_RECORD, LIFECYCLE_RECORD, CATALOGUE_RECORD,
                 METRIC_CATALOGUE_RECORD)
    for record in records(root)
}


def field_table(record: Record, docs_folder: str = "docs") -> str:
    """A Markdown table of a record's keys: type, whether required, meaning (naming the
    site's docs folder where a key's text does)."""
    lines = ["| key | type | required | meaning |", "|---|---|---|---|"]
    for name, spec in record.fields().items():
        kind, doc = (docs_named(text, docs_folder) for text in (spec.type.describe(), spec.doc))
        lines.append(f"| `{name}` | {cell(kind)} | {'yes' if spec.required else ''} | "
                     f"{cell(doc)} |")
    return "\n".join(lines)


def field_table_marker(name: str, docs_folder: str = "docs") -> str:
    """What ``<!-- journeymaps:fields NAME -->`` becomes: the table, or a warning box
    naming the tables there are."""
    record = TABLES.get(name)
    if record is not None:
        return field_table(record, docs_folder)
    return (f'!!! danger "Unknown field table \'{cell(name)}\'"\n\n'
            f"    Known tables: {', '.join(TABLES)}.")
