"""The FAQ gap report the knowledge-base team works from (``faq-gaps.json`` is its export).

Every unanswered question, grouped by the folder whose maps ask it (the business:
a question asked by a clinic and a restaurant is two gaps, as one article rarely
answers both), most asked first within each, with where it is asked, the maps'
owners and personas. With the repository known (``repo_url``, ``edit_uri``), each
gap links to the host's new-file page with the article prefilled.
"""

from __future__ import annotations

from ..analysis.options import SiteOptions
from ..analysis.repository import Repository, repository
from ..language.labels import Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.question_index import Asker, Gap
from ..safety.text import cell, dotted, inline, link_text, url
from . import site_layout
from .kb_article import KB_FOLDER, article_filename, article_text
from .markdown import REPORT_SEARCH, front_matter
from .measures import number
from .report import NONE, NOT_SEARCHED, facets, filter_bar, folder_facet

#: the filters of the report (facet: the column whose heading names it)
FILTERS = {"folder": "folder", "persona": "personas", "owner": "owner"}


def render_faq_gap_page(project: Project, options: SiteOptions | None = None) -> str:
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
        parts.extend(_sections(project, gaps, labels, repo))
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
    if _counted(project, gaps):
        lines += ["", labels["gaps.by_volume"]]
    return "\n".join(lines)


def _counted(project: Project, gaps: list[Gap]) -> bool:
    """Whether the contact centre counts any of the gaps (``contacts`` series)."""
    return any(gap.key in project.contact_volume for gap in gaps)


#: a gap in one folder: the question, that folder's maps asking it, and whether the
#: row carries the question's anchor (``#gap-<words>``, in the folder asking it most)
Row = tuple[Gap, list[Asker], bool]


def _by_folder(gaps: list[Gap]) -> dict[str, list[Row]]:
    """Each folder's gaps, with its own maps asking: most asked there first (ties in the
    report's order, which is most asked overall)."""
    folders: dict[str, list[Row]] = {}
    for gap in gaps:
        askers: dict[str, list[Asker]] = {}
        for asker in gap.askers.values():
            askers.setdefault(asker.journey_map.folder, []).append(asker)
        most = max(askers, key=lambda folder: len(askers[folder]))  # the first of equals
        for folder, asking in askers.items():
            folders.setdefault(folder, []).append((gap, asking, folder == most))
    for rows in folders.values():
        rows.sort(key=lambda row: -len(row[1]))  # stable: ties keep the report's order
    return folders


def _sections(project: Project, gaps: list[Gap], labels: Labels,
              repo: Repository | None) -> list[str]:
    links = Links(project, site_layout.FAQ_GAPS)
    folders = _by_folder(gaps)
    volume = project.contact_volume if _counted(project, gaps) else None
    columns = ["question", *(["contacts"] if volume is not None else []), "maps", "asked_in",
               "owner", "personas", *(["article"] if repo else [])]
    header = [labels["column." + key] for key in columns]
    rule = "|" + "|".join("--:" if key in ("maps", "contacts") else "---" for key in columns) + "|"
    parts = []
    for folder in sorted(folders, key=lambda f: (f != "", labels.sort_key(f))):
        name = cell(folder) or labels["catalogue.top_level"]
        rows = folders[folder]
        if len(folders) > 1:
            anchor = "gaps-" + site_layout.folder_anchor(folder)
            parts.append(f'## {name} <span class="jm-count">{len(rows)}</span> {{ #{anchor} }}')
        lines = ["| " + " | ".join(header) + " |", rule]
        for gap, askers, anchored in rows:
            lines.append(_row(gap, askers, folder, links, labels, repo, anchored, volume))
        parts.append(f'<div class="jm-fit" {NOT_SEARCHED} markdown>\n\n' + "\n".join(lines)
                     + "\n\n</div>")
    return parts


def _row(gap: Gap, askers: list[Asker], folder: str, links: Links, labels: Labels,
         repo: Repository | None, anchored: bool, volume: dict[str, float] | None) -> str:
    maps = [asker.journey_map for asker in askers]
    owners = list(dict.fromkeys(m.owner for m in maps if m.owner))
    persona_ids = list(dict.fromkeys(p for m in maps for p in m.persona))
    declared = facets(folder=folder_facet(folder, labels),
                      persona=[(p, links.persona_name(p)) for p in persona_ids],
                      owner=owners)
    # an empty element carries the anchor: a table row cannot
    anchor = f'<span id="{gap.anchor}"></span>' if anchored else ""
    asked_in = "<br>".join(dotted(links.map(a.journey_map), ", ".join(map(cell, a.stages)))
                           for a in askers)
    row = [f"{declared}{anchor}{cell(gap.text)}", str(len(askers)), asked_in,
           ", ".join(map(cell, owners)) or "–", links.personas(persona_ids)]
    if volume is not None:  # the contact centre's count, beside the question
        count = volume.get(gap.key)
        row.insert(1, number(count) if count is not None else NONE)
    if repo:
        text = article_text(gap.text, labels)
        target = repo.new_file_url(KB_FOLDER, article_filename(gap.text), text)
        row.append(f"[{inline(labels['gaps.write'], in_table=True)}]({url(target)})")
    return "| " + " | ".join(row) + " |"


class Links:
    """Table-safe Markdown links from one page to maps and personas, each made once:
    a report names the same maps and personas in many rows."""

    def __init__(self, project: Project, page: str) -> None:
        self.project, self.page = project, page
        self._maps: dict[int, str] = {}
        self._personas: dict[str, str] = {}

    def map(self, journey_map: JourneyMap) -> str:
        link = self._maps.get(id(journey_map))
        if link is None:
            target = site_layout.link(self.page, site_layout.map_page(journey_map))
            text = link_text(journey_map.title, in_table=True)
            link = self._maps[id(journey_map)] = f"[{text}]({target})"
        return link

    def personas(self, persona_ids: list[str]) -> str:
        """Personas by name, linked; an unknown id (already an error) shown as it is."""
        return ", ".join(self._persona(persona_id) for persona_id in persona_ids)

    def persona_name(self, persona_id: str) -> str:
        persona = self.project.personas.get(persona_id)
        return persona.display_name if persona else persona_id

    def _persona(self, persona_id: str) -> str:
        link = self._personas.get(persona_id)
        if link is None:
            persona = self.project.personas.get(persona_id)
            if persona is None:
                link = f"`{cell(persona_id)}`"
            else:
                target = site_layout.link(self.page, site_layout.persona_page(persona_id))
                link = f"[{link_text(persona.display_name, in_table=True)}]({target})"
            self._personas[persona_id] = link
        return link
