"""Synonym groups managed by staff, expanded per query term by the search engine.

Registered as search's synonym source (search/synonyms.py, in InsightsConfig.ready). Each process
keeps the term -> synonyms map in memory for one search state: every save or delete of a group
records a search change (a new generation), so every process — this one or another machine's —
rebuilds its map on the first search after the change, and a search costs no query otherwise.
"""

import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SynonymGroup
from .text import normalise

_lock = threading.Lock()
_state: dict = {"key": None, "map": {}}


def build_map(groups) -> dict[str, list[str]]:
    """{"탈퇴": ["계정 삭제", "회원 탈퇴"], …} from groups' term lists; a term in several groups gets all of them."""
    synonyms: dict[str, list[str]] = {}
    for terms in groups:
        for term in terms:
            others = synonyms.setdefault(term, [])
            others.extend(other for other in terms if other != term and other not in others)
    return synonyms


def _current_map(key: tuple[str, int] | None) -> dict[str, list[str]]:
    with _lock:
        if key is not None and _state["key"] == key:
            return _state["map"]
    synonyms = build_map(group.term_list for group in SynonymGroup.objects.order_by("pk"))
    with _lock:
        _state.update(key=key, map=synonyms)
    return synonyms


def invalidate() -> None:
    """Forget the in-memory map; the next call reloads it."""
    with _lock:
        _state.update(key=None, map={})


def synonyms_for(term: str, state: tuple[str, int] | None = None) -> list[str]:
    """Other terms of every synonym group containing `term` (normalised), best first. `state`: the
    search state the map may be reused for (None: read the groups now)."""
    key = normalise(term)
    if not key:
        return []
    return list(_current_map(state).get(key, ()))


@receiver(post_save, sender=SynonymGroup, dispatch_uid="insights_synonyms_saved")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="insights_synonyms_deleted")
def _synonyms_changed(**kwargs):
    invalidate()
    # Synonyms change what a query finds: a new search state retires cached results and every
    # process's map.
    from search.changes import record

    record()
