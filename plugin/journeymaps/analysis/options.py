"""The site's settings that change what the views compute and say."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..language.labels import ENGLISH, Labels
from ..safety.sanitize import Regions


@dataclass(frozen=True)
class SiteOptions:
    """Settings that change what the generated pages say."""

    stale_after_days: int = 180
    today: dt.date = field(default_factory=dt.date.today)
    #: the words of the pages, in the site's language (``labels.load_labels``)
    labels: Labels = ENGLISH
    #: marks what is filled into hand-written pages, for the plugin to clean (one per build)
    regions: Regions = field(default_factory=Regions)
    #: the repository's web address and edit path (MkDocs' ``repo_url`` and ``edit_uri``,
    #: passed in by the adapter): with both, each FAQ gap links to "Write the article"
    repo_url: str = ""
    edit_uri: str = ""
