"""Problems found in an author's file, in the contract's one-line format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: A field path as a tuple of keys and list indexes, e.g. ("stages", 1, "name").
FieldPath = tuple[str | int, ...]

#: Field path used for problems about the whole file (empty, not UTF-8, ...).
WHOLE_FILE = "front matter"


def format_path(path: FieldPath) -> str:
    """Render ("stages", 1, "touchpoints", 0) as ``stages[1].touchpoints[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or WHOLE_FILE


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, pinned to a line and a field path."""

    file: str  # relative to the repository root, with forward slashes
    line: int
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file order, then line order: the order an author fixes them."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.path, p.message))
