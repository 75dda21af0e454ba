"""A synthetic, seeded corpus of maps for the benchmark: runs compare across machines."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

CHANNELS = ["web", "phone", "store", "email", "chat", "social", "app"]
STAGES = ["Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Advocacy"]
WORDS = [
    'price', 'contract', 'delivery', 'hotline', 'waiting', 'queue', 'invoice', 'refund',
    'upgrade', 'router', 'appointment', 'technician', 'store', 'app', 'login', 'password',
    'discount', 'warranty'
]


def _sentence(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _stage(rng: random.Random, name: str) -> dict:
    return {
        "name": name,
        "goal": _sentence(rng),
        "actions": [_sentence(rng) for _ in range(2)],
        "touchpoints": [
            {"name": _sentence(rng, 3), "channel": rng.choice(CHANNELS),
             "score": rng.randint(1, 5), "expected": rng.randint(1, 5)}
            for _ in range(4)
        ],
        "emotions": [rng.choice(["anxious", "curious", "relieved", "annoyed"])],
        "pain_points": [_sentence(rng) for _ in range(2)],
        "opportunities": [{"text": _sentence(rng), "priority": rng.choice(["high", "low"]),
                           "owner": f"Team {rng.randint(1, 9)}"}],
        "questions": [f"{_sentence(rng, 4)}?", f"Question {rng.randint(1, 50)}?"],
        "metrics": {"nps": rng.randint(-50, 80), "conversion_rate": f"{rng.randint(1, 40)}%"},
    }


#: The measured series: for each map, these metrics at its first stages, monthly.
METRICS = [("nps", "Net Promoter Score", "points", 30, "higher"),
           ("conversion", "Conversion", "%", 12, "higher"),
           ("csat", "Customer satisfaction", "%", 80, "higher"),
           ("hold-time", "Hold time", "min", 3, "lower")]
SERIES_STAGES = 5
MONTHS = 5  # 4 metrics x 5 stages x 5 months: 100 rows a map, 100,000 at 1,000 maps


def write_corpus(maps_dir: Path, maps: int, seed: int = 42) -> None:
    """``maps`` journey maps and ``maps // 10`` personas (at least one) under ``maps_dir``,
    with a metric catalogue and 100 measured values a map in one CSV file."""
    rng = random.Random(seed)
    personas = max(1, maps // 10)
    (maps_dir / "personas").mkdir(parents=True, exist_ok=True)
    for p in range(personas):
        front = {"name": f"Persona {p}", "segment": rng.choice(["Boomers", "Millennials"]),
                 "goals": [_sentence(rng)], "channels": rng.sample(CHANNELS, 2)}
        _write(maps_dir / "personas" / f"p{p}.md", front, "A synthetic persona.")
    for m in range(maps):
        front = {"title": f"Journey {m}", "persona": f"p{m % personas}",
                 "journey": f"journey-{m // 3}", "owner": f"Team {m % 7}",
                 "reviewed": f"2026-{1 + m % 12:02d}-15", "tags": [rng.choice(WORDS)],
                 "stages": [_stage(rng, name) for name in STAGES]}
        _write(maps_dir / f"area-{m % 20}" / f"map-{m}.md", front, "## Notes\n\nSynthetic.")
    write_metrics(maps_dir, maps, rng)


def write_metrics(maps_dir: Path, maps: int, rng: random.Random) -> None:
    """``maps/metrics.yml`` and ``maps/metrics/analytics.csv`` (100 rows a map)."""
    catalogue = {"metrics": [{"id": i, "name": n, "unit": u, "target": t, "better": b}
                             for i, n, u, t, b in METRICS]}
    (maps_dir / "metrics.yml").write_text(yaml.safe_dump(catalogue, sort_keys=False),
                                          encoding="utf-8")
    rows = ["map,stage,metric,date,value,source"]
    for m in range(maps):
        for stage in STAGES[:SERIES_STAGES]:
            for metric, *_ in METRICS:
                rows += [f"area-{m % 20}/map-{m},{stage},{metric},2026-{month:02d}-28,"
                         f"{rng.randint(0, 900) / 10},Analytics export"
                         for month in range(1, MONTHS + 1)]
    (maps_dir / "metrics").mkdir(exist_ok=True)
    (maps_dir / "metrics" / "analytics.csv").write_text("\n".join(rows) + "\n",
                                                         encoding="utf-8")


def _write(path: Path, front: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{text}---\n{body}\n", encoding="utf-8")
