"""Signals other apps may listen to (the search index refreshes its popularity data on this one)."""

from django.dispatch import Signal

# Sent after fold_counters() committed new view/vote totals; `article_ids` lists the changed articles.
counters_folded = Signal()
