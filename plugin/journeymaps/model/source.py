"""An author's file as the validator sees it: front-matter values, body, the line of every
value, and the problems found so far.

``load.frontmatter`` fills it from the file; the field vocabulary (``fields``) reports
what is wrong with a value at the value's line through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .problem import WHOLE_FILE, FieldPath, Problem, Severity, format_path


@dataclass(slots=True)
class Source:
    """An author's file read into front matter values, body and line numbers."""

    file: str  # relative to the repository root
    data: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    #: line of each value, by field path
    lines: dict[FieldPath, int] = field(default_factory=dict)
    #: line of each mapping key, by field path
    key_lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def compact(self, keep: Callable[[FieldPath], bool]) -> None:
        """Forget what only validation needed: the raw values and the lines of paths
        no later check points at. With thousands of maps that is most of their memory."""
        self.data = None
        self.lines = {path: line for path, line in self.lines.items() if keep(path)}
        self.key_lines = {path: line for path, line in self.key_lines.items() if keep(path)}

    def line_of(self, path: FieldPath, *, key: bool = False) -> int:
        """The line of a value (or its key); falls back to the nearest parent."""
        table = self.key_lines if key else self.lines
        while path:
            if path in table:
                return table[path]
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def make_problem(self, path: FieldPath, message: str, *, key: bool = False,
                     severity: Severity = "error") -> Problem:
        """A problem at ``path`` in this file, not yet recorded."""
        return Problem(self.file, self.line_of(path, key=key), format_path(path),
                       message, severity)

    def problem(self, path: FieldPath, message: str, *, key: bool = False,
                severity: Severity = "error") -> None:
        self.problems.append(self.make_problem(path, message, key=key, severity=severity))

    def file_problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, WHOLE_FILE, message))
