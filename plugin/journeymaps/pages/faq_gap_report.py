"""The FAQ gap report the knowledge-base team works from (``faq-gaps.json`` is its export).

Every unanswered question, grouped by the folder whose maps ask it (the business:
a question asked by a clinic and a restaurant is two gaps, as one article rarely
answers both), most asked first within each, with where it is asked, the maps'
owners and personas. With the repository known (``repo_url``, ``edit_uri``), each
gap links to the host's new-file page with the article prefilled.
"""

from __future__ import annotations

from ..analysis.faq_gaps import FolderGap, counted, gaps_by_folder
from ..analysis.fragments import Fragments
from ..analysis.options import SiteOptions
from ..analysis.repository import Repository, repository
from ..language.labels import Labels
from ..model.project import Project
from ..model.question_index import Gap
from ..safety.text import cell, dotted, inline, url
from . import site_layout
from .kb_article import KB_FOLDER, article_filename, article_text
from .links import Links
from .markdown import REPORT_SEARCH, front_matter
from .measures import number
from .report import NONE, facets, filter_bar, folder_facet, table

#: the filters of the report (facet: the column whose heading names it)
FILTERS = {"folder": "folder", "persona": "personas", "owner": "owner"}


def render_faq_gap_page(project: Project, options: SiteOptions | None = None,
                        fragments: Fragments | None = None) -> str:
    options = options or SiteOptions()
    labels = options.labels
    gaps = project.questions.gaps
    title = labels["gaps.title"]
    repo = repository(options.repo_url, options.edit_uri)
    parts = [
        front_matter(title, search=REPORT_SEARCH),
        f"# {title}",
        _summary(project, gaps, labels, repo),
    ]
    if gaps:
        parts.append(filter_bar({facet: labels["column." + column]
                                 for facet, column in FILTERS.items()}, labels))
        parts.extend(_sections(project, gaps, labels, repo, fragments))
    return "\n\n".join(part for part in parts if part) + "\n"


def _summary(project: Project, gaps: list[Gap], labels: Labels,
             repo: Repository | None) -> str:
    kb = site_layout.link(site_layout.FAQ_GAPS, site_layout.KB_INDEX)
    if not gaps:
        return labels("gaps.none", kb=kb)
    maps = len({id(m) for gap in gaps for m in gap.maps})
    how = [labels("gaps.howto", kb=kb), labels["gaps.grouped"]]
    if repo:
        how.append(labels["gaps.write_hint"])
    lines = [
        labels.count("gaps.summary", len(gaps), in_maps=labels.count("gaps.in_maps", maps)),
        "",
        " ".join(how),
    ]
    if counted(project):
        lines += ["", labels["gaps.by_volume"]]
    return "\n".join(lines)


def _sections(project: Project, gaps: list[Gap], labels: Labels,
              repo: Repository | None, fragments: Fragments | None) -> list[str]:
    links = Links(project, site_layout.FAQ_GAPS)
    folders = gaps_by_folder(project, labels)
    by_volume = counted(project)  # once: it looks at every gap (per row, quadratic)
    columns = ["question", *(["contacts"] if by_volume else []), "maps", "asked_in",
               "owner", "personas", *(["article"] if repo else [])]
    header = [labels["column." + key] for key in columns]
    right = [i for i, key in enumerate(columns) if key in ("maps", "contacts")]
    parts = []
    for folder, rows in folders.items():
        if len(folders) > 1:
            name = cell(folder) or labels["catalogue.top_level"]
            anchor = "gaps-" + site_layout.folder_anchor(folder)
            parts.append(f'## {name} <span class="jm-count">{len(rows)}</span> {{ #{anchor} }}')
        cells = [_kept_row(row, links, labels, repo, by_volume, fragments) for row in rows]
        parts.append(table(header, cells, right=right, fit=True))
    return parts


def _kept_row(row: FolderGap, links: Links, labels: Labels, repo: Repository | None,
              counted: bool, fragments: Fragments | None) -> list[str]:
    """``_row``; in a live preview, the last build's while the maps asking the question
    are the same objects and the rest of the row says the same (persona names, labels
    and the repository are site-wide: a change of them clears every kept part)."""
    if fragments is None:
        return _row(row, links, labels, repo, counted)
    same = (row.gap.text, row.gap.anchor, row.folder, row.anchored, row.contacts, counted,
            tuple(tuple(a.stages) for a in row.askers))
    return fragments.of("faq gap row", tuple(a.journey_map for a in row.askers),
                        lambda: _row(row, links, labels, repo, counted), same=same)


def _row(row: FolderGap, links: Links, labels: Labels, repo: Repository | None,
         counted: bool) -> list[str]:
    declared = facets(folder=folder_facet(row.folder, labels),
                      persona=[(p, links.persona_name(p)) for p in row.persona_ids],
                      owner=row.owners)
    # an empty element carries the anchor: a table row cannot
    anchor = f'<span id="{row.gap.anchor}"></span>' if row.anchored else ""
    asked_in = "<br>".join(dotted(links.map(a.journey_map), ", ".join(map(cell, a.stages)))
                           for a in row.askers)
    cells = [f"{declared}{anchor}{cell(row.gap.text)}", str(len(row.askers)), asked_in,
             ", ".join(map(cell, row.owners)) or NONE, links.personas(row.persona_ids)]
    if counted:  # the contact centre's count, beside the question
        cells.insert(1, number(row.contacts, labels) if row.contacts is not None else NONE)
    if repo:
        text = article_text(row.gap.text, labels)
        target = repo.new_file_url(KB_FOLDER, article_filename(row.gap.text), text)
        cells.append(f"[{inline(labels['gaps.write'], in_table=True)}]({url(target)})")
    return cells
