"""The demo help center in fixtures/ is consistent, big enough and loadable."""

import importlib.util
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Category, Platform, Service, make_slug
from articles.sanitize import sanitize_html

ROOT = Path(__file__).resolve().parents[2]
TAXONOMY = ROOT / "fixtures" / "taxonomy.json"
ARTICLES = ROOT / "fixtures" / "demo_articles.jsonl"
REQUIRED_PLATFORMS = ["공통", "iOS", "안드로이드", "안드로이드 (원스토어)", "PC"]
KEYS = {"external_id", "service", "category", "platform", "title", "body", "status", "published_at", "tags"}


def load_taxonomy():
    records = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    by_model = defaultdict(list)
    for record in records:
        by_model[record["model"]].append(record)
    return records, by_model


def load_articles():
    rows = []
    with open(ARTICLES, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            assert line.strip(), f"line {lineno} is empty"
            rows.append(json.loads(line))
    return rows


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


def test_taxonomy_fixture_uses_natural_keys_and_unicode_slugs():
    records, by_model = load_taxonomy()
    assert all("pk" not in r for r in records)
    assert set(by_model) == {"articles.service", "articles.platform", "articles.category"}
    platforms = [r["fields"]["name"] for r in sorted(by_model["articles.platform"], key=lambda r: r["fields"]["order"])]
    assert platforms == ["공통", "iOS", "안드로이드", "안드로이드 (원스토어)", "PC", "Mac"]
    assert len(by_model["articles.service"]) >= 3
    assert len(by_model["articles.category"]) >= 12
    for model in ("articles.service", "articles.platform"):
        slugs = [r["fields"]["slug"] for r in by_model[model]]
        assert len(set(slugs)) == len(slugs)
        for r in by_model[model]:
            assert r["fields"]["slug"] == make_slug(r["fields"]["name"])
    services = {r["fields"]["slug"] for r in by_model["articles.service"]}
    seen = set()
    for r in by_model["articles.category"]:
        fields = r["fields"]
        assert fields["service"][0] in services
        base = make_slug(fields["name"])
        expected = f"{fields['service'][0]}-{base}" if base in seen else base
        assert fields["slug"] == expected
        seen.add(fields["slug"])
    slugs = {r["fields"]["slug"] for r in by_model["articles.platform"]}
    assert {"ios", "pc", "안드로이드-원스토어"} <= slugs


def test_every_line_is_a_valid_article():
    _, by_model = load_taxonomy()
    services = {r["fields"]["slug"]: r["fields"]["name"] for r in by_model["articles.service"]}
    categories = {(services[r["fields"]["service"][0]], r["fields"]["name"]) for r in by_model["articles.category"]}
    platforms = {r["fields"]["name"] for r in by_model["articles.platform"]}
    rows = load_articles()
    ids = Counter(r["external_id"] for r in rows)
    assert not [i for i, n in ids.items() if n > 1]
    for row in rows:
        where = row["external_id"]
        assert KEYS <= set(row), where
        assert row["service"] in services.values(), where
        assert (row["service"], row["category"]) in categories, where
        assert row["platform"] in platforms, where
        assert 10 <= len(row["title"]) <= 40, (where, row["title"])
        assert 300 <= len(row["body"]) <= 1500, (where, len(row["body"]))
        assert row["status"] in {"published", "draft"}, where
        published_at = datetime.fromisoformat(row["published_at"])
        assert published_at.utcoffset().total_seconds() == 9 * 3600, where
        assert isinstance(row["tags"], list) and all(isinstance(t, str) and t for t in row["tags"]), where
        assert not [t for t in row["tags"] if "," in t], where  # the CSV format joins tags with commas
        assert "<script" not in row["body"].lower(), where
        if row.get("question_key"):
            assert re.fullmatch(r"[a-z0-9-]+", row["question_key"]), where


def test_bodies_are_already_sanitised():
    """Importing runs bodies through the sanitiser; the demo bodies come out unchanged."""
    changed = [r["external_id"] for r in load_articles() if sanitize_html(r["body"]) != r["body"]]
    assert changed == []


def test_jsonl_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("build_demo", ROOT / "fixtures" / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == load_articles(), "run: .venv/bin/python fixtures/build_demo.py"
    assert module.taxonomy() == json.loads(TAXONOMY.read_text(encoding="utf-8"))


def test_enough_published_content_across_the_site():
    rows = load_articles()
    now = timezone.now()
    published = [r for r in rows if r["status"] == "published"]
    live = [r for r in published if datetime.fromisoformat(r["published_at"]) <= now]
    scheduled = [r for r in published if datetime.fromisoformat(r["published_at"]) > now]
    drafts = [r for r in rows if r["status"] == "draft"]
    assert len(live) >= 150
    assert len(scheduled) == 1
    assert 2 <= len(drafts) <= 10
    assert len({r["service"] for r in live}) >= 3
    assert len({(r["service"], r["category"]) for r in live}) >= 12
    assert {r["platform"] for r in live} >= set(REQUIRED_PLATFORMS)
    years = {datetime.fromisoformat(r["published_at"]).year for r in live}
    assert {2024, 2025, 2026} <= years


def test_no_duplicate_published_questions():
    rows = [r for r in load_articles() if r["status"] == "published"]
    keys = Counter((r["service"], r["category"], r["platform"], r["title"]) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == []
    bodies = Counter(r["body"] for r in rows)
    assert [b[:60] for b, n in bodies.items() if n > 1] == []


def test_platform_variant_groups():
    rows = load_articles()
    groups = defaultdict(list)
    for r in rows:
        if r.get("question_key"):
            groups[r["question_key"]].append(r)
    for key, members in groups.items():
        platforms = [m["platform"] for m in members]
        assert len(platforms) == len(set(platforms)), key
        assert len({(m["service"], m["category"]) for m in members}) == 1, key
    complete = [k for k, m in groups.items() if set(REQUIRED_PLATFORMS) <= {x["platform"] for x in m}]
    assert len(complete) >= 5


@pytest.mark.parametrize("word", ["제한", "탈퇴", "백업", "비밀번호"])
def test_common_search_words_have_many_articles(word):
    rows = [r for r in load_articles() if r["status"] == "published"]
    hits = [r for r in rows if word in r["title"] or word in text_of(r["body"]) or word in " ".join(r["tags"])]
    assert len(hits) >= 10


@pytest.mark.parametrize("form", ["제한되어", "이용제한", "임시조치", "탈퇴하면", "백업하고", "비밀번호를"])
def test_inflected_forms_appear_in_bodies(form):
    rows = [r for r in load_articles() if r["status"] == "published"]
    assert any(form in text_of(r["body"]) for r in rows)


@pytest.mark.django_db
def test_taxonomy_fixture_loads_and_reloads():
    _, by_model = load_taxonomy()
    call_command("loaddata", str(TAXONOMY), verbosity=0)
    call_command("loaddata", str(TAXONOMY), verbosity=0)  # natural keys: a second load updates, not duplicates
    for model, expected in ((Service, "articles.service"), (Platform, "articles.platform"), (Category, "articles.category")):
        names = set(model.objects.values_list("name", flat=True)) if model is not Category else None
        if names is not None:
            assert {r["fields"]["name"] for r in by_model[expected]} <= names
    for r in by_model["articles.category"]:
        category = Category.objects.get(slug=r["fields"]["slug"])
        assert category.service.slug == r["fields"]["service"][0]
        assert category.name == r["fields"]["name"]
    assert Platform.objects.get(slug="안드로이드-원스토어").name == "안드로이드 (원스토어)"
