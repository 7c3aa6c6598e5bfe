"""Behaviour of search(), bullet by bullet. Runs unchanged on SQLite and PostgreSQL
(`DATABASE_URL=postgresql://… pytest search/tests/test_search.py`)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from articles.signals import articles_changed
from articles.tests.factories import make_article, make_category, make_platform, make_service
from search import SORTS, SearchFilters, search

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [hit.article.title for hit in results.hits]


def ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)


# --- matching inside compounds and inflected forms -------------------------------------------------


def test_term_matches_inside_compounds_and_inflected_forms():
    make_article(title="카카오톡 이용이 제한되었어요", body="<p>운영정책을 위반하면 이용제한/임시조치를 받을 수 있어요.</p>")
    make_article(title="계정이 제한되어 로그인할 수 없어요", body="<p>보호조치 안내</p>")
    make_article(title="신고하면 어떤 제한조치가 있나요?", body="<p>신고 처리 안내</p>")
    make_article(title="채팅방 이용 안내", body="<p>부적절한 행동을 하면 이용이 제한될 수 있습니다.</p>")
    make_article(title="프로필 사진 바꾸기", body="<p>더보기 &gt; 프로필 편집</p>")
    assert sorted(titles(search("제한"))) == sorted(
        ["카카오톡 이용이 제한되었어요", "계정이 제한되어 로그인할 수 없어요", "신고하면 어떤 제한조치가 있나요?", "채팅방 이용 안내"]
    )


def test_withdrawal_and_backup_match_their_inflected_forms():
    make_article(title="카카오톡 탈퇴", body="<p>탈퇴 전 확인하세요.</p>")
    make_article(title="계정 삭제 전 알아두세요", body="<p>탈퇴하면 대화 내용을 복구할 수 없어요.</p>")
    make_article(title="대화 내용 옮기기", body="<p>채팅 목록을 백업하고 새 기기에서 복원하세요.</p>")
    assert sorted(titles(search("탈퇴"))) == ["계정 삭제 전 알아두세요", "카카오톡 탈퇴"]
    assert titles(search("백업")) == ["대화 내용 옮기기"]


def test_one_syllable_hangul_terms_work():
    make_article(title="만 14세 미만 가입 안내", body="<p>법정대리인 동의가 필요해요.</p>")
    make_article(title="비밀번호 변경", body="<p>설정에서 바꿀 수 있어요.</p>")
    assert titles(search("세")) == ["만 14세 미만 가입 안내"]
    assert titles(search("14세")) == ["만 14세 미만 가입 안내"]


# --- natural questions --------------------------------------------------------------------------


def test_natural_question_finds_the_article_although_no_text_contains_it():
    make_article(
        title="비밀번호 변경 방법",
        body="<p>더보기 &gt; 설정 &gt; 개인/보안 &gt; 비밀번호 변경 순서로 누른 뒤 새 비밀번호를 입력하세요.</p>",
    )
    make_article(title="닉네임 바꾸기", body="<p>프로필 편집에서 이름을 바꿀 수 있어요.</p>")
    results = search("비밀번호를 변경하고 싶어요")
    assert titles(results) == ["비밀번호 변경 방법"]


def test_particles_and_endings_in_the_query_do_not_make_results_vanish():
    make_article(title="톡서랍 백업 안내", body="<p>대화를 톡서랍에 저장해요.</p>")
    assert titles(search("백업을 하려면 어떻게 해야 하나요")) == ["톡서랍 백업 안내"]


# --- phrases, case, several words -----------------------------------------------------------------


def test_quoted_phrase_matches_in_order_only():
    make_article(title="보안 설정", body="<p>더보기 &gt; 설정 &gt; 개인/보안 &gt; 비밀번호 변경</p>")
    make_article(title="변경 이력", body="<p>변경한 내용은 비밀번호 없이 볼 수 없어요.</p>")
    assert titles(search('"비밀번호 변경"')) == ["보안 설정"]
    assert sorted(titles(search("비밀번호 변경"))) == ["변경 이력", "보안 설정"]


def test_quoted_phrase_matches_across_punctuation_but_not_glued_words():
    make_article(title="보안 설정", body="<p>설정 &gt; 비밀번호/변경 메뉴를 누르세요.</p>")
    make_article(title="변경 안내", body="<p>비밀번호변경은 앱에서만 돼요.</p>")
    make_article(title="대화 보관", body="<p>오래된 대화내용 백업 방법입니다.</p>")
    assert titles(search('"비밀번호 변경"')) == ["보안 설정"]
    assert titles(search('"비밀번호/변경"')) == ["보안 설정"]
    assert titles(search('"내용 백업"')) == ["대화 보관"]


def test_slash_separated_query_finds_what_the_spaced_query_finds():
    make_article(title="이용제한 안내", body="<p>이용제한/임시조치 기준을 알려드려요.</p>")
    make_article(title="임시조치란", body="<p>게시물 임시조치 절차</p>")
    assert sorted(titles(search("이용제한/임시조치"))) == sorted(titles(search("이용제한 임시조치")))
    assert titles(search("이용제한/임시조치"))[0] == "이용제한 안내"


def test_unbalanced_quote_still_searches():
    make_article(title="비밀번호 변경", body="<p>본문</p>")
    assert titles(search('"비밀번호')) == ["비밀번호 변경"]


def test_latin_is_case_insensitive():
    make_article(title="iOS에서 알림이 오지 않아요", body="<p>iPhone 설정 &gt; 알림</p>", platform="iOS")
    make_article(title="PC버전 로그인", body="<p>Windows와 macOS를 지원해요.</p>", platform="PC")
    assert titles(search("ios")) == ["iOS에서 알림이 오지 않아요"]
    assert titles(search("IPHONE")) == ["iOS에서 알림이 오지 않아요"]
    assert titles(search("pc버전")) == ["PC버전 로그인"]


def test_documents_matching_all_words_rank_above_those_matching_some():
    make_article(title="알림 소리 설정", body="<p>알림음을 바꿀 수 있어요.</p>", published_at=ago(1))
    make_article(title="채팅방 알림 끄기", body="<p>채팅방 설정에서 알림을 끕니다. 소리도 함께 꺼져요.</p>", published_at=ago(30))
    make_article(title="채팅방 나가기", body="<p>채팅방을 길게 누르세요.</p>", published_at=ago(2))
    results = search("채팅방 알림 소리")
    assert titles(results)[0] == "채팅방 알림 끄기"
    assert set(titles(results)) == {"알림 소리 설정", "채팅방 알림 끄기", "채팅방 나가기"}
    assert results.hits[0].score > results.hits[1].score > results.hits[2].score


# --- ranking --------------------------------------------------------------------------------------


def test_title_outranks_tags_which_outrank_body():
    body = make_article(title="계정 안내 1", body="<p>휴면 계정은 1년 미사용 시 전환돼요.</p>", published_at=ago(1))
    tags = make_article(title="계정 안내 2", body="<p>로그인하면 풀려요.</p>", tags="휴면, 장기 미사용", published_at=ago(2))
    title = make_article(title="휴면 계정 해제", body="<p>로그인하면 풀려요.</p>", published_at=ago(3))
    assert [h.article.pk for h in search("휴면").hits] == [title.pk, tags.pk, body.pk]


def test_exact_phrase_beats_scattered_terms():
    # Term statistics need a corpus: in one of two articles every word looks rare.
    for title in ("프로필 사진 바꾸기", "알림 소리 설정", "친구 추가 방법", "선물하기 환불"):
        make_article(title=title, body="<p>설정에서 바꿀 수 있어요.</p>")
    scattered = make_article(
        title="대화 백업", body="<p>내용을 확인한 뒤 대화를 저장하세요.</p>", published_at=ago(1)
    )
    phrase = make_article(title="기기 변경", body="<p>대화 내용은 자동으로 옮겨지지 않아요.</p>", published_at=ago(60))
    assert [h.article.pk for h in search("대화 내용").hits] == [phrase.pk, scattered.pk]


def test_exact_title_query_puts_that_article_first():
    make_article(title="카카오톡 이용 제한 해제 방법", body="<p>카카오톡 이용이 제한되었어요 라는 알림을 받았다면</p>")
    make_article(title="카카오톡 이용이 제한된 이유", body="<p>카카오톡 이용이 제한되었어요 카카오톡 이용이 제한되었어요</p>")
    exact = make_article(title="카카오톡 이용이 제한되었어요", body="<p>고객센터로 문의하세요.</p>", published_at=ago(500))
    assert search("카카오톡 이용이 제한되었어요").hits[0].article.pk == exact.pk
    assert search("카카오톡 이용이 제한되었어요?").hits[0].article.pk == exact.pk


def test_ties_break_by_newest_then_id():
    same = ago(5)
    first = make_article(title="선물하기 환불", published_at=same)
    second = make_article(title="선물하기 환불", published_at=same)
    newer = make_article(title="선물하기 환불", published_at=ago(1))
    order = [h.article.pk for h in search("환불").hits]
    assert order == [newer.pk, second.pk, first.pk]
    assert order == [h.article.pk for h in search("환불").hits]


# --- snippets -------------------------------------------------------------------------------------


def test_snippet_marks_matches_in_body_fragments_and_title():
    filler = "카카오톡 고객센터 도움말입니다. " * 10
    make_article(
        title="비밀번호를 잊어버렸어요",
        body=f"<p>{filler}</p><p>로그인 화면에서 비밀번호 재설정을 누르세요.</p><p>{filler}</p><p>재설정 메일이 오지 않으면 스팸함을 확인하세요.</p>",
    )
    hit = search("재설정").hits[0]
    assert hit.title_highlighted == "비밀번호를 잊어버렸어요"
    assert "<mark>재설정</mark>" in hit.snippet
    text = re.sub(r"</?mark>", "", hit.snippet)
    assert len(text) <= 150 + 3 * len("…")
    assert "…" in text
    assert search("비밀번호").hits[0].title_highlighted == "<mark>비밀번호</mark>를 잊어버렸어요"


def test_snippet_joins_distant_fragments_with_ellipsis():
    filler = "설정 화면을 차례로 확인하세요. " * 15
    make_article(title="알림 문제 해결", body=f"<p>알림이 오지 않으면 {filler} 그래도 알림이 없으면 재설치하세요.</p>")
    snippet = search("알림").hits[0].snippet
    assert snippet.count("<mark>알림</mark>") >= 2
    assert re.search(r"</mark>.*…\S.*<mark>알림</mark>", snippet)


def test_snippet_finds_far_fragments_and_stops_reading_once_it_has_them():
    from search.snippets import match_pattern, text_snippet

    filler = "설정 화면을 차례로 확인하세요. " * 60
    make_article(title="알림 문제 해결", body=f"<p>알림이 오지 않으면 {filler} 그래도 알림이 없으면 재설치하세요.</p>")
    snippet = search("알림").hits[0].snippet
    assert snippet.count("<mark>알림</mark>") == 2 and "재설치" in snippet
    make_article(title="백업 안내", body=f"<p>{filler} 마지막으로 백업 파일을 확인하세요.</p>")
    assert "<mark>백업</mark> 파일" in search("백업").hits[0].snippet

    class Counting:  # the pattern, counting the matches read
        def __init__(self, pattern):
            self.pattern, self.read = pattern, 0

        def finditer(self, text):
            for found in self.pattern.finditer(text):
                self.read += 1
                yield found

    pattern = Counting(match_pattern(["설정"]))
    snippet = text_snippet(filler, pattern)
    assert snippet.count("<mark>설정</mark>") >= 2
    assert pattern.read <= 12  # of the 60 in the body: as far as the two windows reach


def test_snippets_are_made_from_the_text_the_index_stores_without_reading_bodies():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(title="대화 백업", body="<p>설정 &gt; 채팅에서 <b>대화 백업</b>을 누르세요.</p>")
    search("동기화")  # the index is built before the queries are watched
    with CaptureQueriesContext(connection) as queries:
        hit = search("백업").hits[0]
    assert hit.snippet == "설정 &gt; 채팅에서 대화 <mark>백업</mark>을 누르세요."
    assert not [q["sql"] for q in queries.captured_queries if '"body"' in q["sql"]]


def test_an_article_changed_since_the_index_stored_its_text_gets_its_snippet_from_its_body():
    from search.engine import _texts

    article = make_article(title="대화 백업", body="<p>지금의 본문</p>")
    article.refresh_from_db()
    current = {article.pk: (article.version, "색인된 본문")}
    older = {article.pk: (article.version - 1, "예전 본문")}
    assert _texts({article.pk: article}, current) == {article.pk: "색인된 본문"}
    assert _texts({article.pk: article}, older) == _texts({article.pk: article}, {}) == {article.pk: "지금의 본문"}


def test_latin_words_and_numbers_are_highlighted_whole():
    from search.snippets import highlight_title, match_pattern

    text = "bios iOS 12 ios12 xios PC버전 pc2 1212 12세"
    assert highlight_title(text, match_pattern(["ios"])) == "bios <mark>iOS</mark> 12 <mark>ios</mark>12 xios PC버전 pc2 1212 12세"
    assert highlight_title(text, match_pattern(["12"])) == "bios iOS <mark>12</mark> ios<mark>12</mark> xios PC버전 pc2 1212 <mark>12</mark>세"
    assert highlight_title(text, match_pattern(["pc버전", "12세"])) == "bios iOS 12 ios12 xios <mark>PC버전</mark> pc2 1212 <mark>12세</mark>"


def test_snippet_without_body_match_shows_the_beginning():
    make_article(title="비밀번호 변경", body="<p>설정 메뉴에서 바꿀 수 있어요.</p>")
    assert search("비밀번호").hits[0].snippet == "설정 메뉴에서 바꿀 수 있어요."


def test_neither_body_nor_query_can_inject_markup():
    make_article(title="<b>태그</b> 표시 문제 & 해결", body="<p>본문에 &lt;script&gt;alert(1)&lt;/script&gt; 문자가 보여요.</p>")
    hit = search("<script> 태그").hits[0]
    assert "<script" not in hit.snippet
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet
    assert "<b>" not in hit.title_highlighted
    assert hit.title_highlighted == "&lt;b&gt;<mark>태그</mark>&lt;/b&gt; 표시 문제 &amp; 해결"
    assert re.sub(r"&lt;|&gt;|&amp;|</?mark>", "", hit.snippet).count("<") == 0


# --- facets ---------------------------------------------------------------------------------------


@pytest.fixture
def catalogue():
    talk, story = make_service("카카오톡", order=1), make_service("카카오스토리", order=2)
    account = make_category("계정", service=talk, order=1)
    chat = make_category("채팅", service=talk, order=2)
    story_account = make_category("스토리 계정", service=story)
    ios, android = make_platform("iOS", order=1), make_platform("안드로이드", order=2)
    make_article(title="로그인 오류 해결", service=talk, category=account, platform=ios)
    make_article(title="로그인 기록 확인", service=talk, category=account, platform=android)
    make_article(title="채팅방 로그인 알림", service=talk, category=chat, platform=android)
    make_article(title="스토리 로그인 안내", service=story, category=story_account, platform=ios)
    make_article(title="스토리 친구 관리", service=story, category=story_account, platform=ios)
    return locals()


def counts(results, facet):
    return {v.slug: v.count for v in results.facets[facet]}


def test_facets_count_the_matches_per_service_category_and_platform(catalogue):
    results = search("로그인")
    assert results.count == 4
    assert counts(results, "service") == {"카카오톡": 3, "카카오스토리": 1}
    assert counts(results, "category") == {"계정": 2, "채팅": 1, "스토리-계정": 1}
    assert counts(results, "platform") == {"ios": 2, "안드로이드": 2}


def test_facet_counts_ignore_their_own_selection(catalogue):
    results = search("로그인", filters=SearchFilters(platform=("ios",)))
    assert titles(results) and results.count == 2
    assert counts(results, "platform") == {"ios": 2, "안드로이드": 2}
    assert [v.selected for v in results.facets["platform"]] == [True, False]
    assert counts(results, "service") == {"카카오톡": 1, "카카오스토리": 1}


def test_facet_values_multi_select_or_within_and_across(catalogue):
    either = search("로그인", filters=SearchFilters(category=("계정", "채팅")))
    assert sorted(titles(either)) == ["로그인 기록 확인", "로그인 오류 해결", "채팅방 로그인 알림"]
    both = search("로그인", filters=SearchFilters(category=("계정", "채팅"), platform=("안드로이드",)))
    assert sorted(titles(both)) == ["로그인 기록 확인", "채팅방 로그인 알림"]
    assert counts(both, "category") == {"계정": 1, "채팅": 1}


def test_categories_are_listed_under_their_service(catalogue):
    categories = search("").facets["category"]
    assert [(v.parent_name, v.name) for v in categories] == [
        ("카카오톡", "계정"),
        ("카카오톡", "채팅"),
        ("카카오스토리", "스토리 계정"),
    ]
    assert categories[0].parent_slug == "카카오톡"


def test_unknown_facet_slug_gives_no_results(catalogue):
    assert search("로그인", filters=SearchFilters(service=("없는-서비스",))).count == 0


# --- sorting and pagination ----------------------------------------------------------------------


def test_sorts_newest_popular_and_korean_alphabetical_title():
    make_article(title="하트 선물하기", body="<p>선물</p>", published_at=ago(3), view_count=5)
    make_article(title="가입 선물 안내", body="<p>선물</p>", published_at=ago(1), view_count=1)
    make_article(title="나에게 선물 보내기", body="<p>선물</p>", published_at=ago(2), view_count=50)
    assert titles(search("선물", sort="newest")) == ["가입 선물 안내", "나에게 선물 보내기", "하트 선물하기"]
    assert titles(search("선물", sort="popular")) == ["나에게 선물 보내기", "하트 선물하기", "가입 선물 안내"]
    assert titles(search("선물", sort="title")) == ["가입 선물 안내", "나에게 선물 보내기", "하트 선물하기"]
    assert search("선물").sort == "relevance"


def test_popular_sort_follows_view_counts_updated_without_save():
    low = make_article(title="이모티콘 구매", view_count=1)
    make_article(title="이모티콘 선물", view_count=10)
    Article.objects.filter(pk=low.pk).update(view_count=100)
    articles_changed.send(sender=Article, article_ids=[low.pk])  # as the counters' fold does
    assert search("이모티콘", sort="popular").hits[0].article.pk == low.pk


def test_pagination_counts_all_and_clamps_to_last_page():
    for i in range(5):
        make_article(title=f"오픈채팅 안내 {i}", published_at=ago(i + 1))
    first = search("오픈채팅", page=1, page_size=2)
    assert (first.count, first.num_pages, len(first.hits)) == (5, 3, 2)
    last = search("오픈채팅", page=99, page_size=2)
    assert (last.page, titles(last)) == (3, ["오픈채팅 안내 4"])
    pages = [t for p in (1, 2, 3) for t in titles(search("오픈채팅", page=p, page_size=2))]
    assert len(set(pages)) == 5


def test_empty_query_browses_all_public_articles_newest_first():
    make_article(title="오래된 문서", published_at=ago(10))
    make_article(title="새 문서", published_at=ago(1))
    make_article(title="초안", status=Article.Status.DRAFT)
    for query in ("", "   ", None):
        results = search(query)
        assert (titles(results), results.sort) == (["새 문서", "오래된 문서"], "newest")
    assert counts(search(""), "service") == {"카카오톡": 2}


def test_invalid_sort_raises_value_error():
    with pytest.raises(ValueError):
        search("비밀번호", sort="rank")
    assert set(SORTS) == {"relevance", "newest", "popular", "title"}


# --- only public articles -----------------------------------------------------------------------


def test_only_published_articles_whose_time_has_passed_are_searched_or_counted():
    make_article(title="공개 환불 안내")
    make_article(title="초안 환불 안내", status=Article.Status.DRAFT)
    make_article(title="보관 환불 안내", status=Article.Status.ARCHIVED, published_at=ago(100))
    make_article(title="예약 환불 안내", published_at=timezone.now() + timedelta(hours=1))
    make_article(title="숨긴 서비스 환불 안내", service=make_service("종료된 서비스", is_active=False))
    make_article(title="숨긴 플랫폼 환불 안내", platform=make_platform("윈도우폰", is_active=False))
    results = search("환불")
    assert titles(results) == ["공개 환불 안내"]
    assert results.count == 1
    assert sum(v.count for v in results.facets["platform"]) == 1
    assert search("").count == 1


def test_scheduled_article_appears_when_its_time_passes(monkeypatch):
    make_article(title="새해 이벤트 안내", published_at=timezone.now() + timedelta(hours=1))
    assert search("이벤트").count == 0
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr("search.engine.timezone.now", lambda: later)
    assert titles(search("이벤트")) == ["새해 이벤트 안내"]


# --- any input is safe ---------------------------------------------------------------------------

NASTY = [
    "& | ! ( ) : * < -> '",
    "비밀번호 & 변경 | !탈퇴",
    "제한:* <-> 'a'",
    "(((",
    '"',
    '"비밀번호',
    '""',
    "\\",
    "\\' OR 1=1 --",
    "비밀\x00번호",
    "\x00",
    "😀🔥 이모티콘",
    "😀",
    "   \t\n ",
    "NEAR(비밀 번호) AND title:*",
    "x" * 10_000,
    "비밀번호 " * 2_000,
    "%_%",
]


@pytest.mark.parametrize("query", NASTY)
def test_any_input_gives_results_or_nothing(query):
    make_article(title="비밀번호 변경", body="<p>더보기 &gt; 설정 &gt; 개인/보안 &gt; 비밀번호 변경</p>")
    results = search(query)
    assert results.count == len(results.hits) <= 1
    assert len(results.query) <= 200
    assert "\x00" not in results.query


def test_special_characters_around_words_are_ignored():
    make_article(title="비밀번호 변경", body="<p>본문</p>")
    assert titles(search("비밀번호 & 변경 | !탈퇴")) == ["비밀번호 변경"]
    assert titles(search("비밀\x00번호")) == ["비밀번호 변경"]


def test_overlong_query_is_cut_to_the_documented_limit(settings):
    make_article(title="비밀번호 변경", body="<p>본문</p>")
    results = search("비밀번호 " + "가" * 5000)
    assert len(results.query) == settings.SEARCH_MAX_QUERY_LENGTH == 200
    assert titles(results) == ["비밀번호 변경"]


# --- synonyms ------------------------------------------------------------------------------------


def test_synonyms_match_but_rank_below_the_term_itself(monkeypatch):
    synonyms = {"탈퇴": ["계정 삭제", "회원탈퇴"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    exact = make_article(title="카카오톡 탈퇴", published_at=ago(60))
    synonym = make_article(title="카카오 계정 삭제", published_at=ago(1))
    make_article(title="계정 정보 보기")
    results = search("탈퇴하려면")
    assert [h.article.pk for h in results.hits] == [exact.pk, synonym.pk]
    assert results.hits[1].title_highlighted == "카카오 <mark>계정 삭제</mark>"


def test_broken_synonym_source_does_not_break_search(monkeypatch):
    def broken(term, state):
        raise RuntimeError("synonym table missing")

    monkeypatch.setattr("search.synonyms.synonyms_for", broken)
    make_article(title="카카오톡 탈퇴")
    assert titles(search("탈퇴")) == ["카카오톡 탈퇴"]


# --- index kept in sync --------------------------------------------------------------------------


def test_editing_an_article_updates_the_index():
    article = make_article(title="선물하기 환불", body="<p>구매 취소</p>")
    article.title = "선물하기 교환"
    article.save()
    assert search("환불").count == 0
    assert titles(search("교환")) == ["선물하기 교환"]


def test_status_changes_add_and_remove_articles():
    article = make_article(title="톡캘린더 사용법", status=Article.Status.DRAFT)
    assert search("톡캘린더").count == 0
    article.status = Article.Status.PUBLISHED
    article.save()
    assert search("톡캘린더").count == 1
    article.status = Article.Status.ARCHIVED
    article.save()
    assert search("톡캘린더").count == 0


def test_deleting_an_article_removes_it():
    article = make_article(title="톡게시판 글쓰기")
    article.delete()
    assert search("톡게시판").count == 0
    make_article(title="톡게시판 알림")
    Article.objects.filter(title="톡게시판 알림").delete()
    assert search("톡게시판").count == 0


def test_taxonomy_rename_and_deactivation_update_the_index():
    article = make_article(title="메시지 전송 실패", platform="맥")
    platform = article.platform
    platform.name = "macOS"
    platform.save()
    assert titles(search("macos")) == ["메시지 전송 실패"]
    assert search("맥").count == 0
    category = article.category
    category.is_active = False
    category.save()
    assert search("메시지").count == 0
    category.is_active = True
    category.save()
    assert search("메시지").count == 1


def test_bulk_writes_are_indexed_when_their_writer_says_so():
    service, category, platform = make_service(), make_category(), make_platform()
    assert search("멀티프로필").count == 0  # the index exists before the bulk write
    created = Article.objects.bulk_create(
        [
            Article(service=service, category=category, platform=platform, title=f"멀티프로필 안내 {i}",
                    body="<p>본문</p>", status=Article.Status.PUBLISHED, published_at=ago(1))
            for i in range(3)
        ]
    )
    ids = [a.pk for a in Article.objects.filter(title__startswith="멀티프로필")]
    assert search("멀티프로필").count == 0 and len(created) == 3
    articles_changed.send(sender=Article, article_ids=ids)
    assert search("멀티프로필").count == 3
    Article.objects.filter(pk=ids[0]).update(status=Article.Status.DRAFT)
    articles_changed.send(sender=Article, article_ids=ids[:1])
    assert search("멀티프로필").count == 2
    Article.objects.filter(pk__in=ids[1:]).delete()
    assert search("멀티프로필").count == 0


def test_rebuild_command_rebuilds_from_scratch():
    make_article(title="지갑 인증서 발급")
    draft = make_article(title="지갑 초안", status=Article.Status.DRAFT)
    assert search("지갑").count == 1
    # Written behind the index's back (no signal): only a rebuild finds it.
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=ago(1))
    assert search("지갑").count == 1
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert search("지갑").count == 2
    assert "2" in out.getvalue()


def test_compound_nouns_ending_like_an_ending_are_searched_and_marked_whole():
    make_article(title="이용제한 해제를 요청하고 싶어요", body="<p>이용제한 기간이 끝나면 자동으로 풀려요.</p>")
    make_article(title="이용제도 안내", body="<p>서비스 이용제도 변경 공지</p>")
    results = search("이용제한")
    assert [hit.article.title for hit in results.hits] == ["이용제한 해제를 요청하고 싶어요"]
    assert "<mark>이용제한</mark>" in results.hits[0].title_highlighted


def test_a_selected_value_without_matches_stays_listed_so_it_can_be_unticked():
    make_article(title="카카오톡 대화 백업", platform="안드로이드")
    make_platform("iOS")
    results = search("백업", filters=SearchFilters(platform=("ios",), category=("계정",)))
    assert results.count == 0
    platforms = {v.slug: (v.count, v.selected) for v in results.facets["platform"]}
    assert platforms["ios"] == (0, True)
    category = next(v for v in results.facets["category"] if v.slug == "계정")
    assert category.selected and category.parent_name == "카카오톡"


# --- platform words in the query ------------------------------------------------------------------


@pytest.fixture
def platform_articles():
    for order, name in enumerate(["공통", "iOS", "안드로이드", "안드로이드 (원스토어)"]):
        make_platform(name, order=order)
    make_article(title="결제를 취소하고 싶어요", body="<p>결제 내역에서 취소합니다.</p>", platform="공통")
    make_article(title="결제 취소 방법", body="<p>원스토어 결제 내역에서 취소합니다.</p>", platform="안드로이드 (원스토어)")
    make_article(title="대화 백업하기", body="<p>설정에서 백업합니다.</p>", platform="안드로이드 (원스토어)")
    make_article(title="알림이 오지 않아요", body="<p>알림 설정을 확인하세요.</p>", platform="iOS")


def test_a_platform_word_beside_a_topic_ranks_that_platform_first_and_matches_nothing_alone(platform_articles):
    results = search("원스토어 결제 취소")  # a word of "안드로이드 (원스토어)" names that platform
    assert [(h.article.title, h.article.platform.name) for h in results.hits] == [
        ("결제 취소 방법", "안드로이드 (원스토어)"),
        ("결제를 취소하고 싶어요", "공통"),
    ]  # 대화 백업하기 is a 원스토어 article, but not about 결제
    assert titles(search("iOS 알림")) == ["알림이 오지 않아요"]


def test_of_that_platforms_articles_the_one_that_says_the_word_ranks_first(platform_articles):
    make_article(title="원스토어에서 알림이 늦어요", body="<p>알림 설정을 확인하세요.</p>", platform="안드로이드 (원스토어)", published_at=ago(9))
    make_article(title="알림이 와요", body="<p>알림 설정을 확인하세요.</p>", platform="안드로이드 (원스토어)")
    results = titles(search("원스토어 알림"))
    assert results[0] == "원스토어에서 알림이 늦어요"
    assert "대화 백업하기" not in results  # still matches nothing by itself


def test_a_platform_word_alone_still_finds_that_platforms_articles(platform_articles):
    assert titles(search("iOS")) == ["알림이 오지 않아요"]
    assert sorted(titles(search("원스토어 백업"))) == ["대화 백업하기"]


def test_the_question_ending_hanayo_is_not_the_word_one():
    from search.query import plan_query

    weights = {part.term.stem: part.weight for part in plan_query("대화 백업은 어떻게 하나요").parts}
    assert weights["대화"] == weights["백업"] == 1.0
    assert weights["하나"] < 1.0


def test_a_quoted_phrase_filters_and_its_words_still_rank():
    make_article(title="프로필 사진 가림 안내", body="<p>이용제한 내역 안내입니다.</p>")
    make_article(
        title="이용제한 기간 안내",
        body="<p>기간은 위반의 정도에 따라 정해지며 안내 메일과 알림으로 알려 드립니다. 이용제한 내역을 확인하세요.</p>",
    )
    make_article(title="이용제한 해제 방법", body="<p>이용제한은 기간이 지나면 풀립니다.</p>")
    results = search('"이용제한 내역"')
    assert titles(results) == ["이용제한 기간 안내", "프로필 사진 가림 안내"]  # only the two with the phrase
    assert results.count == 2


def test_a_phrase_does_not_span_two_table_cells_or_tags():
    make_article(title="내려받은 파일 위치", tags="저장 위치, 파일", body="<table><tr><td>iOS</td><td>파일 앱</td></tr></table>")
    make_article(title="파일 앱 연동", body="<p>iOS 파일 앱 화면에서 드라이브를 엽니다.</p>")
    assert titles(search('"iOS 파일 앱"')) == ["파일 앱 연동"]
    assert titles(search('"위치 파일"')) == []


def test_a_word_repeated_through_its_synonyms_counts_once(monkeypatch):
    synonyms = {"탈퇴": ["회원 탈퇴", "계정 삭제"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    make_article(title="탈퇴하고 싶어요", body="<p>회원 탈퇴는 계정 삭제예요. 계정 삭제 전에 안내를 읽어요.</p>", published_at=ago(1))
    make_article(title="탈퇴하면 대화는 어떻게 되나요?", body="<p>탈퇴하면 대화가 지워져요.</p>", published_at=ago(2))
    for n in range(3):
        make_article(title=f"대화 이야기 {n}", body="<p>대화를 나눠요.</p>")
    assert titles(search("탈퇴하면 대화 어떻게 돼요"))[0] == "탈퇴하면 대화는 어떻게 되나요?"


def test_a_run_of_query_words_equal_to_a_tag_ranks_that_article_first(monkeypatch):
    synonyms = {"그만하다": ["중지"]}  # 그만하고 -> 그만, looked up as 그만하다
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    make_article(title="계정을 탈퇴하고 싶어요", tags="탈퇴", body="<p>탈퇴 후 7일 안에는 취소할 수 있어요.</p>", published_at=ago(1))
    make_article(title="탈퇴를 되돌리고 싶어요", tags="탈퇴 취소", body="<p>7일 안에 다시 로그인하세요.</p>", published_at=ago(2))
    assert titles(search("7일 탈퇴 취소"))[0] == "탈퇴를 되돌리고 싶어요"
    make_article(title="공유 링크 만들기", tags="파일 공유", body="<p>파일 공유 링크를 만들어요.</p>", published_at=ago(1))
    make_article(title="공유를 멈추고 싶어요", tags="공유 중지", body="<p>파일 공유를 멈춰요.</p>", published_at=ago(2))
    assert titles(search("공유 그만하고 싶어요"))[0] == "공유를 멈추고 싶어요"


def test_of_two_titles_with_the_word_the_one_tagged_with_it_ranks_first():
    make_article(title="신고를 취소하고 싶어요", tags="신고 취소, 신고 내역", body="<p>신고 내역에서 신고를 취소합니다.</p>")
    make_article(title="불쾌한 메시지를 신고하고 싶어요", tags="신고, 스팸", body="<p>메시지를 길게 눌러 신고하세요.</p>")
    assert titles(search("신고"))[0] == "불쾌한 메시지를 신고하고 싶어요"


# --- words no article has ----------------------------------------------------------------------


def test_a_word_typed_without_spaces_that_no_article_has_splits_into_its_words(monkeypatch):
    synonyms = {"비번": ["비밀번호"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    make_article(title="비밀번호를 변경하고 싶어요", body="<p>설정에서 비밀번호를 변경해요.</p>")
    make_article(title="비밀번호가 기억나지 않아요", body="<p>비밀번호 찾기를 눌러요.</p>")
    make_article(title="이메일을 변경하고 싶어요", body="<p>설정에서 이메일을 변경해요.</p>")
    results = titles(search("비번변경"))
    assert results[0] == "비밀번호를 변경하고 싶어요"
    assert "비밀번호가 기억나지 않아요" in results  # through 비번 -> 비밀번호, not a bigram of 비번변경


def test_the_synonyms_of_a_word_no_article_has_count_in_full(monkeypatch):
    synonyms = {"톡방": ["채팅"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    make_article(title="채팅", body="<p>안내입니다.</p>", published_at=ago(3))
    make_article(title="채팅 내역", body="<p>안내입니다.</p>", published_at=ago(3))
    make_article(title="알림 안내", body="<p>안내입니다.</p>", published_at=ago(1))
    make_article(title="알림 내역", body="<p>안내입니다.</p>", published_at=ago(1))
    # 톡방 is in no article: 채팅 stands in for it as fully as 알림 counts for itself, so the
    # shortest title with either comes first (at half weight 채팅 would lose to 알림).
    assert titles(search("톡방 알림"))[0] == "채팅"


def test_a_lone_syllable_with_synonyms_of_its_own_is_a_word_not_filler(monkeypatch):
    from search.query import plan_query

    synonyms = {"폰": ["휴대폰"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    weights = {part.term.stem: part.weight for part in plan_query("폰 안 바꿨어요").parts}
    assert weights["폰"] == 1.0
    assert weights["안"] < 1.0


def test_the_words_of_a_word_typed_without_spaces_match_tags_like_typed_words(monkeypatch):
    synonyms = {"변경": ["바꾸다"], "바꾸다": ["변경"]}
    monkeypatch.setattr("search.synonyms.synonyms_for", lambda term, state: synonyms.get(term, []))
    make_article(title="휴대폰을 바꾸기 전에 할 일", tags="기기 변경", body="<p>휴대폰을 바꾸기 전에 휴대폰 번호를 확인해요.</p>", published_at=ago(1))
    make_article(title="가입한 전화번호를 바꾸고 싶어요", tags="휴대폰 번호", body="<p>설정에서 번호를 바꿔요.</p>", published_at=ago(2))
    for topic in ("알림", "백업", "결제", "신고"):
        make_article(title=f"{topic} 안내", tags=topic, body=f"<p>{topic} 설정을 확인해요.</p>")
    assert titles(search("휴대폰번호변경"))[0] == "가입한 전화번호를 바꾸고 싶어요"


def test_a_word_that_says_little_ranks_but_does_not_add_results():
    """안 and 나요 are in nearly every article: beside a content word they order its articles, they
    do not make every article a result (총 N건 counts the articles about the query)."""
    plain = make_article(title="아이디 찾기", body="<p>가입한 휴대폰 번호로 찾아요.</p>", published_at=ago(1))
    said = make_article(title="아이디 찾기 안내", body="<p>아이디가 생각나지 않으면 안내를 따라요.</p>", published_at=ago(2))
    for topic in ("알림", "백업", "결제"):
        make_article(title=f"{topic}이 안 돼요", body=f"<p>{topic}이 안 나요.</p>")
    results = search("아이디가 기억이 안 나요")
    assert results.count == 2
    assert [h.article.pk for h in results.hits] == [said.pk, plain.pk]  # 안 ranks the one that says it
    # With nothing else, they are what the query is about.
    assert {"알림이 안 돼요", "백업이 안 돼요", "결제이 안 돼요"} <= set(titles(search("안 나요")))


def test_a_negation_is_not_what_the_question_is_about():
    """…지 않아요 says something is wrong, not what: 알림이 오지 않아요 is about 알림."""
    alarm = make_article(title="알림이 오지 않아요", body="<p>알림 설정을 확인하세요.</p>", published_at=ago(1))
    make_article(title="동영상이 재생되지 않아요", body="<p>네트워크를 확인하세요.</p>", published_at=ago(1))
    make_article(title="결제가 되지 않아요", body="<p>결제 수단을 확인하세요.</p>", published_at=ago(1))
    results = search("알림이 오지 않아요")
    assert [h.article.pk for h in results.hits] == [alarm.pk] and results.count == 1
