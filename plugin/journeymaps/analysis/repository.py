"""Where the site's files live on the repository host, from MkDocs' ``repo_url`` and
``edit_uri`` (passed in by the adapter, as plain strings): the page that starts a
new file there, prefilled, for the FAQ gaps' "Write the article" links.

GitHub: ``<repo_url>/new/<branch>/<folder>?filename=<name>&value=<text>``;
GitLab: ``<repo_url>/-/new/<branch>/<folder>?file_name=<name>&content=<text>``.
The branch and the docs folder's path are read from ``edit_uri``
(``edit/main/site_src/``, ``-/edit/main/site_src/``, or ``blob/...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

#: the first part of an edit_uri path that names the branch after it
_VERBS = ("edit", "blob", "tree", "raw")


@dataclass(frozen=True)
class Repository:
    """A repository host's web pages for the docs folder."""

    url: str  # repo_url, without a trailing slash
    branch: str
    docs_path: str  # the docs folder's path in the repository, e.g. site_src
    gitlab: bool

    def new_file_url(self, folder: str, filename: str, content: str) -> str:
        """The host's page that creates ``<docs>/<folder>/<filename>`` with ``content``."""
        path = "/".join(part for part in (self.docs_path, folder.strip("/")) if part)
        where = quote(f"{self.branch}/{path}", safe="/")
        if self.gitlab:
            query = urlencode({"file_name": filename, "content": content}, quote_via=quote)
            return f"{self.url}/-/new/{where}?{query}"
        query = urlencode({"filename": filename, "value": content}, quote_via=quote)
        return f"{self.url}/new/{where}?{query}"


def repository(repo_url: str | None, edit_uri: str | None) -> Repository | None:
    """The repository of ``repo_url`` (http(s) only), or None when there is none or
    ``edit_uri`` names no branch (a custom edit page says nothing about new files)."""
    if not repo_url or urlsplit(repo_url).scheme not in ("http", "https"):
        return None
    parts = [part for part in (edit_uri or "").split("/") if part]
    gitlab = parts[:1] == ["-"] or "gitlab" in (urlsplit(repo_url).hostname or "")
    if parts[:1] == ["-"]:
        parts = parts[1:]
    if len(parts) < 2 or parts[0] not in _VERBS or "://" in (edit_uri or ""):
        return None
    return Repository(repo_url.rstrip("/"), parts[1], "/".join(parts[2:]), gitlab)
