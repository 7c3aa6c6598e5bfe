"""Fixtures for every test package."""

import pytest


@pytest.fixture(autouse=True)
def search_index(tmp_path_factory, settings):
    """Each test gets an empty search index of its own, built from its own database on the first
    search (the index lives outside the database, whose changes each test rolls back)."""
    from insights import synonyms
    from search import facets

    settings.SEARCH_BACKEND = {**settings.SEARCH_BACKEND, "PATH": str(tmp_path_factory.mktemp("search-index"))}
    # Every test's database starts from the same generation: nothing derived from another test's
    # rows at "the same" generation may be reused.
    facets.forget()
    synonyms.invalidate()
    return settings.SEARCH_BACKEND["PATH"]
