"""Problems printed for people, for GitHub Actions and for other tools.

``text`` is the contract's ``file:line: field path: message``; ``github``
turns each problem into a workflow command, so GitHub pins it to the line in
the pull request's diff; ``json`` is a list of ``Problem.to_dict()``.
"""

from __future__ import annotations

import json

from ..model.problem import Problem

FORMATS = ("text", "github", "json")


def format_problems(problems: list[Problem], style: str, *, path_prefix: str = "") -> str:
    """Every problem in ``style``; ``path_prefix`` leads file paths to the git root."""
    if style == "json":
        return json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(github_annotation(p, path_prefix) for p in problems)
    return "\n".join(text_line(p) for p in problems)


def text_line(problem: Problem) -> str:
    """The contract's line; a warning says so in front of its message."""
    if problem.severity == "warning":
        return f"{problem.file}:{problem.line}: {problem.path}: warning: {problem.message}"
    return str(problem)


def github_annotation(problem: Problem, path_prefix: str = "") -> str:
    """``::error file=F,line=L::path: message`` (or ``::warning``), escaped as GitHub asks."""
    file = _property(path_prefix + problem.file)
    message = _data(f"{problem.path}: {problem.message}")
    return f"::{problem.severity} file={file},line={problem.line}::{message}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
