"""The generated pages as Markdown: one writer (``markdown``) owns the syntax the site
uses, and a builder per page turns analysis into it; ``site_layout`` says where each
page lives."""
