"""What author text may carry into a page: link targets read as a browser reads them,
Markdown escaping of fields, and the HTML allowlist of bodies (SECURITY.md says why)."""
