"""HEAD works wherever GET does, other methods are 405; meta text keeps word boundaries and is escaped once."""

import json
import re
from html import unescape

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def public_paths(article):
    return [
        "/", article.service.get_absolute_url(), article.category.get_absolute_url(), article.get_absolute_url(),
        "/search/?q=비밀번호", "/api/search/?q=비밀번호", "/api/suggest/?q=비밀", f"/api/articles/{article.pk}/",
        "/sitemap.xml", "/robots.txt",
    ]


def test_head_works_wherever_get_does(client, make_article):
    article = make_article("비밀번호를 잊어버렸어요")
    for path in public_paths(article):
        get, head = client.get(path), client.head(path)
        assert get.status_code == 200, path
        assert head.status_code == 200, path
        assert head.content == b""


@pytest.mark.parametrize("method", ["trace", "options", "put", "patch", "delete"])
def test_other_methods_are_405(client, make_article, method):
    article = make_article("비밀번호를 잊어버렸어요")
    for path in public_paths(article):
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path)
        assert "GET" in response["Allow"] and "HEAD" in response["Allow"]


def test_head_is_rate_counted_once_and_refused_methods_not_at_all(client, settings, make_article):
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_SEARCH = "3/m"
    for _ in range(5):
        assert client.options("/api/search/?q=비밀번호").status_code == 405
    assert [client.head("/api/search/?q=비밀번호").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_meta_description_and_json_ld_keep_words_apart_and_escape_once(client, make_article):
    body = "<h2>비밀번호 재설정</h2><p>설정&gt;계정에서 &lt;변경&gt;을 누르세요</p><ul><li>앱</li><li>PC</li></ul>"
    article = make_article("비밀번호 <재설정> & 변경", body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "&amp;lt;" not in description and "&amp;gt;" not in description
    assert unescape(description) == "비밀번호 재설정 설정>계정에서 <변경>을 누르세요 앱 PC"
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "비밀번호 재설정 설정>계정에서 <변경>을 누르세요 앱 PC"
    assert data["mainEntity"][0]["name"] == "비밀번호 <재설정> & 변경"
