"""One normaliser: what the log and synonyms store is what search normalises."""

from insights.text import MAX_QUERY_LENGTH, normalise
from search.analyzer import normalize


def test_the_log_and_synonyms_normalise_like_search():
    for text in ["  ＡＮＤＲＯＩＤ  앱 ", "비밀번호\x00변경", "iOS\t알림\n", "①２ 단계"]:
        assert normalise(text) == normalize(text)
    assert normalise("  ＡＮＤＲＯＩＤ  앱 ") == "android 앱"
    assert len(normalise("가" * 500)) == MAX_QUERY_LENGTH
