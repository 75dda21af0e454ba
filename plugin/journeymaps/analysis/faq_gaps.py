"""What the FAQ gap report says, as plain data: each business's (folder's) gaps, most
asked there first, with the maps asking, their owners and personas, and the contact
centre's count where it has one."""

from __future__ import annotations

from dataclasses import dataclass

from ..language.labels import Labels
from ..model.project import Project
from ..model.question_index import Asker, Gap


@dataclass(frozen=True)
class FolderGap:
    """A gap as one folder asks it: a question asked by a clinic and a restaurant is two
    gaps, as one article rarely answers both."""

    gap: Gap
    folder: str
    #: that folder's maps asking it, with their stages
    askers: list[Asker]
    #: the gap's anchor (``#gap-<words>``) goes on one row: in the folder asking it most
    anchored: bool
    #: how often the contact centre hears it (``contacts`` series); None: not counted
    contacts: float | None

    @property
    def owners(self) -> list[str]:
        return list(dict.fromkeys(a.journey_map.owner for a in self.askers
                                  if a.journey_map.owner))

    @property
    def persona_ids(self) -> list[str]:
        return list(dict.fromkeys(p for a in self.askers for p in a.journey_map.persona))


def counted(project: Project) -> bool:
    """Whether the contact centre counts any of the gaps (then they rank by its count)."""
    return any(gap.key in project.contact_volume for gap in project.questions.gaps)


def gaps_by_folder(project: Project, labels: Labels) -> dict[str, list[FolderGap]]:
    """Each folder's gaps, most asked there first (ties keep the index's order: by contact
    volume where counted, then by how many maps ask); the top level first, then folders
    in the site's order."""
    folders: dict[str, list[FolderGap]] = {}
    volume = project.contact_volume
    for gap in project.questions.gaps:
        askers: dict[str, list[Asker]] = {}
        for asker in gap.askers.values():
            askers.setdefault(asker.journey_map.folder, []).append(asker)
        most = max(askers, key=lambda folder: len(askers[folder]))  # the first of equals
        for folder, asking in askers.items():
            folders.setdefault(folder, []).append(
                FolderGap(gap, folder, asking, folder == most, volume.get(gap.key)))
    for rows in folders.values():
        rows.sort(key=lambda row: -len(row.askers))  # stable: ties keep the index's order
    return {folder: folders[folder]
            for folder in sorted(folders, key=lambda f: (f != "", labels.sort_key(f)))}
