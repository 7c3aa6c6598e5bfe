"""What the search page shows of an article's text (issue 15, problem 7): snippets keep blocks and
table cells apart, mark whole query words (never a lone syllable of one), and start and end on
word boundaries."""

import html as html_module
import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

FILLER = "카카오톡 고객센터 도움말입니다. " * 6
STEPS = (
    "<h3>iOS에서는 이렇게 해 보세요</h3><ul><li>안내 화면에서 설정을 누릅니다.</li></ul>"
    "<table><tr><th>기기</th><th>메뉴</th></tr><tr><td>iOS</td><td>설정</td></tr></table>"
)


def snippets(client, query: str) -> list[str]:
    page = client.get("/search/", {"q": query}).content.decode()
    return re.findall(r'<p class="snippet">(.*?)</p>', page, flags=re.S)


def shown_words(snippet: str) -> list[str]:
    text = html_module.unescape(re.sub(r"</?mark>", "", snippet))
    return text.replace("…", " ").split()


def test_blocks_and_table_cells_stay_apart(client, make_article):
    make_article("설정 메뉴 찾기", body=STEPS)
    [snippet] = snippets(client, "설정")
    assert "보세요 안내 화면에서" in snippet  # a heading and the list item after it: a space between
    assert "기기 메뉴 iOS <mark>설정</mark>" in snippet  # each cell its own word


def test_whole_query_words_are_marked_never_a_lone_syllable(client, make_article):
    make_article("이용제한 해제 안내", body="<p>서류를 제출하면 이용제한이 풀립니다. 제도 안내는 공지를 보세요.</p>")
    [snippet] = snippets(client, "제한")
    assert "<mark>제한</mark>" in snippet
    assert "<mark>제</mark>" not in snippet and "<mark>한</mark>" not in snippet


def test_fragments_start_and_end_on_word_boundaries(client, make_article):
    body = f"<p>{FILLER}</p>{STEPS}<p>{FILLER}</p>"
    make_article("설정 메뉴 찾기", body=body)
    words = set(re.sub(r"<[^>]+>", " ", body).split())
    [snippet] = snippets(client, "설정")
    assert snippet.startswith("…") and snippet.endswith("…")  # long enough to be cut on both sides
    assert [word for word in shown_words(snippet) if word not in words] == []
