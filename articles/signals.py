"""Signals other apps listen to; `articles` sends them and knows nothing of the listeners
(the search index subscribes to both)."""

from django.dispatch import Signal

# Sent by bulk writers (import, bulk status changes) inside their transaction, after writing
# through QuerySet.update/bulk_create/bulk_update (which send no model signals): article_ids=[…].
articles_changed = Signal()

# Sent after fold_counters() committed new view/vote totals; `article_ids` lists the changed articles.
counters_folded = Signal()
