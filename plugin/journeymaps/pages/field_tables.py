"""The authors' guide's field tables, generated from the model.

A hand-written docs page asks for a table with a marker on a line of its own,
``<!-- journeymaps:fields map -->``; the table comes from the same field
declarations as the validator and the JSON Schema, so the guide cannot drift.
"""

from __future__ import annotations

from ..model.fields import Record, records
from ..model.journey_map import MAP_RECORD
from ..model.metric import CATALOGUE_RECORD
from ..model.persona import PERSONA_RECORD
from ..safety.text import cell

#: marker name (the record's noun, last word) to record: map, stage, touchpoint...
TABLES: dict[str, Record] = {
    record.noun.split()[-1]: record
    for root in (MAP_RECORD, PERSONA_RECORD, CATALOGUE_RECORD) for record in records(root)
}


def field_table(record: Record) -> str:
    """A Markdown table of a record's keys: type, whether required, meaning."""
    lines = ["| key | type | required | meaning |", "|---|---|---|---|"]
    for name, spec in record.fields().items():
        lines.append(f"| `{name}` | {cell(spec.type.describe())} | "
                     f"{'yes' if spec.required else ''} | {cell(spec.doc)} |")
    return "\n".join(lines)


def field_table_marker(name: str) -> str:
    """What ``<!-- journeymaps:fields NAME -->`` becomes: the table, or a warning box
    naming the tables there are."""
    record = TABLES.get(name)
    if record is not None:
        return field_table(record)
    return (f'!!! danger "Unknown field table \'{cell(name)}\'"\n\n'
            f"    Known tables: {', '.join(TABLES)}.")
