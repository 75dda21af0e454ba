"""The machine-readable files of the site: ``journeymaps.json``, ``faq-gaps.json`` and the
JSON Schemas of the front matter."""
