"""Reading an author's file: front matter as plain values, each with its line.

PyYAML's own constructors lose line numbers and silently keep the last of two
duplicate keys, so we compose the node tree (with the C parser when present)
and build the values ourselves, remembering where each one stood.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import yaml

from ..model.problem import FieldPath, Problem, format_path
from ..model.source import Source

#: YAML's implicit types (bool, int, float, null, timestamp...) by a plain scalar's first
#: character; PyYAML's safe loader has no resolver that applies to any character.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
assert None not in _IMPLICIT


def implicit_tag(text: str) -> str | None:
    """The tag YAML gives ``text`` written as a plain scalar (``yes`` is a bool,
    ``2024-01-02`` a date); None where it stays text."""
    for tag, regexp in _IMPLICIT.get(text[:1], ()):
        if regexp.match(text):
            return tag
    return None


class _QuickResolver(yaml.resolver.Resolver):
    """PyYAML's resolver, minus the work it does for path resolvers, which the safe
    loader has none of: it is called for every node, half a million per 1,000 maps."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: a number, a date, null... or text
                return implicit_tag(value) or self.DEFAULT_SCALAR_TAG
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


assert not _QuickResolver.yaml_path_resolvers

if yaml.__with_libyaml__:  # the C parser is several times faster
    class _Loader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _QuickResolver):
        """CSafeLoader with the quicker resolver (the tests load whole files with it)."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _QuickResolver.__init__(self)

    class _DeepLoader(yaml.composer.Composer, _QuickResolver, yaml.cyaml.CParser):
        """The C parser with PyYAML's Python composer, which stops at Python's recursion
        limit; the C composer recurses in C, and deep enough nesting crashes the process."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            _QuickResolver.__init__(self)
else:  # pragma: no cover - depends on how PyYAML was built
    _Loader = _DeepLoader = yaml.SafeLoader

#: A file larger than this is refused before parsing: no map is anywhere near it.
MAX_FILE_BYTES = 1_000_000
#: Values a front matter may expand to; guards against YAML alias bombs.
MAX_VALUES = 100_000
#: Nesting depth; maps need 4, the rest is room for mistakes, not for attacks.
MAX_DEPTH = 40
TOO_DEEP = f"the front matter is nested more than {MAX_DEPTH} levels deep; refused"
#: Front matter that may nest deeper than this goes to the Python composer (see _DeepLoader);
#: 10,000 levels are known to fit the C stack of a main thread, this leaves room for threads.
C_COMPOSER_MAX_NESTING = 500
#: Tags a map may use: YAML's plain types. Others (!!python/..., !custom) are refused.
_TAGS = {f"tag:yaml.org,2002:{name}" for name in
         ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")}
#: Line breaks to YAML but not to an editor; where present, lines are counted by hand.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")

# Only the scalar constructors are used, called directly: construct_object()
# would cache every node it sees for the life of the process.
_scalar_constructor = yaml.SafeLoader("")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


def read_source(path: Path, display: str) -> Source:
    """Read ``path`` (shown to authors as ``display``) into a Source; never raises."""
    source = Source(display)
    text = _read_text(path, source, "; split it into several maps")
    if text is not None:
        parse_text(text, source)
    return source


def read_yaml(path: Path, display: str) -> Source:
    """Read a whole YAML file (``maps/metrics.yml``...) into a Source, as front matter is
    read: the same limits, lines and problems; never raises."""
    source = Source(display)
    text = _read_text(path, source, "")
    if text is not None and not text.strip():
        source.file_problem(1, "the file is empty")
    elif text is not None:
        _parse_yaml(text.removeprefix("\ufeff"), source, first_line=1, what="the file")
    return source


def _read_text(path: Path, source: Source, too_big_hint: str) -> str | None:
    """The file's text, or None after telling ``source`` why not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        source.file_problem(1, f"cannot read the file: {error.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        source.file_problem(
            1, f"the file has {len(raw):,} bytes, more than the limit of "
               f"{MAX_FILE_BYTES:,}{too_big_hint}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        source.file_problem(*not_utf8(raw, error, "save the file as UTF-8"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def not_utf8(raw: bytes, error: UnicodeDecodeError, hint: str) -> tuple[int, str]:
    """The line and message of a file that is not UTF-8."""
    line = raw[: error.start].count(b"\n") + 1
    return line, (f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
                  f"{hint}")


def parse_text(text: str, source: Source) -> None:
    """Split front matter from body and parse it into ``source``."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        source.file_problem(1, "the file is empty; start it with front matter "
                               "between two '---' lines")
        return
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        source.file_problem(1, "no front matter: the first line must be '---', "
                               "followed by the YAML fields and another '---'")
        return
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        source.file_problem(1, "the front matter is not closed: add a line '---' "
                               "after the last field")
        return
    source.body = "\n".join(lines[end + 1:])
    source.body_line = end + 2
    _parse_yaml("\n".join(lines[1:end]), source, first_line=2)


def _parse_yaml(text: str, source: Source, first_line: int,
                what: str = "the front matter") -> None:
    lines = _Lines(text, first_line)
    loader = _Loader if _nesting_bound(text) <= C_COMPOSER_MAX_NESTING else _DeepLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError) as error:
        source.file_problem(*_refusal(error, text, lines))
        return
    if node is None:
        source.file_problem(max(first_line - 1, 1), f"{what} is empty")
        return
    if not isinstance(node, yaml.MappingNode):
        source.file_problem(lines.at(node.start_mark),
                            f"{what} must be a mapping of 'key: value' lines")
        return
    builder = _Builder(source, lines)
    try:
        source.data = builder.build(node, ())
    except _TooBig as error:
        source.file_problem(error.line, str(error))


def _refusal(error: yaml.YAMLError | RecursionError, text: str,
             lines: _Lines) -> tuple[int, str]:
    """The line and message of front matter that could not be composed.

    Too deep a nesting is told by counting, not by the error: deep enough, PyYAML
    stops at Python's recursion limit, or (6.0.4 and newer, with libyaml 0.2.6) at
    libyaml's own nesting limit, each with its own words, or with none.
    """
    deep = _too_deep_at(text, lines)
    if deep is not None:
        return deep, TOO_DEEP
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = lines.at(mark) if mark else lines.first_line
        rows = text.split("\n")  # the error may point past the last line
        row = line - lines.first_line
        offending = rows[row] if row < len(rows) else ""
        return line, yaml_message(error, offending, mark.column if mark else 0)
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        return (lines.at_index(error.position),
                f"the character U+{error.character:04X} is not allowed in YAML (a control "
                "character?); remove it or write it as an escape in double quotes")
    if isinstance(error, RecursionError):  # deep, though the pure-Python parser stopped first
        return lines.first_line, TOO_DEEP
    return lines.first_line, f"YAML error: {error}"


def _too_deep_at(text: str, lines: _Lines) -> int | None:
    """The line of the first value nested more than MAX_DEPTH levels deep in ``text``
    (the builder's measure), None when there is none before the first syntax error.

    Counted on PyYAML's pure-Python parser: it keeps its state in lists, not on the
    stack, has no nesting limit of its own, and stops reading at the first value too deep.
    """
    depth = 0  # collections open around the next value
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                return lines.at(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
    except yaml.YAMLError:
        pass
    return None


def _nesting_bound(text: str) -> int:
    """An upper bound of how deep YAML ``text`` can nest, in linear time: nested block
    collections start at columns that never decrease and grow at least every other
    level; every flow collection opens with a bracket."""
    longest = max(map(len, text.split("\n")))
    return 2 * (longest + 1) + text.count("[") + text.count("{") + 1


class _Lines:
    """Line numbers of positions in the front matter, counted as an editor counts them."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.starts: list[int] | None = None
        if any(brk in text for brk in _OTHER_BREAKS):  # YAML would count more lines
            self.starts = [i for i, char in enumerate(text) if char == "\n"]

    def at(self, mark: yaml.Mark) -> int:
        return self.first_line + mark.line if self.starts is None else self.at_index(mark.index)

    def at_index(self, index: int) -> int:
        if self.starts is None:
            return self.first_line + self.text.count("\n", 0, index)
        return self.first_line + bisect.bisect_left(self.starts, index)


#: A line whose plain (unquoted) value holds another ': ', as in ``goal: Find: a plan``
_COLON_IN_VALUE = re.compile(r"^[ \t]*(?:- +)*[^\s'\"#{\[][^:#]*: +[^\s'\"{\[|>&*!][^#]*?:(?: |$)")


def yaml_message(error: yaml.MarkedYAMLError, line: str, column: int) -> str:
    """PyYAML's description of a syntax error, with a hint where the line shows the
    usual cause: the hints are read off the line, never off PyYAML's wording, which
    differs between its C and Python parsers and may change in any release."""
    problem = error.problem or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context})"
    if "\t" in line[: len(line) - len(line.lstrip())] or line[column:column + 1] == "\t":
        message += "; indent with spaces, not tabs"
    elif _COLON_IN_VALUE.match(line):
        message += "; put text containing ': ' in quotes"
    return message


class _TooBig(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _Builder:
    """Turns YAML nodes into plain values, recording lines and duplicate keys."""

    def __init__(self, source: Source, lines: _Lines) -> None:
        self.source = source
        self.lines = lines
        self.count = 0
        self.open: set[int] = set()  # collections being built: an alias to one is a loop

    def line(self, node: yaml.Node) -> int:
        return self.lines.at(node.start_mark)

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooBig(self.line(node), f"the front matter expands to more than "
                                           f"{MAX_VALUES:,} values (YAML aliases?); refused")
        if len(path) > MAX_DEPTH:
            raise _TooBig(self.line(node), TOO_DEEP)
        if path not in self.source.lines:  # called for every value: no more than needed
            self.source.lines[path] = self.line(node)
        if node.tag == _STR_TAG:  # most values: text
            return node.value
        if node.tag not in _TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.source.problem(path, f"the YAML tag '{tag}' is not supported: maps hold "
                                      "plain text, numbers, dates, lists and mappings; remove it")
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.open:
            raise _TooBig(self.line(node), "a YAML alias refers to a value that contains "
                                           "it (an endless loop); refused")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.append(value_node)
                continue
            key = self.key(key_node, path)
            if key is None:
                continue
            child = (*path, key)
            if key in result:
                self.source.problems.append(Problem(
                    self.source.file, self.line(key_node), format_path(child),
                    f"duplicate key '{key}' (first at line {self.source.key_lines[child]}); "
                    "only one can be kept: merge the two or remove one"))
                continue
            self.source.key_lines[child] = self.line(key_node)
            result[key] = self.build(value_node, child)
        for value_node in merged:  # '<<: *defaults' fills keys not given explicitly
            sequence = isinstance(value_node, yaml.SequenceNode)
            for extra in value_node.value if sequence else [value_node]:
                base = self.build(extra, path)
                if isinstance(base, dict):
                    for key, value in base.items():
                        result.setdefault(key, value)
        return result

    def key(self, node: yaml.Node, path: FieldPath) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float, bool)) or value is None:
                return str(node.value)
        self.source.problems.append(Problem(
            self.source.file, self.line(node), format_path(path),
            "keys must be plain names, not lists or mappings"))
        return None


def _scalar(node: yaml.Node) -> Any:
    """A scalar's value as PyYAML's safe loader would give it.

    A value PyYAML cannot construct (an impossible date like 2024-02-30) stays
    the text the author wrote, so the validator can say what is wrong with it.
    """
    if node.tag == _STR_TAG:  # most values: skip the constructor lookup
        return node.value
    construct = _scalar_constructor.yaml_constructors.get(node.tag)
    if construct is None:  # an explicit tag such as !!python/name: stays text
        return node.value
    try:
        return construct(_scalar_constructor, node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError):
        return node.value
