"""One result per question: platform variants (articles sharing a question_key) collapse into one.

A question is a question_key within one service and category (variants filed elsewhere are another
entry). Every document carries its question as an integer (`question`: 0 for an article alone),
the question with its place (`question_place`: service and category readable from it) and the
question with its platform (`question_platform`). Listing reads ranked documents and keeps each
question's best-placed one. Counting stays exact: the engine counts documents per facet value,
then subtracts what questions met more than once add — terms aggregations over the shared
documents alone, which cost nothing on an index with no variants. Service and category counts and
the total come from one aggregation over `question_place`; the platform's from `question_platform`
(variants are one per platform, so it is nearly always empty).
"""

import hashlib
import logging

logger = logging.getLogger(__name__)

SERVICE_BITS, CATEGORY_BITS, PLATFORM_BITS = 16, 20, 22  # id ranges: 65,536, 1 million, 4 million
# Tantivy returns at most 65,000 buckets: past that many questions with several matching variants
# (130,000 articles or more in one result), the rest are counted per article (logged).
MAX_BUCKETS = 65_000


def _hash(text: str, bits: int) -> int:
    digest = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
    return (digest >> (64 - bits)) or 1


def question_number(group: str, service: int, category: int) -> int:
    """A 62-bit number for a question_key group in its service and category, 0 for an article
    alone ("#<id>")."""
    return 0 if group.startswith("#") else _hash(f"{group}\x00{service}\x00{category}", 62)


def place_number(question: int, service: int, category: int) -> int:
    """The question (its top 27 bits: distinct enough within one category) with its service and
    category, readable back by `place_of`."""
    if not question:
        return 0
    service &= (1 << SERVICE_BITS) - 1
    category &= (1 << CATEGORY_BITS) - 1
    return (question >> 35) << (SERVICE_BITS + CATEGORY_BITS) | service << CATEGORY_BITS | category


def place_of(number: int) -> tuple[int, int]:
    return number >> CATEGORY_BITS & ((1 << SERVICE_BITS) - 1), number & ((1 << CATEGORY_BITS) - 1)


def platform_number(question: int, platform: int) -> int:
    """The question (its top 41 bits) with its platform."""
    if not question:
        return 0
    return (question >> 21) << PLATFORM_BITS | (platform & ((1 << PLATFORM_BITS) - 1))


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


def _repeated(field: str) -> dict:
    return {"terms": {"field": field, "size": MAX_BUCKETS, "min_doc_count": 2}}


def duplicate_aggregations(names: tuple[str, ...], *, total: bool) -> dict:
    """What to aggregate over the shared documents to correct the counts of facets `names` (and the
    total, when asked)."""
    aggregations = {}
    if total or "service" in names or "category" in names:
        aggregations["places"] = _repeated("question_place")
    if "platform" in names:
        aggregations["platforms"] = _repeated("question_platform")
    return aggregations


def subtract_duplicates(result: dict, counts: dict[str, dict[int, int]], names: tuple[str, ...]) -> int:
    """Turn the article counts of `names` into question counts; returns how many articles the
    total counts twice or more (to subtract from it)."""
    if any(int(agg.get("sum_other_doc_count", 0)) for agg in result.values()):
        logger.warning("more questions with variants match than can be counted; the rest count per article")
    # Per category first (a category belongs to one service), then into the counts: this loop
    # runs once per repeated question, thousands of times on a big result.
    extra_by_place: dict[int, int] = {}
    place_mask = (1 << (SERVICE_BITS + CATEGORY_BITS)) - 1
    for bucket in result.get("places", {}).get("buckets", []):
        place = bucket["key"] & place_mask
        extra_by_place[place] = extra_by_place.get(place, 0) + bucket["doc_count"] - 1
    for place, extra in extra_by_place.items():
        service, category = place_of(place)
        for name, value in (("service", service), ("category", category)):
            if name in names:
                counts[name][value] = counts[name].get(value, 0) - extra
    repeated = sum(extra_by_place.values())
    if "platform" in names:
        mask = (1 << PLATFORM_BITS) - 1
        for bucket in result["platforms"]["buckets"]:
            value = int(bucket["key"]) & mask
            counts["platform"][value] = counts["platform"].get(value, 0) - (int(bucket["doc_count"]) - 1)
    return repeated
