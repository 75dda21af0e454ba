"""The MkDocs adapter: the plugin, its typed options, the sidebar it shortens and the
Mermaid it serves. The only folder (with ``cli``) that imports MkDocs."""
