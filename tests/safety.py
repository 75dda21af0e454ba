"""Test helpers: render generated Markdown as the site does, and an oracle for unsafe HTML.

The oracle is written independently of ``journeymaps.sanitize``: it looks for
what would run in a browser, not for what the allowlist allows.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from pymdownx.superfences import fence_code_format

# The site's Markdown extensions (mkdocs.yml and the plugin's required ones).
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc", "pymdownx.superfences"]
EXTENSION_CONFIGS = {
    "toc": {"permalink": True},
    "pymdownx.superfences": {"custom_fences": [
        {"name": "mermaid", "class": "mermaid", "format": fence_code_format}]},
}
RUNNABLE_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                 "form", "input", "button", "textarea", "select", "svg", "math", "link", "meta",
                 "base", "template", "noscript", "xmp", "plaintext", "title", "video", "audio"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "xlink:href",
                  "data", "srcset", "ping", "cite"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render(text: str) -> str:
    """Markdown to HTML with the site's extensions (front matter left out, as MkDocs does)."""
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 3) + 5:]
    return markdown.Markdown(extensions=EXTENSIONS,
                             extension_configs=EXTENSION_CONFIGS).convert(text)


class _Oracle(HTMLParser):
    def __init__(self, allowed: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []
        self.allowed = allowed

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in RUNNABLE_TAGS and tag not in self.allowed:
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            if name == "style" and re.fullmatch(r"\s*text-align:\s*\w+;?\s*", value or ""):
                continue  # Markdown's own table alignment
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.unsafe.append(f"<{tag} {name}=...>")
            elif name in URL_ATTRIBUTES and value:
                # the URL standard: C0 controls and spaces stripped at both ends,
                # tabs and newlines removed everywhere
                url = re.sub(r"[\t\n\r]", "", html.unescape(value))
                url = url.strip("".join(map(chr, range(0x21)))).lower()
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
                if scheme and scheme.group(1) not in ALLOWED_SCHEMES:
                    self.unsafe.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


#: The report pages draw emotion curves as inline SVG of our own (texts escaped).
OUR_SVG = frozenset({"svg", "title"})


def unsafe_html(markup: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Tags, attributes and URLs in ``markup`` that could run something in a browser;
    ``allowed`` tags are markup the page itself writes (never the author)."""
    oracle = _Oracle(allowed)
    oracle.feed(markup)
    oracle.close()
    return oracle.unsafe


def unsafe_in_site(site: Path) -> dict[str, list[str]]:
    """Every page of a built site with what could run in it, beyond the theme's own
    scripts and the plugin's Mermaid loader (exactly as ``mermaid_assets`` writes it)."""
    from journeymaps.mkdocs import mermaid_assets

    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        url = path.relative_to(site).parent.as_posix()
        problems = []
        start, end = page.find("<article"), page.find("</article>")
        outside = page
        if start != -1:
            # the article is read by the HTML parser (unsafe_html), which knows an attribute's
            # value (an SVG's aria-label naming an author's title) from an attribute
            outside = page[:start] + page[end:]
            article = page[start:end]
            loader = mermaid_assets.loader(
                _relative(mermaid_assets.SITE_PATH, f"{url}/" if url != "." else ""))
            problems += unsafe_html(article.replace(loader, ""), OUR_SVG)
        # outside the article: the theme prints titles in <title>, the header, the nav
        problems += re.findall(r"<[a-z][^>]*\son\w+\s*=[^>]*>", outside)
        problems += re.findall(r"<script>\s*alert", page)
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    return found


def _relative(target: str, page_url: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url)
