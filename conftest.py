"""Suite-wide test setup."""

import pytest
from django.conf import settings as django_settings
from django.test import override_settings


def _index_settings(path) -> dict:
    return {**django_settings.SEARCH_BACKEND, "PATH": str(path)}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Tests start from an empty synonym table.

    insights migration 0003 ships default synonym groups; left in the test database they would change
    what every search test finds. Tests about synonyms create their own groups, and the tests of the
    defaults (insights/tests/test_default_synonyms.py, search/tests/test_evaluation.py) install them.
    """
    from insights.models import SynonymGroup

    index = _index_settings(tmp_path_factory.mktemp("setup-index"))  # never the developer's own index
    with override_settings(SEARCH_BACKEND=index), django_db_blocker.unblock():
        SynonymGroup.objects.all().delete()


@pytest.fixture(autouse=True)
def search_index(tmp_path_factory, settings):
    """Each test gets an empty search index of its own, built from its own database on the first
    search (the index lives outside the database, whose changes each test rolls back)."""
    from insights import suggest, synonyms
    from search import facets

    settings.SEARCH_BACKEND = _index_settings(tmp_path_factory.mktemp("search-index"))
    # Every test's database starts from the same generation: nothing derived from another test's
    # rows at "the same" generation may be reused.
    facets.forget()
    synonyms.invalidate()
    suggest.clear_vocabulary()
    return settings.SEARCH_BACKEND["PATH"]


class HeldClock:
    """A `time` module stand-in that stands still, for code whose windows are aligned to the wall
    clock (rate limits, cache windows): a window ending mid-test would otherwise reset what the test
    counts. Tests move it on purpose with `advance`."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def ratelimit_clock(monkeypatch):
    import django_ratelimit.core

    # A fixed instant; every window (per second, minute, hour, day) holds it for the whole test.
    clock = HeldClock(1_900_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", clock)
    return clock


@pytest.fixture(autouse=True)
def search_cache_clock(monkeypatch):
    """The result and response caches' windows (SEARCH_CACHE_SECONDS) are aligned to the wall clock
    too: held still, so two requests of one test never fall into different windows."""
    import search.cache

    clock = HeldClock(1_900_000_000.0)
    monkeypatch.setattr(search.cache, "time", clock)
    return clock
