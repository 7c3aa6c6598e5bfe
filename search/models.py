"""The change log every index catches up from: the database stays the source of truth.

Every write that changes what search finds — an article saved or deleted, a bulk write, a taxonomy
or synonym change — takes the next generation on `IndexState` and records `IndexChange` rows in the
same transaction. The state row's lock makes writers take generations in commit order, so a reader
that sees generation G sees every change up to G, and change ids grow with generations. Each
machine's index notes the last change it applied and catches up from there (search/sync.py).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_epoch() -> str:
    return uuid.uuid4().hex


class IndexState(models.Model):
    generation = models.PositiveBigIntegerField(default=0)
    # New whenever the row is created anew (a flushed or restored database): an index built from an
    # earlier row's generations must not take a later row's numbers for the same state.
    epoch = models.CharField(max_length=32, default=new_epoch)
    # Changes up to this id were pruned: an index that applied less must be rebuilt.
    pruned_through = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("검색 색인 상태")
        default_permissions = ()

    def __str__(self):
        return f"search generation {self.generation}"


class IndexChange(models.Model):
    generation = models.PositiveBigIntegerField()
    # None: nothing to re-index, but what searches derive from the database changed (taxonomy
    # names and order, synonyms).
    article_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("검색 색인 변경")
        default_permissions = ()

    def __str__(self):
        return f"change {self.pk}: article {self.article_id} at generation {self.generation}"
