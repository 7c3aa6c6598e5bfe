"""The index's files are mapped in before searches (search/backends/tantivy/preload.py)."""

import platform
import sys
from datetime import UTC, datetime

import pytest

from search.backends.base import Checkpoint, FacetIds
from search.backends.tantivy import TantivyBackend
from search.backends.tantivy.preload import _mappings, preload

from .backend_tests import doc, plan

pytestmark = pytest.mark.django_db  # plans read synonyms


@pytest.fixture
def backend(tmp_path):
    backend = TantivyBackend({"PATH": str(tmp_path / "index"), "PRELOAD": True})
    assert backend.index([doc(pk, f"비밀번호 변경 {pk}", "본문 " * 50) for pk in range(1, 40)], Checkpoint("e", 1, 1))
    return backend


@pytest.mark.skipif(sys.platform != "linux", reason="the mappings are read from /proc/self/maps")
def test_the_live_version_s_files_are_filled_once_and_stored_documents_left_out(backend, tmp_path):
    live = backend.store.live()
    live.view()
    mapped = _mappings(live.path)
    assert mapped  # the open searcher maps the segment files
    with open("/proc/self/maps") as maps:
        ours = [line for line in maps if str(live.path.resolve()) in line]
    assert len(mapped) + sum(line.rstrip().endswith(".store") for line in ours) == len(ours)
    done: set = set()
    assert preload(live.path, done) > 0 or not _kernel_has_the_advice()
    assert set(mapped) <= done
    assert preload(live.path, done) == 0  # nothing new to fill
    assert preload(tmp_path / "elsewhere", set()) == 0


def _kernel_has_the_advice() -> bool:
    release = tuple(int(part) for part in platform.release().split("-")[0].split(".")[:2])
    return release >= (5, 14)


def test_searches_fill_the_mappings_and_still_answer(backend, monkeypatch):
    filled = []
    monkeypatch.setattr("search.backends.tantivy.store.preload", lambda path, done: filled.append(path) or 0)
    found = backend.search(plan("비밀번호"), facets=FacetIds(), now=datetime.now(UTC), sort="relevance", offset=0, limit=5)
    assert found.count == 39 and len(found.hits) == 5
    assert backend.suggest(plan("비밀"), now=datetime.now(UTC), limit=3)
    assert filled == [backend.store.live().path] * 2


def test_without_the_setting_nothing_is_filled(tmp_path, monkeypatch):
    backend = TantivyBackend({"PATH": str(tmp_path / "index")})
    backend.index([doc(1, "비밀번호")], Checkpoint("e", 1, 1))
    monkeypatch.setattr("search.backends.tantivy.store.preload", lambda path, done: pytest.fail("filled"))
    assert backend.search(plan("비밀번호"), facets=FacetIds(), now=datetime.now(UTC), sort="relevance", offset=0, limit=5).count == 1
