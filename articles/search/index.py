"""Keeping the search index in step with articles.

PLACEHOLDER until the Korean engine lands (issue 3): the naive search reads Article rows directly.
Callers (bulk import, bulk publish, taxonomy renames) already call these two functions.
"""

from collections.abc import Iterable


def reindex(article_ids: Iterable[int]) -> None:
    """(Re)build the index entries of these articles; unpublished ones are removed from the index."""


def remove(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index."""
