"""Synonym pairs proposed from the search log, and accepting one into a SynonymGroup.

A visit is one searcher token's searches. When a search found nothing, or found something nobody
clicked, and the same visitor searched again within VISIT_GAP and clicked a result of the new query,
the two queries probably mean the same thing: "비번" (0 results) → "비밀번호" (clicked).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from .models import SearchLog, SynonymGroup, split_terms
from .reports import day_bounds
from .text import normalise

VISIT_GAP = timedelta(minutes=5)
LIMIT = 50
ACCEPTED_NOTE = "검색 기록 제안에서 추가"


@dataclass
class Suggestion:
    failed_query: str  # the query that found nothing or got no click
    clicked_query: str  # the query typed next, whose result was clicked
    visits: int = 0  # how many times this happened
    zero_results: int = 0  # of which the first query had no result at all


def _known_pairs() -> set[frozenset[str]]:
    pairs = set()
    for group in SynonymGroup.objects.all():
        terms = group.term_list
        pairs.update(frozenset((a, b)) for a in terms for b in terms if a != b)
    return pairs


def suggest_synonyms(*, start: date, end: date, gap: timedelta = VISIT_GAP, limit: int = LIMIT) -> list[Suggestion]:
    """Pairs over the Seoul days start..end, most frequent first; pairs already in one group are left out."""
    low, high = day_bounds(start, end)
    entries = (
        SearchLog.objects.between(low, high)
        .exclude(session_token="")
        .annotate(click_total=Count("clicks"))
        .order_by("session_token", "created_at", "pk")
        .values_list("session_token", "created_at", "query", "result_count", "click_total")
    )
    found: dict[tuple[str, str], Suggestion] = {}
    visit: list[tuple] = []
    for entry in entries.iterator(chunk_size=2000):
        if visit and visit[0][0] != entry[0]:
            _pair_up(visit, gap, found)
            visit = []
        visit.append(entry)
    _pair_up(visit, gap, found)
    known = _known_pairs()
    fresh = [s for s in found.values() if frozenset((s.failed_query, s.clicked_query)) not in known]
    return sorted(fresh, key=lambda s: (-s.visits, -s.zero_results, s.failed_query, s.clicked_query))[:limit]


def _pair_up(visit: list[tuple], gap: timedelta, found: dict) -> None:
    """For each poor search of one visit, the first later clicked search (another query) within `gap`."""
    for i, (_token, at, query, result_count, clicks) in enumerate(visit):
        failed = normalise(query)
        if clicks or not failed:
            continue
        for _token2, later_at, later_query, _count, later_clicks in visit[i + 1 :]:
            if later_at - at > gap:
                break
            clicked = normalise(later_query)
            if later_clicks and clicked and clicked != failed:
                suggestion = found.setdefault((failed, clicked), Suggestion(failed, clicked))
                suggestion.visits += 1
                suggestion.zero_results += result_count == 0
                break


class InvalidPair(ValueError):
    pass


@transaction.atomic
def accept_synonym(*, failed_query: str, clicked_query: str) -> SynonymGroup:
    """Add the pair to the group that already holds one of them, or start a new group."""
    failed, clicked = normalise(failed_query), normalise(clicked_query)
    if not failed or not clicked or failed == clicked or "," in failed + clicked:
        raise InvalidPair(_("서로 다른 두 검색어가 필요합니다 (쉼표는 쓸 수 없습니다)."))
    groups = list(SynonymGroup.objects.select_for_update().order_by("pk"))
    holding = defaultdict(list)
    for group in groups:
        for term in group.term_list:
            holding[term].append(group)
    # Prefer the group of the query that worked: it names the article's wording.
    target = (holding.get(clicked) or holding.get(failed) or [None])[0]
    if target is None:
        return SynonymGroup.objects.create(terms=f"{clicked}, {failed}", note=ACCEPTED_NOTE)
    terms = target.term_list
    target.terms = ", ".join(terms + [t for t in (clicked, failed) if t not in terms])
    if split_terms(target.terms) != terms:
        target.save()
    return target
