"""One evaluation run: every judged query through every system, scored and summarised."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from articles.models import Article

from . import systems
from .baseline import BM25Index
from .collection import JudgedQuery, judged_queries
from .metrics import NDCG_DEPTH, QueryScore, Summary, breakdown, score_query

System = Callable[..., list[int]]


@dataclass
class SystemResult:
    name: str
    scores: list[QueryScore]

    @property
    def summary(self) -> dict[str, Summary]:
        return breakdown(self.scores)


def evaluate_system(
    name: str, system: System, queries: Sequence[JudgedQuery], *, k: int = NDCG_DEPTH
) -> SystemResult:
    external_ids = dict(Article.objects.values_list("pk", "external_id"))
    question_of = dict(Article.objects.exclude(question_key="").values_list("external_id", "question_key"))
    scores = []
    for query in queries:
        # Read deeper than the depth scored: a system that lists every variant needs more rows to
        # fill 2k questions.
        ranking = [external_ids[pk] for pk in system(query.text, 4 * k)]
        scores.append(
            score_query(query.text, query.kind, query.held_out, ranking, query.judgments, k=k, question_of=question_of)
        )
    return SystemResult(name, scores)


def evaluate(*, k: int = NDCG_DEPTH, queries: Sequence[JudgedQuery] | None = None) -> list[SystemResult]:
    """Our search and the BM25 baseline (built now, over the public articles) on the same queries."""
    queries = judged_queries() if queries is None else queries
    baseline = systems.bm25(BM25Index.from_database())
    return [
        evaluate_system("ours", systems.ours, queries, k=k),
        evaluate_system("bm25", baseline, queries, k=k),
    ]
