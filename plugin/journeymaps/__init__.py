"""journeymaps: customer journey maps kept as code, published as a documentation site.

The core (model, loading and validation, rendering to Markdown, reports) knows
nothing of MkDocs; :mod:`journeymaps.mkdocs.plugin` adapts it to MkDocs.
"""

__version__ = "0.1.0"
