"""The journeys as a hierarchy: every journey id (of a file or of a map), its parent,
children and depth, in the order the journey index and the landscape show them.

A parent that is unknown, or that makes a loop, is an error (``load.definitions``);
here such a journey simply stands at the top, so that every journey is still shown once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..load.definitions import parent_loops
from ..model.project import Project


@dataclass(frozen=True)
class JourneyNode:
    id: str
    title: str
    depth: int  # 0 at the top
    parent: str | None
    children: tuple[str, ...]


def journey_ids(project: Project) -> list[str]:
    """Every journey: of a file, or named by a map without one."""
    return list(dict.fromkeys([*project.journeys, *project.maps_by_journey]))


def parents(project: Project) -> dict[str, str | None]:
    """Each journey's parent, where it is a known journey and makes no loop."""
    ids = journey_ids(project)
    known = set(ids)
    loops = parent_loops(project)
    found: dict[str, str | None] = {}
    for journey in ids:
        definition = project.journeys.get(journey)
        parent = definition.parent if definition else None
        found[journey] = parent if parent in known and journey not in loops else None
    return found


def ancestors(project: Project, journey: str) -> list[str]:
    """The journeys ``journey`` is part of, the widest first."""
    table = parents(project)
    chain: list[str] = []
    parent = table.get(journey)
    while parent is not None:
        chain.append(parent)
        parent = table.get(parent)
    return chain[::-1]


def journey_tree(project: Project,
                 sort_key: Callable[[str], Any] = str.casefold) -> list[JourneyNode]:
    """Every journey once, depth first: each followed by its children, siblings in the
    order of ``sort_key`` of their titles. Computed once a build per ``sort_key``: every
    journey's page shows the tree, and sorting it for each was quadratic."""
    computed: list[tuple[Callable[[str], Any], list[JourneyNode]]] = \
        project.memo.setdefault("journey_tree", [])
    for key, nodes in computed:
        if key == sort_key:
            return list(nodes)
    nodes = _journey_tree(project, sort_key)
    computed.append((sort_key, nodes))
    return list(nodes)


def _journey_tree(project: Project, sort_key: Callable[[str], Any]) -> list[JourneyNode]:
    ids = journey_ids(project)
    children: dict[str | None, list[str]] = defaultdict(list)
    parent = parents(project)
    for journey in ids:
        children[parent[journey]].append(journey)
    for siblings in children.values():
        siblings.sort(key=lambda j: (sort_key(project.journey_title(j)), j))
    nodes: list[JourneyNode] = []
    stack = [(journey, 0) for journey in reversed(children[None])]
    while stack:  # no recursion: hierarchies may be deep
        journey, depth = stack.pop()
        kids = tuple(children.get(journey, ()))
        nodes.append(JourneyNode(journey, project.journey_title(journey), depth,
                                 parent[journey], kids))
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    return nodes


def descendants(project: Project, journey: str) -> list[str]:
    """The journeys below ``journey``, at any depth, depth first."""
    tree = journey_tree(project)
    start = next((i for i, node in enumerate(tree) if node.id == journey), None)
    if start is None:
        return []
    depth = tree[start].depth
    below = []
    for node in tree[start + 1:]:
        if node.depth <= depth:
            break
        below.append(node.id)
    return below
