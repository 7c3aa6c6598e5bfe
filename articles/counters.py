"""Folding counted views and votes (CounterEvent rows) into Article's counters.

Runs from cron (`manage.py fold_counters`) and, at most once per COUNTER_FOLD_SECONDS per process,
after a response has been sent (`fold_soon`). Each batch is one short transaction that locks the
events and the articles it folds with SKIP LOCKED on PostgreSQL: an article whose row an import or
an admin edit holds is left for the next run, so folding never waits and never stalls a writer.
On SQLite the single write lock is tried for QUICK_WRITE_BUSY_MS and the run gives up if it is held.
"""

import logging
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from helpcenter.database import short_busy_wait

from .models import Article, CounterEvent
from .signals import counters_folded

logger = logging.getLogger(__name__)

Kind = CounterEvent.Kind
FIELDS = {Kind.VIEW: "view_count", Kind.HELPFUL: "helpful_count", Kind.NOT_HELPFUL: "not_helpful_count"}
# Views are remembered for "once a day"; after that their rows only cost space.
VIEW_MEMORY_DAYS = 2


@dataclass
class FoldResult:
    events: int = 0
    article_ids: set[int] = field(default_factory=set)
    skipped_articles: set[int] = field(default_factory=set)
    pruned: int = 0


def _fold_batch(batch_size: int, result: FoldResult) -> int:
    """Fold one batch in one transaction; returns how many events it took off the queue."""
    on_postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        if on_postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '500ms'")
        events = list(
            CounterEvent.objects.select_for_update(skip_locked=True)
            .filter(folded=False, kind__in=list(FIELDS))
            .exclude(article_id__in=result.skipped_articles)
            .order_by("id")
            .values_list("id", "article_id", "kind")[:batch_size]
        )
        if not events:
            return 0
        wanted = {article_id for _, article_id, _ in events}
        existing = set(Article.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        lockable = existing
        if on_postgresql:
            lockable = set(
                Article.objects.select_for_update(skip_locked=True).filter(pk__in=existing).values_list("pk", flat=True)
            )
        result.skipped_articles |= existing - lockable
        totals: dict[int, Counter] = defaultdict(Counter)
        taken = []
        for event_id, article_id, kind in events:
            if article_id in lockable:
                totals[article_id][FIELDS[kind]] += 1
            if article_id in lockable or article_id not in existing:  # events of deleted articles just go
                taken.append(event_id)
        # Most articles gain the same small numbers: one UPDATE per distinct increment, not per article.
        by_increment: dict[tuple, list[int]] = defaultdict(list)
        for article_id, counts in totals.items():
            by_increment[tuple(sorted(counts.items()))].append(article_id)
        for increment, article_ids in by_increment.items():
            Article.objects.filter(pk__in=article_ids).update(**{name: F(name) + n for name, n in increment})
        CounterEvent.objects.filter(pk__in=taken).update(folded=True)
    result.events += len(taken)
    result.article_ids |= set(totals)
    return len(taken)


def fold_counters(*, batch_size: int = 5000, max_batches: int | None = None, prune: bool = True) -> FoldResult:
    """Add every unfolded view and vote to its article's counters; send `counters_folded` after commit."""
    result = FoldResult()
    batches = 0
    with short_busy_wait():
        while max_batches is None or batches < max_batches:
            batches += 1
            try:
                taken = _fold_batch(batch_size, result)
            except DatabaseError:
                # SQLite's write lock is held (an import is running) or a lock wait timed out: next run.
                logger.info("fold_counters: database busy, trying again later", exc_info=True)
                break
            if taken == 0:
                break
        if prune:
            result.pruned = _prune()
    if result.article_ids:
        counters_folded.send(sender=fold_counters, article_ids=sorted(result.article_ids))
    return result


def _prune() -> int:
    """Forget views older than VIEW_MEMORY_DAYS (already folded); votes are kept (one per visitor)."""
    cutoff = timezone.localdate() - timedelta(days=VIEW_MEMORY_DAYS)
    stale = CounterEvent.objects.filter(day__lt=cutoff, kind__in=[Kind.SEEN, Kind.VIEW])
    try:
        return stale.filter(kind=Kind.SEEN).delete()[0] + stale.filter(folded=True).delete()[0]
    except DatabaseError:
        logger.info("fold_counters: pruning skipped, database busy", exc_info=True)
        return 0


_last_fold = 0.0
_fold_lock = threading.Lock()


def fold_soon(**_signal_kwargs) -> None:
    """request_finished receiver: fold one batch at most once per COUNTER_FOLD_SECONDS in this process.

    Runs after the response was handed to the server, never waits for a lock (see module doc), and
    never raises; cron's `fold_counters` does the heavy lifting, this keeps small sites current.
    """
    global _last_fold
    interval = settings.COUNTER_FOLD_SECONDS
    if interval <= 0 or time.monotonic() - _last_fold < interval or not _fold_lock.acquire(blocking=False):
        return
    try:
        _last_fold = time.monotonic()
        fold_counters(max_batches=1, prune=False)
    except Exception:  # noqa: BLE001  a request that already answered must not fail here
        logger.warning("opportunistic fold_counters failed", exc_info=True)
    finally:
        _fold_lock.release()
