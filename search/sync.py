"""Each machine's index catches up with the change log (search/models.py); no request waits for
another process's indexing.

* After a write commits, the writing process applies it to its index (`after_commit`).
* Every search first compares the database's generation with the index's checkpoint
  (`ensure_current`). Behind: it reloads (another process may have applied it already), and if
  still behind, applies the missing changes itself — unless another process holds the writer, in
  which case it answers from the index as it is and that writer's commit shows up next time.
* An index of another database (epoch), from a restored database (a checkpoint ahead of it) or
  missing pruned changes is rebuilt from scratch: in the request for a small site, otherwise by
  `manage.py rebuild_search_index` (a large backlog is applied in batches, each committed).

Searches inside an open transaction never apply changes, since a rollback would leave the index
ahead of the database; tests, which run inside a transaction, opt in (SEARCH_INDEX_UNCOMMITTED).
"""

import logging
import threading

from django.conf import settings
from django.db import connection

from .backends import get_backend
from .backends.base import Checkpoint, SearchBackend
from .changes import state
from .documents import all_documents, documents
from .models import IndexChange, IndexState

logger = logging.getLogger(__name__)

APPLY_BATCH = 2000  # changes per index commit while catching up
_lock = threading.Lock()


def ensure_current() -> tuple[str, int]:
    """Bring this process's view of the index up to the database's generation, as far as it can;
    returns (epoch, generation) of the database."""
    epoch, generation = state()
    backend = get_backend()
    if _is_current(backend.checkpoint(), epoch, generation):
        return epoch, generation
    if _is_current(backend.checkpoint(refresh=True), epoch, generation):
        return epoch, generation
    if connection.in_atomic_block and not settings.SEARCH_INDEX_UNCOMMITTED:
        return epoch, generation
    catch_up(backend, epoch, generation)
    return epoch, generation


def after_commit() -> None:
    try:
        ensure_current()
    except Exception:  # the write itself succeeded; the next search catches up
        logger.exception("applying search index changes after a commit failed")


def _is_current(checkpoint: Checkpoint, epoch: str, generation: int) -> bool:
    return checkpoint.epoch == epoch and checkpoint.generation == generation


def catch_up(backend: SearchBackend, epoch: str, generation: int) -> bool:
    """Apply the changes up to `generation`; False when another process is writing."""
    with _lock, backend.session() as session:
        if session is None:
            return False
        checkpoint = backend.checkpoint(refresh=True)
        if _is_current(checkpoint, epoch, generation):
            return True
        if not _can_follow(checkpoint, epoch, generation):
            return _rebuild_in_place(session, epoch, generation)
        applied = checkpoint.applied
        while True:
            rows = list(
                IndexChange.objects.filter(pk__gt=applied, generation__lte=generation)
                .order_by("pk")
                .values_list("pk", "generation", "article_id")[:APPLY_BATCH]
            )
            if not rows:
                session.commit(Checkpoint(epoch, generation, applied))
                return True
            for batch, docs in documents({pk for _, _, pk in rows if pk is not None}):
                session.replace(batch, docs)
            applied = rows[-1][0]
            if len(rows) == APPLY_BATCH:  # more to come: what is done so far becomes visible
                session.commit(Checkpoint(epoch, rows[-1][1] - 1, applied))


def _can_follow(checkpoint: Checkpoint, epoch: str, generation: int) -> bool:
    if checkpoint.epoch != epoch or checkpoint.generation > generation:
        return False
    pruned = IndexState.objects.filter(pk=1).values_list("pruned_through", flat=True).first() or 0
    return checkpoint.applied >= pruned


def _rebuild_in_place(session, epoch: str, generation: int) -> bool:
    """For an index that cannot follow the log (see module doc) on a small site."""
    last = _last_change(generation)
    if _indexable_estimate() > settings.SEARCH_INLINE_REBUILD_LIMIT:
        logger.error("the search index does not match the database; run `manage.py rebuild_search_index`")
        return False
    session.clear()
    for batch in all_documents():
        session.replace([], batch)
    session.commit(Checkpoint(epoch, generation, last))
    return True


def _last_change(generation: int) -> int:
    return IndexChange.objects.filter(generation__lte=generation).order_by("-pk").values_list("pk", flat=True).first() or 0


def _indexable_estimate() -> int:
    from articles.models import Article

    return Article.objects.filter(status=Article.Status.PUBLISHED).count()


def rebuild() -> int:
    """Everything from the database, built beside the live index and swapped in; then the changes
    made meanwhile are applied. Returns the number of indexed articles."""
    epoch, generation = state()
    backend = get_backend()
    count = backend.rebuild(all_documents(), Checkpoint(epoch, generation, _last_change(generation)))
    ensure_current()
    return count
