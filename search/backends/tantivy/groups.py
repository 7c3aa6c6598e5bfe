"""One result per question: platform variants (articles sharing a question_key) collapse into one.

Every document carries its question as an integer (`question`: 0 for an article alone) and, per
facet, the pair (question, facet value). Listing reads ranked documents and keeps each question's
best-placed one. Counting stays exact: the engine counts documents per facet value, and the
questions seen more than once among them are subtracted — a terms aggregation over the shared
documents alone, which costs nothing on an index with no variants.
"""

import hashlib
import logging

logger = logging.getLogger(__name__)

VALUE_BITS = 22  # facet value ids below 4 million
VALUE_MASK = (1 << VALUE_BITS) - 1
# Tantivy returns at most 65,000 buckets: past that many questions with several matching variants
# (130,000 articles or more in one result), the rest are counted per article.
MAX_BUCKETS = 65_000


def question_number(group: str) -> int:
    """A 62-bit number for a question_key group, 0 for an article alone ("#<id>")."""
    if group.startswith("#"):
        return 0
    digest = int.from_bytes(hashlib.blake2b(group.encode("utf-8"), digest_size=8).digest(), "big")
    return (digest >> 2) or 1


def pair_number(question: int, value: int) -> int:
    """(question, facet value) in one integer: the question's top 40 bits, then the value."""
    if not question:
        return 0
    return ((question >> VALUE_BITS) << VALUE_BITS) | (value & VALUE_MASK)


def collapse(ranked: list, questions: list[int]) -> list:
    """`ranked` items (in order) keeping the first of each question; articles alone all stay."""
    seen: set[int] = set()
    kept = []
    for item, question in zip(ranked, questions, strict=True):
        if question:
            if question in seen:
                continue
            seen.add(question)
        kept.append(item)
    return kept


def duplicate_aggregations(pair_fields: dict[str, str]) -> dict:
    """Over shared documents: the questions, and the (question, value) pairs of each facet named in
    `pair_fields` (facet -> its pair field), met more than once."""
    def repeated(field: str) -> dict:
        return {"terms": {"field": field, "size": MAX_BUCKETS, "min_doc_count": 2}}

    return {"questions": repeated("question"), **{name: repeated(field) for name, field in pair_fields.items()}}


def subtract_duplicates(result: dict, counts: dict[str, dict[int, int]], names: tuple[str, ...]) -> int:
    """Turn the article counts of `names` into question counts; returns how many articles the
    total counts twice or more (to subtract from it)."""
    for name in names:
        for bucket in result[name]["buckets"]:
            value = int(bucket["key"]) & VALUE_MASK
            counts[name][value] = counts[name].get(value, 0) - (int(bucket["doc_count"]) - 1)
    if any(int(result[name].get("sum_other_doc_count", 0)) for name in ("questions", *names)):
        logger.warning("more questions with variants match than can be counted; the rest count per article")
    return sum(int(b["doc_count"]) - 1 for b in result["questions"]["buckets"])
