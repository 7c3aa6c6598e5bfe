"""Recording what changed, in the writer's transaction: the only way anything reaches an index.

`record(ids)` takes the next generation (the state row's lock orders writers by commit) and logs
the ids; after the transaction commits, this process applies the change to its own index at once
(search/sync.py), and every other process or machine catches up on its next search. Generation
is also the one key for everything derived from the database: cached results and responses, the
taxonomy behind facets, the synonym map and did-you-mean's vocabulary.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F

from .models import IndexChange, IndexState

INSERT_BATCH = 5000


def state() -> tuple[str, int]:
    """(epoch, generation) as committed — read on every search, so in plain SQL."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, generation FROM {IndexState._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else ("", 0)


def _next_generation() -> int:
    if not IndexState.objects.filter(pk=1).update(generation=F("generation") + 1):
        IndexState.objects.get_or_create(pk=1)
        IndexState.objects.filter(pk=1).update(generation=F("generation") + 1)
    return IndexState.objects.values_list("generation", flat=True).get(pk=1)


def record(article_ids: Iterable[int] = ()) -> int:
    """Log these articles as changed (none: a change to what searches derive, like synonyms) and
    return the generation taken. Cheap enough for every save: two statements."""
    from . import sync

    ids = sorted({int(pk) for pk in article_ids})
    with transaction.atomic():
        generation = _next_generation()
        IndexChange.objects.bulk_create(
            [IndexChange(generation=generation, article_id=pk) for pk in ids]
            or [IndexChange(generation=generation, article_id=None)],
            batch_size=INSERT_BATCH,
        )
        transaction.on_commit(sync.after_commit, robust=True)
    return generation
