"""``faq-gaps.json``: every FAQ gap, most asked first (see the contract)."""

from __future__ import annotations

import json
from typing import Any

from ..model.project import Project
from ..model.question_index import Asker
from ..pages import site_layout


def faq_gaps_export(project: Project) -> list[dict[str, Any]]:
    """``faq-gaps.json`` as the contract says, plus ``stages``, ``personas``, ``url`` and
    ``contacts``: how often customers ask it by the contact centre's counts (``null``
    where nothing counts it); gaps are ranked by it first, then by ``count``."""
    report_url = site_layout.page_url(site_layout.FAQ_GAPS)
    return [
        {
            "question": gap.text,
            "count": gap.count,
            "maps": [_map_entry(asker) for asker in gap.askers.values()],
            "stages": gap.stages,
            "personas": gap.persona_ids,
            "url": f"{report_url}#{gap.anchor}",
            "contacts": project.contact_volume.get(gap.key),
        }
        for gap in project.questions.gaps
    ]


def _map_entry(asker: Asker) -> dict[str, Any]:
    journey_map, stages = asker.journey_map, asker.stages
    return {
        "title": journey_map.title,
        "url": site_layout.page_url(site_layout.map_page(journey_map)),
        "stage": stages[0] if stages else None,
        "personas": list(journey_map.persona),
        "path": journey_map.file,
        "stages": stages,
    }


def faq_gaps_json(project: Project) -> str:
    return json.dumps(faq_gaps_export(project), ensure_ascii=False, separators=(",", ":"))
