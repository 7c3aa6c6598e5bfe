"""Relevance metrics over graded judgments (see README "Measuring search").

A ranking is a list of article keys (external ids), best first; judgments map keys to grades
(2 = answers the query, 1 = related). Unjudged articles count as grade 0.

The site lists one result per question (platform variants sharing a question_key are one item), so
rankings are scored as the visitor sees them (`per_question`): a question's later variants in a
ranking are dropped, the listed variant's grade is the item's grade, and the ideal list holds each
question once, at its best variant's grade. Systems that list every variant (the BM25 baseline) are
scored through the same view.
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


def ndcg(
    ranking: Sequence[str], judgments: Mapping[str, int], k: int = NDCG_DEPTH, *, ideal_grades: Iterable[int] | None = None
) -> float:
    """DCG of the first k results ÷ DCG of the best possible ordering of *all* judged articles
    (or of `ideal_grades`)."""
    ideal = dcg(sorted(judgments.values() if ideal_grades is None else ideal_grades, reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judgments.get(key, 0) for key in ranking[:k]) / ideal


def reciprocal_rank(ranking: Sequence[str], judgments: Mapping[str, int], k: int = MRR_DEPTH) -> float:
    """1 / position of the first grade-2 article within the first k, else 0."""
    for position, key in enumerate(ranking[:k], start=1):
        if judgments.get(key, 0) >= 2:
            return 1.0 / position
    return 0.0


def recall(
    ranking: Sequence[str], judgments: Mapping[str, int], k: int = RECALL_DEPTH, *, shown: Mapping[str, int] | None = None
) -> float:
    """Share of the articles graded 1 or 2 that appear within the first k (listed with a grade of
    1 or 2 in `shown`, when given: a question listed by a variant that does not answer is not found)."""
    relevant = {key for key, grade in judgments.items() if grade >= 1}
    if not relevant:
        return 0.0
    found = {key for key in ranking[:k] if shown is None or shown.get(key, 0) >= 1}
    return len(relevant & found) / len(relevant)


def first_of_each(ranking: Sequence[str], question_of: Mapping[str, str]) -> list[str]:
    """The ranking's article keys without a question's later variants (what the site lists)."""
    seen: set[str] = set()
    kept = []
    for key in ranking:
        question = question_of.get(key, key)
        if question not in seen:
            seen.add(question)
            kept.append(key)
    return kept


def per_question(
    ranking: Sequence[str], judgments: Mapping[str, int], question_of: Mapping[str, str]
) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """(the ranking as questions, each listed question's grade — its listed variant's —, each judged
    question's best grade). `question_of`: article key -> its question (absent: the article alone)."""
    best: dict[str, int] = {}
    for key, grade in judgments.items():
        question = question_of.get(key, key)
        best[question] = max(best.get(question, 0), grade)
    kept = first_of_each(ranking, question_of)
    listed = [question_of.get(key, key) for key in kept]
    shown = {question_of.get(key, key): judgments.get(key, 0) for key in kept}
    return listed, shown, best


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
    question_of: Mapping[str, str] | None = None,
) -> QueryScore:
    """The metrics of one ranking; per question (see the module) when `question_of` is given."""
    listed, shown, best = per_question(ranking, judgments, question_of or {})
    return QueryScore(
        query=query,
        kind=kind,
        held_out=held_out,
        ndcg=ndcg(listed, shown, k, ideal_grades=best.values()),
        mrr=reciprocal_rank(listed, shown, k),
        recall=recall(listed, best, 2 * k, shown=shown),
        empty=empty_miss(ranking, judgments),
        ranking=tuple(first_of_each(ranking, question_of or {})),
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
