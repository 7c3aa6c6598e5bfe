"""Several processes and machines: a write is searchable at once on every server.

Three gunicorn processes share one database: two are workers of "machine A" (one index directory),
one is "machine B" (an index of its own). Each change is made by a fourth process (as an admin save
on some machine would be), and the very next search on every server must show it — no waiting.
"""

import json
from urllib.parse import quote

import pytest

from helpcenter.tests.servers import start_server, stop_server

CREATE = """
from django.utils import timezone
from articles.models import Article, Category, Platform, Service
service = Service.objects.create(name="토크톡")
category = Category.objects.create(service=service, name="계정/로그인")
platform = Platform.objects.create(name="공통")
Article.objects.create(service=service, category=category, platform=platform, title="멀티 프로필 만들기",
    body="<p>프로필을 여러 개 만들 수 있어요.</p>", status="published", published_at=timezone.now())
"""
EDIT = "from articles.models import Article; a = Article.objects.get(); a.title = '부계정 프로필 만들기'; a.save()"
UNPUBLISH = "from articles.models import Article; a = Article.objects.get(); a.status = 'draft'; a.save()"
REPUBLISH = "from articles.models import Article; a = Article.objects.get(); a.status = 'published'; a.save()"
RENAME = "from articles.models import Platform; p = Platform.objects.get(); p.name = 'PC버전'; p.save()"
SYNONYM = "from insights.models import SynonymGroup; SynonymGroup.objects.create(terms='부계정, 서브아이디')"


@pytest.fixture
def site(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    machine_a = {**database, "SEARCH_INDEX_DIR": str(tmp_path / "machine-a")}
    machine_b = {**database, "SEARCH_INDEX_DIR": str(tmp_path / "machine-b")}
    servers = [start_server(tmp_path, **machine_a), start_server(tmp_path, **machine_a), start_server(tmp_path, **machine_b)]
    try:
        migrated = servers[0].manage("migrate", "--noinput")
        assert migrated.returncode == 0, migrated.stderr
        yield servers
    finally:
        for server in servers:
            stop_server(server)


def change(server, code: str) -> None:
    done = server.manage("shell", "-c", code)
    assert done.returncode == 0, done.stderr


def counts(servers, query: str) -> list[int]:
    found = []
    for server in servers:
        response = server.get(f"/api/search/?q={quote(query)}")
        assert response.status == 200, response.body[:300]
        found.append(json.loads(response.body)["count"])
    return found


def test_every_change_is_searchable_at_once_on_every_server(site):
    writer = site[0]
    assert counts(site, "멀티") == [0, 0, 0]
    change(writer, CREATE)
    assert counts(site, "멀티") == [1, 1, 1]
    change(writer, EDIT)
    assert counts(site, "멀티") == [0, 0, 0]
    assert counts(site, "부계정") == [1, 1, 1]
    change(writer, UNPUBLISH)
    assert counts(site, "부계정") == [0, 0, 0]
    change(writer, REPUBLISH)
    assert counts(site, "부계정") == [1, 1, 1]
    change(writer, RENAME)
    assert counts(site, "pc버전") == [1, 1, 1]
    assert counts(site, "서브아이디") == [0, 0, 0]
    change(writer, SYNONYM)
    assert counts(site, "서브아이디") == [1, 1, 1]
