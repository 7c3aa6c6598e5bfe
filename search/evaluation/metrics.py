"""Relevance metrics over graded judgments (see README "Measuring search").

A ranking is a list of article keys (external ids), best first; judgments map keys to grades
(2 = answers the query, 1 = related). Unjudged articles count as grade 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

NDCG_DEPTH = 10
MRR_DEPTH = 10
RECALL_DEPTH = 20


def gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(grades: Iterable[int]) -> float:
    return sum(gain(g) / math.log2(position + 1) for position, g in enumerate(grades, start=1))


def ndcg(ranking: Sequence[str], judgments: Mapping[str, int], k: int = NDCG_DEPTH) -> float:
    """DCG of the first k results ÷ DCG of the best possible ordering of *all* judged articles."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judgments.get(key, 0) for key in ranking[:k]) / ideal


def reciprocal_rank(ranking: Sequence[str], judgments: Mapping[str, int], k: int = MRR_DEPTH) -> float:
    """1 / position of the first grade-2 article within the first k, else 0."""
    for position, key in enumerate(ranking[:k], start=1):
        if judgments.get(key, 0) >= 2:
            return 1.0 / position
    return 0.0


def recall(ranking: Sequence[str], judgments: Mapping[str, int], k: int = RECALL_DEPTH) -> float:
    """Share of the articles graded 1 or 2 that appear within the first k."""
    relevant = {key for key, grade in judgments.items() if grade >= 1}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def empty_miss(ranking: Sequence[str], judgments: Mapping[str, int]) -> bool:
    """Nothing came back although an article is judged relevant."""
    return not ranking and any(grade >= 1 for grade in judgments.values())


@dataclass(frozen=True)
class QueryScore:
    query: str
    kind: str
    held_out: bool
    ndcg: float
    mrr: float
    recall: float
    empty: bool
    ranking: tuple[str, ...] = field(default=(), compare=False)


def score_query(
    query: str,
    kind: str,
    held_out: bool,
    ranking: Sequence[str],
    judgments: Mapping[str, int],
    *,
    k: int = NDCG_DEPTH,
) -> QueryScore:
    return QueryScore(
        query=query,
        kind=kind,
        held_out=held_out,
        ndcg=ndcg(ranking, judgments, k),
        mrr=reciprocal_rank(ranking, judgments, k),
        recall=recall(ranking, judgments, 2 * k),
        empty=empty_miss(ranking, judgments),
        ranking=tuple(ranking),
    )


@dataclass(frozen=True)
class Summary:
    queries: int
    ndcg: float
    mrr: float
    recall: float
    empty: int

    def as_dict(self) -> dict:
        return {"queries": self.queries, "ndcg": round(self.ndcg, 4), "mrr": round(self.mrr, 4),
                "recall": round(self.recall, 4), "empty": self.empty}


def summarise(scores: Sequence[QueryScore]) -> Summary:
    n = len(scores)
    if not n:
        return Summary(0, 0.0, 0.0, 0.0, 0)
    return Summary(
        queries=n,
        ndcg=sum(s.ndcg for s in scores) / n,
        mrr=sum(s.mrr for s in scores) / n,
        recall=sum(s.recall for s in scores) / n,
        empty=sum(1 for s in scores if s.empty),
    )


def breakdown(scores: Sequence[QueryScore]) -> dict[str, Summary]:
    """"overall", "tuned", "held out", then one entry per query class in first-seen order."""
    rows = {
        "overall": summarise(scores),
        "tuned": summarise([s for s in scores if not s.held_out]),
        "held out": summarise([s for s in scores if s.held_out]),
    }
    for kind in dict.fromkeys(s.kind for s in scores):
        rows[kind] = summarise([s for s in scores if s.kind == kind])
    return rows
