"""The evaluation set runs against the demo help center, and our search keeps its measured quality."""

import importlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from articles.models import Article
from insights import synonyms
from search import facets
from search.evaluation import queries as query_classes
from search.evaluation.collection import judged_queries
from search.evaluation.run import evaluate

default_synonyms = importlib.import_module("insights.migrations.0003_default_synonyms")
verb_synonyms = importlib.import_module("insights.migrations.0004_default_verb_synonyms")
more_synonyms = importlib.import_module("insights.migrations.0005_default_more_synonyms")

# Overall nDCG@10 of our search on this set, measured 2026-11-30 with default synonyms: the old
# engine 0.657 (SQLite) / 0.656 (PostgreSQL); the Tantivy engine with issue 13's rules 0.885 on
# both. Since the site lists one result per question, rankings are scored per question
# (metrics.per_question): 0.904; 0.908 with platform words as preferences only; 0.913 with verb
# stems and the verb synonym groups (0004); 0.921 with quoted words ranked and tags matched; 0.952
# with each word counted once across its forms, block boundaries, compounds split into words, runs
# of words matched against tags, the 0005 synonyms, the main topic of one-word queries and related
# tags (2026-11-30, both databases). The floor sits a little under it; raise it when search gets
# better, never lower it to make a change pass.
OUR_NDCG_FLOOR = 0.945
# The BM25 bigram baseline, per question, measured 0.777 (0.794 per article); it depends only on
# the demo content.
BASELINE_NDCG_FLOOR = 0.76


@pytest.fixture(scope="module")
def run(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo content once for the module, evaluate, and roll everything back."""
    index = {**settings.SEARCH_BACKEND, "PATH": str(tmp_path_factory.mktemp("evaluation-index"))}
    facets.forget()
    with django_db_blocker.unblock(), override_settings(SEARCH_BACKEND=index):
        with transaction.atomic():
            # A transactional test elsewhere may have flushed the shipped synonym groups.
            default_synonyms.install(apps, None)
            verb_synonyms.install(apps, None)
            more_synonyms.install(apps, None)
            synonyms.invalidate()
            call_command("load_demo", stdout=StringIO())
            public = set(Article.objects.published().values_list("external_id", flat=True))
            results = {result.name: result for result in evaluate()}
            out = StringIO()
            call_command("evaluate_search", "--json", "--k", "5", stdout=out)
            transaction.set_rollback(True)
        synonyms.invalidate()
    return {"public": public, "results": results, "json": json.loads(out.getvalue())}


def test_the_set_covers_every_class_with_a_held_out_fifth():
    queries = judged_queries()
    assert len(queries) >= 170
    assert len({q.text for q in queries}) == len(queries)
    classes = {value for name, value in vars(query_classes).items() if name.isupper() and isinstance(value, str)}
    for kind in classes:
        assert sum(q.kind == kind for q in queries) >= 15, kind
    held_out = sum(q.held_out for q in queries)
    assert 0.15 <= held_out / len(queries) <= 0.3
    assert all(2 in q.judgments.values() for q in queries), "every query needs an article that answers it"


def test_every_judged_article_is_public_demo_content(run):
    judged = {key for q in judged_queries() for key in q.judgments}
    assert judged - run["public"] == set()


def test_our_search_stays_above_its_floor(run):
    ours = run["results"]["ours"].summary
    assert ours["overall"].queries == len(judged_queries())
    assert ours["overall"].ndcg >= OUR_NDCG_FLOOR, ours["overall"]


def test_the_baseline_is_computed_in_the_same_run(run):
    bm25 = run["results"]["bm25"].summary["overall"]
    assert bm25.ndcg >= BASELINE_NDCG_FLOOR, bm25
    assert 0 < bm25.mrr <= 1 and 0 < bm25.recall <= 1


def test_command_prints_both_systems_per_class_and_held_out_as_json(run):
    data = run["json"]
    assert data["k"] == 5
    assert set(data["systems"]) == {"ours", "bm25"}
    for system in data["systems"].values():
        assert {"overall", "tuned", "held out", query_classes.TYPO, query_classes.PLATFORM} <= set(system["summary"])
        assert len(system["queries"]) == len(judged_queries())
        assert all(len(q["ranking"]) <= 5 for q in system["queries"])


def test_command_refuses_to_run_without_demo_content(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("evaluate_search", stdout=StringIO())
