"""Reflected and stored XSS: classic payloads in the query and in staff-written content are never
rendered as markup — not in the search box, the heading, snippets, suggestions, lists, the article
page, JSON-LD or the JSON API."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from .html_audit import script_problems

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' onmouseover='x",
    "</title><script>alert(1)</script>",
    "백업 <svg/onload=alert(1)>",
    "</script><script>alert(1)</script>",
]
MARKUP = set("<>\"'")


def assert_safe_html(html: str, payload: str):
    assert script_problems(html) == []
    if MARKUP & set(payload):
        assert payload not in html
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg/onload" not in html


def assert_highlight_only_marks(fragment: str):
    """title_highlighted / snippet: HTML whose only markup is <mark>."""
    assert "<" not in fragment.replace("<mark>", "").replace("</mark>", ""), fragment


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_is_escaped_on_the_search_page(client, help_center, payload):
    html = client.get(reverse("articles:search"), {"q": payload}).content.decode()
    assert_safe_html(html, payload)
    # The box keeps what was typed, escaped, and so does the heading.
    assert f'value="{escape(payload)}"' in html
    assert escape(payload) in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_is_escaped_with_a_matching_article_and_filters(client, help_center, payload):
    # "백업" matches, so snippets and highlights are rendered around the hostile query terms.
    html = client.get(
        reverse("articles:search"), {"q": f"백업 {payload}", "sort": payload, "platform": payload}
    ).content.decode()
    assert_safe_html(html, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_in_the_json_api_is_data_and_highlights_hold_only_marks(client, help_center, payload):
    response = client.get(reverse("articles:api-search"), {"q": f"백업 {payload}"})
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    for row in data.get("results", []):
        assert_highlight_only_marks(row["title_highlighted"])
        assert_highlight_only_marks(row["snippet"])

    suggest = client.get(reverse("articles:api-suggest"), {"q": payload})
    assert suggest.status_code == 200
    assert suggest["Content-Type"].startswith("application/json")
    assert isinstance(json.loads(suggest.content)["suggestions"], list)


def test_suggestions_are_inserted_as_text_by_the_search_box_script():
    script = (Path(__file__).resolve().parents[2] / "static/js/site.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


@pytest.fixture
def hostile_article(help_center):
    """What a careless (or compromised) staff account might type into every field."""
    return help_center.make(
        '백업 <script>alert("title")</script> "><img src=x onerror=alert(1)>',
        help_center.backup,
        help_center.common,
        body=(
            "<p>백업 방법 안내</p><script>alert('body')</script>"
            '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">링크</a>'
            "<p onmouseover='alert(1)'>마우스</p><iframe src=\"https://evil.example\"></iframe>"
            "</title><script>alert(2)</script>"
        ),
        tags="<script>alert('tag')</script>, 백업",
        question_key="backup",
    )


def test_staff_content_is_safe_on_every_public_page(client, help_center, hostile_article):
    urls = [
        reverse("articles:home"),
        hostile_article.get_absolute_url(),
        help_center.backup_android.get_absolute_url(),  # lists it as another platform and as related
        help_center.backup.get_absolute_url(),
        help_center.talk.get_absolute_url(),
        reverse("articles:search") + "?" + urlencode({"q": "백업"}),
        reverse("articles:search") + "?" + urlencode({"q": "alert"}),
        reverse("articles:search") + "?" + urlencode({"q": "script"}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert script_problems(html) == [], url
        assert '<script>alert("title")' not in html and "<img src=x" not in html, url


def test_article_page_escapes_title_and_json_ld(client, hostile_article):
    html = client.get(hostile_article.get_absolute_url()).content.decode()
    assert escape(hostile_article.title) in html  # the heading shows it as text
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    assert "<" not in block  # nothing in the data can close the element
    assert json.loads(block)["mainEntity"][0]["name"] == hostile_article.title


def test_json_api_and_suggestions_carry_staff_content_as_data(client, hostile_article):
    article = json.loads(client.get(reverse("articles:api-article", args=[hostile_article.pk])).content)
    assert "<script" not in article["body"] and "onerror" not in article["body"]
    assert "javascript:" not in article["body"] and "<iframe" not in article["body"]

    results = json.loads(client.get(reverse("articles:api-search"), {"q": "백업"}).content)["results"]
    row = next(r for r in results if r["id"] == hostile_article.pk)
    assert row["title"] == hostile_article.title  # raw text, for the client to escape
    assert_highlight_only_marks(row["title_highlighted"])
    assert_highlight_only_marks(row["snippet"])

    suggestions = json.loads(client.get(reverse("articles:api-suggest"), {"q": "백업"}).content)["suggestions"]
    assert hostile_article.title in [s["title"] for s in suggestions]


def test_the_html_audit_itself_spots_script():
    assert script_problems('<img src=x onerror="alert(1)">')
    assert script_problems('<a href=" JavaScript:alert(1)">x</a>')
    assert script_problems("<script>alert(1)</script>")
    assert script_problems('<script src="/a.js">alert(1)</script>')
    assert not script_problems('<script type="application/ld+json">{"a": 1}</script><script src="/a.js"></script>')
    assert not script_problems("<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1)</p>")
