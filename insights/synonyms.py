"""Synonym groups managed by staff, expanded per query term by the search engine.

Hot path: each process keeps the term -> synonyms map in memory. It is rebuilt
- at once in the process that saved or deleted a group (signals below), and
- in every other process when the groups' stamp (latest update, number of groups) changed, checked at
  most once per CHECK_SECONDS — so a search costs no query at all most of the time and at most one
  tiny aggregate query otherwise.
"""

import threading
import time

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SynonymGroup
from .text import normalise

CHECK_SECONDS = 2.0

_lock = threading.Lock()
_state = {"stamp": None, "checked_at": 0.0, "map": {}}


def _stamp():
    row = SynonymGroup.objects.aggregate(changed=Max("updated_at"), groups=Count("pk"))
    return (row["changed"], row["groups"])


def build_map(groups) -> dict[str, list[str]]:
    """{"탈퇴": ["계정 삭제", "회원 탈퇴"], …} from groups' term lists; a term in several groups gets all of them."""
    synonyms: dict[str, list[str]] = {}
    for terms in groups:
        for term in terms:
            others = synonyms.setdefault(term, [])
            others.extend(other for other in terms if other != term and other not in others)
    return synonyms


def _current_map() -> dict[str, list[str]]:
    now = time.monotonic()
    if _state["stamp"] is not None and now - _state["checked_at"] < CHECK_SECONDS:
        return _state["map"]
    stamp = _stamp()
    with _lock:
        if stamp != _state["stamp"]:
            _state["map"] = build_map(group.term_list for group in SynonymGroup.objects.order_by("pk"))
            _state["stamp"] = stamp
        _state["checked_at"] = now
        return _state["map"]


def invalidate() -> None:
    """Forget the in-memory map; the next call reloads it."""
    with _lock:
        _state.update(stamp=None, checked_at=0.0, map={})


def synonyms_for(term: str) -> list[str]:
    """Other terms of every synonym group containing `term` (normalised), best first."""
    key = normalise(term)
    if not key:
        return []
    return list(_current_map().get(key, ()))


@receiver(post_save, sender=SynonymGroup, dispatch_uid="insights_synonyms_saved")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="insights_synonyms_deleted")
def _synonyms_changed(**kwargs):
    invalidate()
    # Synonyms change what a query finds: cached search results must not outlive them.
    from search.changes import record

    record()
