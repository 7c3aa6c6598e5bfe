import pytest

from insights.models import SearchLog
from insights.suggest import build_vocabulary, did_you_mean, title_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_center(make_article):
    make_article("비밀번호를 잊어버렸어요", tags="비밀번호 찾기, 로그인")
    make_article("카카오톡 탈퇴는 어떻게 하나요?", tags="탈퇴, 계정 삭제")
    make_article("결제 내역을 확인하고 싶어요")


def test_title_words_drop_a_trailing_particle():
    assert title_words("비밀번호를 잊어버렸어요") == ["비밀번호를", "비밀번호", "잊어버렸어요"]
    assert title_words("탈퇴는 어떻게?") == ["탈퇴는", "탈퇴", "어떻게"]


def test_jamo_typo_suggests_the_title_word(help_center):
    assert did_you_mean("비밀번효") == "비밀번호"
    assert did_you_mean("탈튀") == "탈퇴"
    assert did_you_mean("결재") == "결제"


def test_each_word_of_a_longer_query_is_corrected(help_center):
    assert did_you_mean("카카오톡 탈튀") == "카카오톡 탈퇴"


def test_nothing_close_means_no_suggestion(help_center):
    assert did_you_mean("환불") is None
    assert did_you_mean("주차장 위치") is None
    assert did_you_mean("") is None


def test_a_known_word_is_not_corrected(help_center):
    assert did_you_mean("비밀번호") is None


def test_unpublished_articles_are_not_candidates(make_article):
    make_article("환불 규정 안내", status="draft", published_at=None)
    assert did_you_mean("환뷸") is None


def test_popular_queries_with_results_are_candidates(help_center):
    for n in range(3):
        SearchLog.objects.create(query="오픈채팅 방장", result_count=4, session_token=f"{n:032x}")
    SearchLog.objects.create(query="오픈채팅 방쟝", result_count=0)
    SearchLog.objects.create(query="오픈채팅 방쟝", result_count=0)
    assert did_you_mean("오픈채팅 방쟝") == "오픈채팅 방장"


def test_one_visitor_repeating_a_query_cannot_plant_a_suggestion(help_center):
    for _ in range(10):
        SearchLog.objects.create(query="무료 쿠폰 받기", result_count=2, session_token="a" * 32)
    SearchLog.objects.create(query="무료 쿠폰 받기", result_count=2, session_token="b" * 32)
    assert "무료 쿠폰 받기" not in build_vocabulary().words
    assert did_you_mean("무료 쿠퐁 받기") is None


def test_queries_without_results_are_not_candidates(help_center):
    for _ in range(5):
        SearchLog.objects.create(query="환불 신청", result_count=0)
    vocabulary = build_vocabulary()
    assert "환불 신청" not in vocabulary.words
    assert did_you_mean("환불 신챙") is None


def test_suggestion_costs_no_query_once_the_vocabulary_is_built(help_center, django_assert_num_queries):
    did_you_mean("비밀번효")
    with django_assert_num_queries(0):
        assert did_you_mean("탈튀") == "탈퇴"


def test_vocabulary_is_bounded_keeping_the_most_frequent(help_center, monkeypatch):
    from insights import suggest

    monkeypatch.setattr(suggest, "VOCABULARY_LIMIT", 3)
    vocabulary = build_vocabulary()
    assert len(vocabulary.words) == 3
