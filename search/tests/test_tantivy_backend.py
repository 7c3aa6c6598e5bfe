"""The Tantivy backend passes the shared backend tests, and what is particular to it."""

import os

import pytest

from search.backends.base import Checkpoint
from search.backends.tantivy import TantivyBackend

from .backend_tests import BackendTests, doc


class TestTantivyBackend(BackendTests):
    @pytest.fixture
    def backend(self, tmp_path):
        return TantivyBackend({"PATH": str(tmp_path / "index")})


def test_the_live_index_is_a_symlinked_version_and_old_versions_go(tmp_path):
    backend = TantivyBackend({"PATH": str(tmp_path)})
    backend.index([doc(1, "비밀번호 변경")], Checkpoint("e", 1, 1))
    first = os.readlink(tmp_path / "current")
    backend.rebuild([[doc(2, "결제 취소")]], Checkpoint("e", 2, 2))
    second = os.readlink(tmp_path / "current")
    assert first != second
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == [os.path.basename(second)]


def test_another_process_sees_a_rebuild_on_its_next_search(tmp_path):
    reader, writer = TantivyBackend({"PATH": str(tmp_path)}), TantivyBackend({"PATH": str(tmp_path)})
    writer.index([doc(1, "비밀번호 변경")], Checkpoint("e", 1, 1))
    assert reader.checkpoint(refresh=True) == Checkpoint("e", 1, 1)
    writer.rebuild([[doc(2, "결제 취소")]], Checkpoint("e", 2, 2))
    assert reader.checkpoint() == Checkpoint("e", 2, 2)  # the link moved: reopened


def test_an_index_of_another_schema_is_replaced_by_an_empty_one(tmp_path):
    import tantivy

    old = tmp_path / "versions" / "old"
    old.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True)
    tantivy.Index(builder.build(), path=str(old))
    os.symlink("versions/old", tmp_path / "current")
    backend = TantivyBackend({"PATH": str(tmp_path)})
    assert backend.checkpoint() == Checkpoint()  # empty: the change log fills it
    assert os.readlink(tmp_path / "current") != "versions/old"
