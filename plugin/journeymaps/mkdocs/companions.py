"""What the plugin tells the companion plugins a company site runs beside it.

Material's ``privacy`` plugin downloads every external asset it finds, and finds
the CDN Mermaid named in Material's own bundle: offline that download fails the
build (strict), online it is a copy nobody loads, since the plugin's loader
provides Mermaid from the site itself. So while Mermaid is bundled, any
``mermaid.min.js`` from elsewhere is excluded from its downloads.
"""

from __future__ import annotations

from typing import Any

from . import mermaid_assets

#: the privacy plugin's ``assets_exclude`` pattern (fnmatch over host and path)
ANY_MERMAID = "*/mermaid.min.js"


def adapt(plugins: Any, mermaid: str) -> None:
    """Adjust the companion plugins of ``plugins`` (MkDocs' plugin collection)."""
    if mermaid != mermaid_assets.BUNDLED:
        return
    for plugin in plugins.values():
        if type(plugin).__module__.startswith("material.plugins.privacy"):
            excluded = plugin.config.assets_exclude
            if ANY_MERMAID not in excluded:
                excluded.append(ANY_MERMAID)
