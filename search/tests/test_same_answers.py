"""SQLite and PostgreSQL give the same answers, by construction: the engine never asks the database
what matches. One query set, the demo content loaded into a fresh database of each kind, compared."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from search.evaluation.collection import judged_queries

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"

ANSWERS = """
import json, sys
from search import search
out = {}
for text in json.load(sys.stdin):
    r = search(text, page_size=10)
    out[text] = {"count": r.count, "corrected": r.corrected_from,
                 "hits": [h.article.external_id for h in r.hits],
                 "facets": {f: [(v.slug, v.count) for v in vs] for f, vs in r.facets.items()}}
print(json.dumps(out, ensure_ascii=False))
"""

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="runs in the PostgreSQL suite run, where both databases are at hand",
)


def answers(database_url: str, index_dir: Path, queries: list[str]) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "SEARCH_INDEX_DIR": str(index_dir), "DEBUG": "1",
           "DJANGO_SETTINGS_MODULE": "helpcenter.settings"}
    for command in (["migrate", "--noinput"], ["load_demo"]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", ANSWERS], cwd=ROOT, env=env, input=json.dumps(queries),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sqlite_and_postgresql_answer_every_query_alike(tmp_path):
    import psycopg

    queries = [q.text for q in judged_queries()] + ["", "제한", '"비밀번호 변경"', "iOS 14일"]
    name = f"hc_same_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        on_pg = answers(f"{PG_SERVER}/{name}", tmp_path / "pg-index", queries)
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    on_sqlite = answers(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path / "sqlite-index", queries)
    assert sum(bool(a["hits"]) for a in on_sqlite.values()) > len(queries) * 0.9  # they do answer
    differing = [q for q in queries if on_sqlite[q] != on_pg[q]]
    assert differing == []
