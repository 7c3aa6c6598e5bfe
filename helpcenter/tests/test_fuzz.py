"""Property-based tests: arbitrary input at every public entry point never gives a 5xx.

Invalid parameters get a 400 with a JSON error naming the parameter (API) or a normalised page
(HTML). A small published help center is seeded once per test; examples are kept modest.
"""

import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PARAMETERS = ("q", "service", "category", "platform", "sort", "page", "page_size")

# Mostly hostile text, sometimes a value the site knows, so valid and invalid combinations mix.
KNOWN = ["kakaotalk", "account", "backup", "restrict", "login", "common", "android", "ios",
         "relevance", "newest", "popular", "title", "1", "2", "0", "-1", "100", "101", "백업", "비밀번호"]
values = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.text(alphabet="%&=?#/\\<>'\"\x00 ", max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(min_size=190, max_size=400),
)
params = st.dictionaries(st.sampled_from(PARAMETERS), st.lists(values, min_size=1, max_size=3), max_size=7)
# What a WSGI server hands Django: any bytes, as latin-1 text.
raw_query_strings = st.one_of(st.binary(max_size=200), values.map(str.encode)).map(lambda b: b.decode("latin-1"))


def get(client, path, data=None, **extra):
    response = client.get(path, data or {}, **extra)
    assert response.status_code < 500, (path, data, extra)
    return response


def assert_api_answer(response, *, allowed=(200, 400)):
    assert response.status_code in allowed
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    if response.status_code == 400:
        assert data["error"] and data["parameter"] in PARAMETERS
    return data


@FUZZ
@given(data=params)
@example(data={"q": ["\x00"], "page": ["0"], "page_size": ["1000"], "sort": ["bogus"], "service": ["nope"]})
@example(data={"q": ["백업"], "page": ["99999999999999999999"]})
def test_search_page_normalises_any_parameters(client, help_center, data):
    response = get(client, reverse("articles:search"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "도움말 검색 결과" in html and "Traceback" not in html


@FUZZ
@given(data=params)
@example(data={"sort": ["bogus"]})
@example(data={"page": ["0"]})
@example(data={"page_size": ["1000"]})
@example(data={"service": ["unknown-service"]})
@example(data={"q": ["\x00백업\x00"], "platform": ["android", "\x00"]})
def test_search_api_answers_200_or_a_400_naming_the_parameter(client, help_center, data):
    body = assert_api_answer(get(client, reverse("articles:api-search"), data))
    if "count" in body:
        assert 1 <= body["page_size"] <= 100 and body["page"] >= 1
        assert len(body["results"]) <= body["page_size"]


def test_search_api_names_each_invalid_parameter(client, help_center):
    for name, value in [("sort", "bogus"), ("page", "0"), ("page_size", "1000"), ("service", "nope"),
                        ("category", "nope"), ("platform", "nope"), ("page", "abc")]:
        response = client.get(reverse("articles:api-search"), {name: value})
        assert response.status_code == 400
        assert json.loads(response.content)["parameter"] == name


@FUZZ
@given(query=raw_query_strings)
def test_raw_query_strings_never_break_the_search_endpoints(client, help_center, query):
    get(client, reverse("articles:search"), QUERY_STRING=query)
    assert_api_answer(get(client, reverse("articles:api-search"), QUERY_STRING=query))
    assert_api_answer(get(client, reverse("articles:api-suggest"), QUERY_STRING=query), allowed=(200,))


@FUZZ
@given(q=st.lists(values, max_size=3))
def test_suggest_always_answers_a_short_list(client, help_center, q):
    data = assert_api_answer(get(client, reverse("articles:api-suggest"), {"q": q}), allowed=(200,))
    assert len(data["suggestions"]) <= 8


@FUZZ
@given(
    service=st.one_of(st.just("kakaotalk"), st.text(min_size=1, max_size=30)),
    category=st.one_of(st.just("backup"), st.text(min_size=1, max_size=30)),
    data=st.dictionaries(st.sampled_from(("platform", "sort", "page")), st.lists(values, min_size=1, max_size=3)),
)
@example(service="kakaotalk", category="backup", data={"page": ["99999999999999999999"], "sort": ["relevance"]})
@example(service="kakaotalk\x00", category="backup", data={})
def test_category_pages_are_200_or_404(client, help_center, service, category, data):
    from urllib.parse import quote

    path = f"/services/{quote(service, safe='')}/{quote(category, safe='')}/"
    response = get(client, path, data)
    if (service, category) == ("kakaotalk", "backup"):
        assert response.status_code == 200
    else:
        assert response.status_code in (200, 404, 301)


@FUZZ
@given(
    pk=st.one_of(st.just(None), st.integers(min_value=0, max_value=10**30)),
    form=st.dictionaries(st.sampled_from(("helpful", "csrfmiddlewaretoken", "x")), values, max_size=3),
    wants_json=st.booleans(),
)
@example(pk=None, form={"helpful": "yes"}, wants_json=True)
@example(pk=None, form={"helpful": "maybe"}, wants_json=True)
@example(pk=10**30, form={"helpful": "yes"}, wants_json=False)
def test_feedback_endpoint_never_fails(client, help_center, pk, form, wants_json):
    target = help_center.restricted.pk if pk is None else pk
    headers = {"HTTP_ACCEPT": "application/json"} if wants_json else {}
    response = client.post(reverse("articles:feedback", args=[target]), form, **headers)
    assert response.status_code < 500
    if pk is None and form.get("helpful") not in ("yes", "no"):
        assert response.status_code == 400
        if wants_json:
            assert json.loads(response.content)["parameter"] == "helpful"


@FUZZ
@given(pk=st.integers(min_value=0, max_value=10**30))
def test_article_urls_with_any_id_are_200_or_404(client, help_center, pk):
    for url in (f"/articles/{pk}/", f"/api/articles/{pk}/"):
        assert get(client, url).status_code in (200, 404)
