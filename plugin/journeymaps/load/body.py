"""Checks of the Markdown body of a map or persona: what its page would not show as written.

The plugin rebuilds the body's HTML from an allowlist (``sanitize``); these
checks tell the author, at the line, what that removes or shows as text: raw
HTML tags and attributes outside the allowlist, links with a scheme other than
http(s) or mailto, attribute lists that add such attributes, snippet includes.
Code (fenced blocks, code spans) is left out: Markdown shows it as written.
"""

from __future__ import annotations

import re

from ..model.problem import Problem
from ..model.source import Source
from ..safety import sanitize
from ..safety.standalone import ATTRIBUTE_LIST, ATTRIBUTE_NAME
from ..safety.text import is_safe_url, link_targets

BODY = "body"
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# pymdownx.snippets' include line: it would put another file of the machine into the page.
_SNIPPET = re.compile(r"^\s*;*-+8<-+")
_ALLOWED_ATTRIBUTES = sanitize.GLOBAL_ATTRIBUTES.union(*sanitize.ATTRIBUTES.values())


def check_body(source: Source) -> None:
    """Add a problem to ``source`` for everything its body's page would not show as written."""
    if not source.body.strip():
        return
    text = _without_code(source.body)
    found = [(line, message) for line, message in sanitize.findings(text)]
    for number, line in enumerate(text.split("\n"), start=1):
        found += [(number, f"the link to '{target}' is not allowed: use http(s):// or mailto:")
                  for target in link_targets(line, markdown_only=True)
                  if not is_safe_url(target)]
        found += [(number, f"the attribute '{name}' in '{attributes.group(0)}' is not allowed")
                  for attributes in ATTRIBUTE_LIST.finditer(line)
                  for name in ATTRIBUTE_NAME.findall(attributes.group(1))
                  if name not in _ALLOWED_ATTRIBUTES]
        if _SNIPPET.match(line):
            found.append((number, "snippet includes ('--8<--') are not allowed in a map"))
    source.problems += [Problem(source.file, source.body_line + line - 1, BODY, message)
                        for line, message in found]


def _without_code(body: str) -> str:
    """``body`` with fenced code blocks and code spans blanked out, lines kept."""
    lines = body.split("\n")
    opened: tuple[int, str] | None = None
    for number, line in enumerate(lines):
        fence = _FENCE.match(line)
        if opened is None and fence:
            opened = (number, fence.group(1))
        elif opened and fence and fence.group(1).startswith(opened[1]):
            for inside in range(opened[0], number + 1):  # only a closed fence is code
                lines[inside] = ""
            opened = None
    return "\n".join(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) for line in lines)
