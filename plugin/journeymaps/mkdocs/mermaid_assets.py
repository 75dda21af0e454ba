"""Where the site's Mermaid comes from, and the script that loads it on diagram pages.

Material for MkDocs draws ``<pre class="mermaid">`` blocks with the global
``mermaid`` object and, when the page has none, fetches Mermaid from a public
CDN: behind a closed network the diagrams stay text, and an open one tells an
outside server which pages are read. So every page with a diagram gets a small
inline script (:func:`with_loader`) that defines ``mermaid`` before Material
looks for it: a stand-in that loads the real Mermaid from the site (or from
the address the site chose) the first time a diagram is drawn. Pages without
a diagram get nothing.

The stand-in also drops the fixed height Mermaid gives a journey: scaled
down to the page's width, a wide journey sat above a tall empty band. And it
gives the journey a smallest width (``LEGIBLE_SCALE`` of Mermaid's own), so
that a long journey scrolls sideways in its box rather than shrink to
unreadable labels.
(Mermaid's task width and margin options are not used: it lays out stage
bands with its defaults whatever they say, and the bands would overlap.)

The loader is inline on purpose. Material's instant navigation re-runs the
scripts of the new page's content synchronously but does not wait for
external ones, so only an inline script defines ``mermaid`` in time when a
reader goes from a page without a diagram to one with a diagram. The stand-in
also keeps the first Mermaid it gets, so Mermaid runs once per visit and keeps
the configuration (Material's palette-aware theme) it was initialised with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

BUNDLED = "bundled"  # the copy from the npm registry, served by the site itself
CDN = "cdn"  # Material's own behaviour: a public CDN
#: where the bundled copy lands in the built site
SITE_PATH = "assets/journeymaps/mermaid.min.js"
#: inside the Python package, when it is installed from a wheel
PACKAGE_FILE = Path(__file__).resolve().parent / "assets" / "mermaid.min.js"
#: inside a folder where `npm ci` ran (package.json pins the version)
NODE_MODULES_FILE = Path("node_modules/mermaid/dist/mermaid.min.js")
#: the source checkout this module lives in, for editable installs
CHECKOUT = Path(__file__).resolve().parents[3]

MISSING = (
    "mermaid: no bundled Mermaid found (looked in the journeymaps package and in "
    "node_modules/mermaid/dist/); diagrams will not draw. Run `npm ci` next to "
    "package.json (`make site` does), or set the plugin option `mermaid` to `cdn` or "
    "to the address of a mermaid.min.js"
)

_DIAGRAM = re.compile(r"<(?:pre|div)\b[^>]*\bclass=\"(?:[^\"]*\s)?mermaid(?:\s[^\"]*)?\"")
_ADDRESS = re.compile(r"(?:https?://[^\s/]+|/)[^\s\"'<>]*", re.IGNORECASE)

_LOADER = """\
<script>(function (src) {
  // journeymaps: Mermaid from this site, loaded on the first diagram
  if (typeof mermaid !== "undefined" && !(mermaid instanceof Element)) return;
  var url = new URL(src, location.href).href, real, settings, loading;
  function load() {
    return loading = loading || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () {
        real ? resolve(real) : reject(new Error("no Mermaid in " + url));
      };
      script.onerror = function () { reject(new Error("cannot load Mermaid from " + url)); };
      document.head.appendChild(script);
    });
  }
  function strict(config) {  // no click handlers, no HTML labels, whoever configures it
    return Object.assign({}, config, {securityLevel: "strict"});
  }
  var standIn = {
    initialize: function (config) {
      settings = strict(Object.assign({}, config, {themeCSS: (config.themeCSS || "") + %s}));
    },
    render: function (id, text, container) {
      return load().then(function (m) { return m.render(id, text, container); });
    }
  };
  function fitJourney(drawn) {  // a journey: the page's width, the height to match,
    drawn.svg = drawn.svg.replace(  // never so narrow that its labels shrink below 9 px
      /^(<svg(?=[^>]*aria-roledescription="journey")[^>]*?) height="[\\d.]+"/, "$1"
    ).replace(/^(<svg(?=[^>]*aria-roledescription="journey")[^>]*?style="max-width: ([\\d.]+)px;)/,
      function (all, head, width) {
        return head + " min-width: " + Math.ceil(width * %s) + "px;";
      });
    return drawn;
  }
  Object.defineProperty(window, "mermaid", {
    configurable: true,
    get: function () { return real || standIn; },
    set: function (value) {  // Mermaid's script assigns itself here
      if (real) return;
      real = value;
      var render = real.render, initialize = real.initialize;
      real.render = function () { return render.apply(real, arguments).then(fitJourney); };
      real.initialize = function (config) { return initialize.call(real, strict(config)); };
      if (settings) real.initialize(settings);
    }
  });
})(%s);</script>"""

#: The smallest scale a journey is drawn at: its labels are 14 px in Mermaid's drawing,
#: so at 0.7 they are 9.8 px high on any screen; a wider drawing scrolls in its box.
LEGIBLE_SCALE = 0.7

#: Material's theme covers flowcharts and the like, not journeys: their title,
#: legend and pale boxes keep Mermaid's light colours, unreadable in the dark
#: palette. These rules take the palette's colours and let the boxes' tints
#: show through. Mermaid scopes each rule to the diagram ('&' is the diagram
#: itself); it mis-scopes selector lists, hence one selector a rule.
JOURNEY_CSS = "".join(f"{selector}{{{rule}}}" for selector, rule in (
    ("&>text:not([class])", "fill:var(--md-mermaid-label-fg-color)"),  # the title
    (".legend", "fill:var(--md-mermaid-label-fg-color)"),  # the personas
    ("rect.journey-section", "fill-opacity:.35;stroke:var(--md-mermaid-node-fg-color)"),
    ("rect[class*=task-type-]", "fill-opacity:.35;stroke:var(--md-mermaid-node-fg-color)"),
))


def source_problem(value: str) -> str | None:
    """Why a value of the ``mermaid`` option is not usable, or None."""
    if value in (BUNDLED, CDN) or _ADDRESS.fullmatch(value):
        return None
    return (f"expected '{BUNDLED}', '{CDN}' or the address of a mermaid.min.js "
            f"(https://..., http://... or /path on this server), got {value!r}")


def find_bundled(roots: Iterable[Path]) -> Path | None:
    """The bundled mermaid.min.js: the package's own copy first, then node_modules."""
    candidates = [PACKAGE_FILE, *(root / NODE_MODULES_FILE for root in [*roots, CHECKOUT])]
    return next((path for path in candidates if path.is_file()), None)


def has_diagram(html: str) -> bool:
    """Whether a page's HTML has a Mermaid block for Material to draw."""
    return _DIAGRAM.search(html) is not None


def script_source(option: str, bundled_url: str) -> str | None:
    """What the loader loads: the bundled copy's URL, the chosen address, or None (CDN)."""
    if option == CDN:
        return None
    return bundled_url if option == BUNDLED else option


def loader(src: str) -> str:
    """The inline script that provides ``mermaid`` from ``src`` (relative to the page)."""
    return _LOADER % (_js_string(JOURNEY_CSS), LEGIBLE_SCALE, _js_string(src))


def _js_string(text: str) -> str:
    """A JavaScript string literal that cannot end the inline script."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e")


def with_loader(html: str, src: str | None) -> str:
    """A page's content HTML, with the loader appended if it draws a diagram."""
    if src is None or not has_diagram(html):
        return html
    return html + "\n" + loader(src)
