"""The systems under evaluation, each a function from a query to article ids, best first.

`ours` is the one place the evaluation reaches the site's search: switch this import when the
engine moves.
"""

from search import search

from .baseline import BM25Index


def ours(query: str, limit: int = 20) -> list[int]:
    return [hit.article.pk for hit in search(query, page_size=limit).hits]


def bm25(index: BM25Index):
    """The bigram BM25 baseline over an index built once per run."""

    def run(query: str, limit: int = 20) -> list[int]:
        return index.search(query, limit)

    return run
