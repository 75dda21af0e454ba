"""An author's Markdown body made safe before any engine reads it.

Inside MkDocs the plugin cleans each generated page's HTML (``sanitize.clean_page``)
after Markdown has rendered it. Another engine (Zensical, ProperDocs without the
plugin, any Markdown site generator fed by ``journeymaps generate``) renders the
generated Markdown as it stands, with raw HTML allowed: so for those, the body
that follows ``sanitize.BODY_MARKER`` is cleaned as Markdown, before it is
written. Nothing is rendered; the body stays Markdown, and only what could run
changes, conservatively:

- raw HTML (tags, comments, declarations, processing instructions, CDATA) is
  read where it stands, *also inside code*: a fence or code span that one engine
  reads as code another may read as part of an HTML block. A tag of the
  allowlist is written anew with its allowed attributes only (values re-quoted,
  URLs as ``sanitize.attribute_problem`` allows); any other tag is removed,
  ``script`` and ``style`` with their content; a ``<`` that starts no complete
  tag becomes ``&lt;``. Removing a tag can join its neighbours into a new one, so
  the pass repeats until nothing changes.
- autolinks ``<scheme:...>`` keep their angle brackets only with a safe scheme.
- Markdown links and reference definitions with an unsafe target stop being
  link syntax (``]\u200b(``, ``]&#58;``, as ``text.inline`` disarms a field).
- attribute lists ``{: ... }`` that set anything but the global attributes,
  and snippet includes (``--8<--``), become text.

The price, documented in the guide: code samples in a body lose the tags that
are not allowed (the MkDocs build shows them, escaped, as written).
"""

from __future__ import annotations

import html
import re

from .sanitize import BODY_MARKER, GLOBAL_ATTRIBUTES, TAGS, attribute_problem
from .text import is_safe_url

#: Elements removed with their content, as nh3 removes them.
_DROPPED_WITH_CONTENT = ("script", "style")
_NAME = r"[A-Za-z][A-Za-z0-9:-]*"
_ATTRIBUTES = r"""(?:"[^"]*"|'[^']*'|[^'">])*"""
_RAW_HTML = re.compile(
    r"(?P<dropped><(?P<drop_name>script|style)\b" + _ATTRIBUTES
    + r">.*?(?:</(?P=drop_name)\s*>|\Z))"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<other><!\[CDATA\[.*?(?:\]\]>|\Z)|<![A-Za-z][^>]*>|<\?.*?(?:\?>|\Z))"
    r"|<(?P<autolink>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
    r"|(?P<email><[^\s<>@\"'/]+@[^\s<>@\"']+>)"
    r"|</(?P<closing>" + _NAME + r")\s*>"
    r"|<(?P<opening>" + _NAME + r")(?P<attributes>" + _ATTRIBUTES + r")>"
    r"|(?P<stray><)(?=[A-Za-z/!?])",
    re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
#: Markdown link targets: ``](target`` and ``[label]: target`` (lookaheads: a target
#: inside a target is found too, as ``text.link_targets`` finds it).
_INLINE_TARGET = re.compile(r"(?=\]\(\s*<?([^)]*))")
_REFERENCE_TARGET = re.compile(r"(?=\]:\s*<?([^\s>]+))")
#: An attr_list ``{: key=value }`` (Python-Markdown's own pattern, less strict), and the
#: names it sets (``load.body`` reports them to the author with the same patterns).
ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n]*)\}")
ATTRIBUTE_NAME = re.compile(r"([^\s=}]+)=")
_SNIPPET = re.compile(r"^(\s*;*-+8)<(-+)", re.MULTILINE)
#: More passes than this and the body is made all text (a body built to never settle).
_MAX_PASSES = 20


def clean_page(markdown: str) -> str:
    """A generated page's Markdown with the author's body (after ``BODY_MARKER``)
    cleaned; what comes before it is the writer's, escaped field by field."""
    head, marker, body = markdown.partition(BODY_MARKER)
    return head + marker + clean_body(body) if marker else markdown


def clean_body(body: str) -> str:
    """An author's Markdown body with nothing left that could run in a browser."""
    for _ in range(_MAX_PASSES):
        cleaned = _disarm_markdown(_RAW_HTML.sub(_replace, body))
        if cleaned == body:
            return cleaned
        body = cleaned
    return html.escape(body, quote=False)


def _replace(match: re.Match[str]) -> str:
    if match.group("autolink") is not None:
        target = match.group("autolink")
        return match.group(0) if is_safe_url(target) else html.escape(target, quote=False)
    if match.group("email") is not None:
        return match.group(0)
    if match.group("stray") is not None:
        return "&lt;"
    if match.group("closing") is not None:
        name = match.group("closing").lower()
        return f"</{name}>" if name in TAGS else ""
    if match.group("opening") is not None:
        return _tag(match.group("opening").lower(), match.group("attributes"))
    return ""  # script, style, comments, declarations, processing instructions


def _tag(name: str, attributes: str) -> str:
    """An allowed tag written anew with its allowed attributes, or nothing."""
    if name not in TAGS:
        return ""
    kept = []
    for attribute, raw in _ATTRIBUTE.findall(attributes):
        attribute = attribute.lower()
        value = html.unescape(raw[1:-1] if raw[:1] in "\"'" and raw else raw) if raw else None
        if attribute_problem(name, attribute, value) is None:
            kept.append(f' {attribute}="{html.escape(value or "", quote=True)}"')
    closed = " /" if attributes.rstrip().endswith("/") else ""
    return f"<{name}{''.join(kept)}{closed}>"


def _disarm_markdown(body: str) -> str:
    """Markdown's own ways to a script: unsafe link targets, attribute lists, snippets."""
    body = _disarm_targets(body, _INLINE_TARGET, "](", "]\u200b(")
    body = _disarm_targets(body, _REFERENCE_TARGET, "]:", "]&#58;")
    body = ATTRIBUTE_LIST.sub(_attribute_list, body)
    return _SNIPPET.sub(r"\1&lt;\2", body)


def _disarm_targets(body: str, pattern: re.Pattern[str], syntax: str, inert: str) -> str:
    starts = [m.start() for m in pattern.finditer(body) if not is_safe_url(m.group(1))]
    for start in reversed(starts):
        body = body[:start] + inert + body[start + len(syntax):]
    return body


def _attribute_list(match: re.Match[str]) -> str:
    names = ATTRIBUTE_NAME.findall(match.group(1))
    if all(name.lower() in GLOBAL_ATTRIBUTES for name in names):
        return match.group(0)
    return "&#123;" + match.group(0)[1:]
