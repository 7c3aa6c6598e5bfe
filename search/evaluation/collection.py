"""The evaluation set as data: queries.py expanded to {external id: grade} over the demo fixture."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from .queries import QUERIES

COMMON_PLATFORM = "공통"


@dataclass(frozen=True)
class JudgedQuery:
    text: str
    kind: str
    held_out: bool
    judgments: dict[str, int]


def is_held_out(text: str) -> bool:
    """About a fifth of the queries, chosen by a hash of the text so the choice never shifts."""
    return zlib.crc32(text.encode("utf-8")) % 5 == 0


@cache
def demo_articles() -> tuple[dict, ...]:
    path = Path(settings.BASE_DIR) / "fixtures" / "demo_articles.jsonl"
    with open(path, encoding="utf-8") as f:
        return tuple(json.loads(line) for line in f if line.strip())


def expand(judgments: dict[str, int], articles: tuple[dict, ...]) -> dict[str, int]:
    """Turn "@question-key" and "@question-key/platform" keys into external ids (see queries.py)."""
    ids = {row["external_id"] for row in articles}
    variants: dict[str, dict[str, str]] = {}
    for row in articles:
        if row.get("question_key"):
            variants.setdefault(row["question_key"], {})[row["platform"]] = row["external_id"]
    grades: dict[str, int] = {}
    for key, grade in judgments.items():
        if grade not in (1, 2):
            raise ValueError(f"grade {grade!r} of {key!r}: use 1 or 2")
        if not key.startswith("@"):
            if key not in ids:
                raise ValueError(f"unknown article {key!r}")
            grades[key] = grade
            continue
        question, _, platform = key[1:].partition("/")
        if question not in variants:
            raise ValueError(f"unknown question_key {question!r}")
        if platform:
            if platform not in variants[question]:
                raise ValueError(f"{question!r} has no {platform!r} article")
            grades[variants[question][platform]] = grade
            continue
        for name, external_id in variants[question].items():
            grades[external_id] = grade if name == COMMON_PLATFORM else 1
    return grades


def judged_queries() -> list[JudgedQuery]:
    articles = demo_articles()
    out = []
    for text, kind, judgments in QUERIES:
        out.append(JudgedQuery(text, kind, is_held_out(text), expand(judgments, articles)))
    return out
