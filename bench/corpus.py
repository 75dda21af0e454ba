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


def write_corpus(maps_dir: Path, maps: int, seed: int = 42) -> None:
    """``maps`` journey maps and ``maps // 10`` personas (at least one) under ``maps_dir``."""
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


def _write(path: Path, front: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{text}---\n{body}\n", encoding="utf-8")
