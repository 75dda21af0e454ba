"""The field vocabulary: one declaration per field, three uses.

Each model data class declares its front-matter keys with :func:`spec`. From
those declarations come the validator (:meth:`FieldType.check`), the JSON
Schema (:meth:`FieldType.json_schema`) and the field tables of the authors'
guide (:meth:`FieldType.describe`), so the three can never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from ..safety.text import SAFE_SCHEMES, unsafe_link, url_scheme
from .problem import FieldPath
from .source import Source


class _Invalid:
    """Marks a value that failed its check; the model keeps its default."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
_META = "journeymaps"
#: The docs folder in the model's texts (field docs, messages): ``docs_named`` puts in
#: the site's own (``docs_dir`` of mkdocs.yml), wherever the text reaches an author.
DOCS = "{docs}"


def docs_named(text: str, folder: str) -> str:
    """``text`` with the docs folder placeholder replaced by ``folder``."""
    return text.replace(DOCS, folder) if DOCS in text else text


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def type_name(value: Any) -> str:
    """How an author would name a YAML value's type in a message."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a mapping", dt.date: "a date", dt.datetime: "a date and time"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class FieldType:
    """A kind of value a front-matter field holds."""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        """The cleaned value, or INVALID after reporting problems to ``source``."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(FieldType):
    """A string; a number or a date where text belongs is almost always a slip."""

    pattern: str | None = None
    pattern_hint: str = ""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if not isinstance(value, str):
            source.problem(path, f"must be text, got {type_name(value)} {_shown(value)}; "
                                 "put it in quotes")
            return INVALID
        if self.pattern and not re.fullmatch(self.pattern, value):
            source.problem(path, f"{_shown(value)} is not valid: {self.pattern_hint}")
            return INVALID
        target = unsafe_link(value)
        if target is not None:  # the page shows it disarmed; the author must still hear of it
            source.problem(path, f"the link to {_shown(target)} is not allowed: links may go to "
                                 f"{', '.join(s + ':' for s in SAFE_SCHEMES)} addresses or to "
                                 "pages of the site")
        return value.strip()

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        return schema

    def describe(self) -> str:
        return "string"


#: Ids (persona file stems, journey ids): what a URL and a file name hold as they are.
ID = r"[a-z0-9][a-z0-9-]*"


def slug(value: str) -> str:
    """The id that ``value`` most likely means: lowercase, other characters as '-'."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


@dataclass(frozen=True)
class Id(Text):
    """An id: lowercase letters, digits and '-', so that it is a page's URL as it is.

    Anything else is refused (with the id it could be) rather than made into a
    URL: an id reaches page paths, links and every page that names it.
    """

    noun: str = "id"
    example: str = "telecom-moving"
    reserved: tuple[str, ...] = ()

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if not isinstance(value, str):
            return super().check(value, path, source)
        value = value.strip()
        if value in self.reserved:
            source.problem(path, f"'{value}' cannot be a {self.noun}: its page would be "
                                 "the index of all of them; choose another id")
            return INVALID
        if re.fullmatch(ID, value):
            return value
        suggestion = slug(value)
        hint = (f"; did you mean '{suggestion}'?" if suggestion
                else f", e.g. '{self.example}'")
        source.problem(path, f"{_shown(value)} is not a {self.noun}: use lowercase letters, "
                             f"digits and '-'{hint}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": f"^{ID}$"}
        if self.reserved:
            schema["not"] = {"enum": list(self.reserved)}
        return schema

    def describe(self) -> str:
        return f"{self.noun} (lowercase letters, digits and `-`)"


@dataclass(frozen=True)
class Link(Text):
    """A path relative to some folder, or an https:// URL; no other scheme."""

    relative_to: str = ""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        text = super().check(value, path, source)
        if text is INVALID:
            return INVALID
        scheme = url_scheme(text)  # as a browser reads it: "\x01javascript:" is javascript:
        if scheme and not (scheme == "https" and text.lower().startswith("https://")):
            source.problem(path, f"the URL scheme '{scheme}:' is not allowed; "
                                 f"use an https:// URL or a path relative to {self.relative_to}")
            return INVALID
        return text

    def json_schema(self) -> dict[str, Any]:
        # no scheme at all (a relative path), or https:// in any case
        return {"type": "string", "pattern": "^(?![a-zA-Z][a-zA-Z0-9+.-]*:)|^[hH][tT][tT][pP][sS]://"}

    def describe(self) -> str:
        return f"path relative to {self.relative_to}, or `https://` URL"


@dataclass(frozen=True)
class WebUrl(Text):
    """An ``https://`` URL and nothing else: a ticket or a study lives on another site."""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        text = super().check(value, path, source)
        if text is INVALID:
            return INVALID
        scheme = url_scheme(text)  # as a browser reads it, as for Link
        if scheme != "https" or not text.lower().startswith("https://"):
            source.problem(path, f"must be an https:// URL, got {_shown(text)}")
            return INVALID
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[hH][tT][tT][pP][sS]://"}

    def describe(self) -> str:
        return "`https://` URL"


@dataclass(frozen=True)
class Number(FieldType):
    """An integer or a decimal number; true/false is not one, though Python says so."""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value)):
            source.problem(path, f"must be a number, got {_shown(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number"}

    def describe(self) -> str:
        return "number"


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        low, high = self.minimum, self.maximum
        bounded = f" from {low} to {high}" if low is not None and high is not None else ""
        if isinstance(value, bool) or not isinstance(value, int):
            source.problem(path, f"must be an integer{bounded}, got {_shown(value)}")
            return INVALID
        if (low is not None and value < low) or (high is not None and value > high):
            source.problem(path, f"must be an integer{bounded}, got {value}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema

    def describe(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"integer {self.minimum} to {self.maximum}"
        return "integer"


@dataclass(frozen=True)
class Date(FieldType):
    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d?-\d\d?", value.strip()):
            try:  # a quoted date is still a date
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                source.problem(path, f"{value!r} is not a real date; check the month and day")
                return INVALID
        source.problem(path, f"must be a date YYYY-MM-DD, got {_shown(value)}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def describe(self) -> str:
        return "date `YYYY-MM-DD`"


@dataclass(frozen=True)
class Choice(FieldType):
    choices: tuple[str, ...]

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if value in self.choices:
            return value
        allowed = " or ".join(f"'{c}'" for c in self.choices)
        hint = did_you_mean(value, list(self.choices)) if isinstance(value, str) else ""
        source.problem(path, f"must be {allowed}, got {_shown(value)}{hint}")
        return INVALID

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def describe(self) -> str:
        return " or ".join(f"`{c}`" for c in self.choices)


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if not isinstance(value, list):
            source.problem(path, f"must be a list (one '- item' a line), got "
                                 f"{type_name(value)} {_shown(value)}")
            return INVALID
        if len(value) < self.min_items:
            source.problem(path, f"needs at least {self.min_items} item(s)")
        cleaned = (self.item.check(item, (*path, i), source) for i, item in enumerate(value))
        return [item for item in cleaned if item is not INVALID]

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema

    def describe(self) -> str:
        inner = self.item.describe()
        return f"list of {inner}s" if " " not in inner else f"list of: {inner}"


@dataclass(frozen=True)
class OneOrMany(ListOf):
    """A single item or a list of them; always a list once checked."""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if isinstance(value, list):
            return super().check(value, path, source)
        item = self.item.check(value, path, source)
        return [] if item is INVALID else [item]

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.item.json_schema(), super().json_schema()]}

    def describe(self) -> str:
        inner = self.item.describe()
        return f"{inner} or list of {inner}s"


@dataclass(frozen=True)
class Metrics(FieldType):
    """Metric name to a number or a string such as ``"12%"``."""

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if not isinstance(value, dict):
            source.problem(path, f"must be a mapping of metric name to value "
                                 f"(e.g. 'nps: 21'), got {type_name(value)}")
            return INVALID
        cleaned: dict[str, int | float | str] = {}
        for name, metric in value.items():
            Text().check(name, (*path, name), source)  # a name is text too: no unsafe links
            if isinstance(metric, str):
                cleaned[name] = Text().check(metric, (*path, name), source)
            elif isinstance(metric, bool) or not isinstance(metric, (int, float)):
                source.problem((*path, name), f"must be a number or text, got "
                                              f"{type_name(metric)}")
            else:
                cleaned[name] = metric
        return cleaned

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": ["number", "string"]}}

    def describe(self) -> str:
        return "mapping of name to number or string"


@dataclass(frozen=True)
class TextMapping(FieldType):
    """A mapping of short codes (language codes) to text, e.g. ``{pl: Zakup}``."""

    key_noun: str = "language code"

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if not isinstance(value, dict):
            source.problem(path, f"must be a mapping of {self.key_noun} to text "
                                 f"(e.g. 'pl: Zakup'), got {type_name(value)}")
            return INVALID
        cleaned: dict[str, str] = {}
        for key, text in value.items():
            checked = Text().check(text, (*path, key), source)
            if checked is not INVALID:
                cleaned[str(key).strip()] = checked
        return cleaned

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": "string"}}

    def describe(self) -> str:
        return f"mapping of {self.key_noun} to string"


@dataclass(frozen=True)
class Spec:
    """How one data-class field appears in front matter."""

    type: FieldType
    required: bool
    doc: str


def spec(ftype: FieldType, doc: str = "", *, required: bool = False) -> Any:
    """Declare a data-class field as a front-matter key."""
    meta = {_META: Spec(ftype, required, doc)}
    if isinstance(ftype, ListOf):
        return dataclasses.field(default_factory=list, metadata=meta)
    if isinstance(ftype, (Metrics, TextMapping)):
        return dataclasses.field(default_factory=dict, metadata=meta)
    return dataclasses.field(default=None, metadata=meta)


@functools.cache  # asked once per record checked: thousands of times a build
def specs(cls: type) -> dict[str, Spec]:
    """The front-matter keys a data class declares, in declaration order."""
    return {f.name: f.metadata[_META] for f in dataclasses.fields(cls) if _META in f.metadata}


@dataclass(frozen=True)
class Record(FieldType):
    """A mapping whose keys are the spec'd fields of a model data class."""

    cls: type
    noun: str
    #: a plain string stands for ``{shorthand: string}`` when set
    shorthand: str | None = None

    def fields(self) -> dict[str, Spec]:
        return specs(self.cls)

    def check(self, value: Any, path: FieldPath, source: Source) -> Any:
        if self.shorthand and isinstance(value, str):
            value = {self.shorthand: value}
        if not isinstance(value, dict):
            expected = "text or a mapping" if self.shorthand else "a mapping ('key: value' lines)"
            source.problem(path, f"each {self.noun} must be {expected}, got "
                                 f"{type_name(value)} {_shown(value)}")
            return INVALID
        fields = self.fields()
        misspelt = self._unknown_keys(value, path, source)
        values = {}
        for name, field_spec in fields.items():
            given = value.get(name)
            if isinstance(given, str) and not given.strip():
                given = None
            if given is None:
                if field_spec.required and name not in misspelt:
                    source.problem((*path, name), f"required field '{name}' is missing"
                                                  f"{'' if name not in value else ' (empty)'}",
                                   key=name in value)
                continue
            cleaned = field_spec.type.check(given, (*path, name), source)
            if cleaned is not INVALID:
                values[name] = cleaned
        return self.cls(**values)

    def _unknown_keys(self, value: dict[str, Any], path: FieldPath, source: Source) -> set[str]:
        """Report keys the record does not know; return the known keys they resemble."""
        fields = list(self.fields())
        resembled = set()
        for key in value:
            if key in fields:
                continue
            close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.6)
            known = "; known keys: " + ", ".join(fields)
            hint = f"; did you mean '{close[0]}'?" if close else known
            source.problem((*path, key), f"unknown key '{key}'{hint}", key=True)
            resembled.update(close)
        return resembled

    def json_schema(self) -> dict[str, Any]:
        fields = self.fields()
        obj: dict[str, Any] = {
            "type": "object",
            "properties": {name: _property(s) for name, s in fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, s in fields.items() if s.required]
        if required:
            obj["required"] = required
        if self.shorthand:
            return {"anyOf": [{"type": "string"}, obj]}
        return obj

    def describe(self) -> str:
        if self.shorthand:
            return "string or `{" + ", ".join(self.fields()) + "}`"
        return self.noun


def _property(field_spec: Spec) -> dict[str, Any]:
    """The JSON Schema of one key, as lenient and as strict as :meth:`Record.check`.

    The validator treats a key without a value (``owner:``) as absent, so an
    optional key may be null; a required text must not be blank.
    """
    schema = field_spec.type.json_schema()
    if not field_spec.required:
        schema = _nullable(schema)
    elif schema.get("type") == "string" and "pattern" not in schema:
        schema["pattern"] = r"\S"
    if field_spec.doc:  # the guide's in-page links mean nothing in an editor
        schema["description"] = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", field_spec.doc)
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def records(root: Record) -> list[Record]:
    """``root`` and every record nested in it (through lists), depth first, each once."""
    found = [root]
    for field_spec in root.fields().values():
        inner = field_spec.type
        while isinstance(inner, ListOf):
            inner = inner.item
        if isinstance(inner, Record):
            found += [r for r in records(inner) if r not in found]
    return found
