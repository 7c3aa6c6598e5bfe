"""The relevance metrics on tiny rankings worked out by hand."""

import math

import pytest

from search.evaluation.metrics import (
    breakdown,
    empty_miss,
    ndcg,
    per_question,
    recall,
    reciprocal_rank,
    score_query,
    summarise,
)

# 비밀번호 변경: the 공통 article answers it, the iOS variant is related, a neighbour is related.
JUDGED = {"demo-0039": 2, "demo-0040": 1, "demo-2015": 1}


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg(["demo-0039", "demo-0040", "demo-2015"], JUDGED) == pytest.approx(1.0)


def test_ndcg_by_hand_with_gain_two_to_the_grade_minus_one():
    # ranking: unjudged, grade 1, grade 2 → DCG = 0/log2(2) + 1/log2(3) + 3/log2(4)
    dcg = 1 / math.log2(3) + 3 / 2
    # ideal: 2, 1, 1 → 3/1 + 1/log2(3) + 1/log2(4)
    ideal = 3 + 1 / math.log2(3) + 1 / 2
    assert ndcg(["demo-9999", "demo-0040", "demo-0039"], JUDGED) == pytest.approx(dcg / ideal)


def test_ndcg_ideal_counts_judged_articles_that_were_not_retrieved():
    # Only the answer came back, first: DCG 3, ideal 3 + 1/log2(3) + 1/2.
    assert ndcg(["demo-0039"], JUDGED) == pytest.approx(3 / (3 + 1 / math.log2(3) + 0.5))


def test_ndcg_ignores_results_past_the_cut_off():
    ranking = [f"other-{i}" for i in range(10)] + ["demo-0039"]
    assert ndcg(ranking, JUDGED, k=10) == 0.0
    assert ndcg(ranking, JUDGED, k=11) > 0.0


def test_reciprocal_rank_of_the_first_answer_only():
    assert reciprocal_rank(["demo-0040", "x", "demo-0039"], JUDGED) == pytest.approx(1 / 3)
    assert reciprocal_rank(["demo-0040", "demo-2015"], JUDGED) == 0.0  # related articles are not answers
    assert reciprocal_rank(["x"] * 10 + ["demo-0039"], JUDGED, k=10) == 0.0


def test_recall_counts_grade_one_and_two_within_k():
    assert recall(["demo-0040", "x", "demo-0039"], JUDGED) == pytest.approx(2 / 3)
    assert recall(["x"] * 20 + ["demo-2015"], JUDGED, k=20) == 0.0
    assert recall([], JUDGED) == 0.0


def test_empty_miss_only_when_nothing_came_back():
    assert empty_miss([], JUDGED)
    assert not empty_miss(["x"], JUDGED)
    assert not empty_miss([], {})


def test_summaries_overall_per_class_and_held_out():
    scores = [
        score_query("비번", "slang", False, ["demo-0039"], {"demo-0039": 2}),
        score_query("비밀번효", "typo", True, [], {"demo-0039": 2}),
        score_query("탈퇴", "short", False, ["x", "demo-0045"], {"demo-0045": 2}),
    ]
    overall = summarise(scores)
    assert overall.queries == 3
    assert overall.mrr == pytest.approx((1 + 0 + 0.5) / 3)
    assert overall.recall == pytest.approx(2 / 3)
    assert overall.empty == 1
    rows = breakdown(scores)
    assert list(rows) == ["overall", "tuned", "held out", "slang", "typo", "short"]
    assert rows["held out"].queries == 1 and rows["held out"].ndcg == 0.0
    assert rows["tuned"].ndcg == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert rows["typo"].empty == 1


def test_rankings_are_scored_one_result_per_question():
    # "backup" is one question on three platforms: 공통 answers (2), the others are variants (1).
    question_of = {"b-common": "backup", "b-ios": "backup", "b-android": "backup"}
    judged = {"b-common": 2, "b-ios": 1, "b-android": 1, "restore": 1}
    listed, shown, best = per_question(["b-ios", "b-common", "restore", "b-android"], judged, question_of)
    assert listed == ["backup", "restore"]  # later variants dropped
    assert shown == {"backup": 1, "restore": 1}  # the listed variant's grade, not the best one's
    assert best == {"backup": 2, "restore": 1}  # the ideal list holds each question once, at its best
    score = score_query("백업", "short", False, ["b-common", "b-ios", "restore"], judged, question_of=question_of)
    assert score.ndcg == pytest.approx(1.0) and score.recall == 1.0 and score.mrr == 1.0
    assert score.ranking == ("b-common", "restore")
    wrong_variant = score_query("백업", "short", False, ["b-ios", "restore"], judged, question_of=question_of)
    assert wrong_variant.mrr == 0.0 and wrong_variant.ndcg < 1.0
