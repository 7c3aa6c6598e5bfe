"""A lost database gives the friendly Korean 503 quickly, and the same server recovers by itself.

These run a real gunicorn process (DEBUG off) against databases that are really unreachable,
so they work whichever database the suite itself runs on and need no PostgreSQL on a dev machine.
"""

import json
import os
import socket
import threading
from urllib.parse import quote

import pytest

PUBLIC_PAGES = [
    "/",
    "/search/?q=" + quote("비밀번호 변경"),
    "/services/kakaotalk/",
    "/services/kakaotalk/general/",
    "/articles/1/",
    "/sitemap.xml",
]
API_ENDPOINTS = [
    "/api/search/?q=" + quote("비밀번호"),
    "/api/suggest/?q=" + quote("카톡"),
    "/api/articles/1/",
]
FRIENDLY_TITLE = "잠시 서비스를 이용할 수 없습니다"


# Far above the 2 s connect_timeout, far below the 30 s worker timeout a hang would hit: a busy
# machine cannot break it, a request that waits for ever still fails it.
GENEROUS_SECONDS = 15


def assert_friendly_503(response):
    assert response.status == 503, response.body[:500]
    assert response.elapsed < GENEROUS_SECONDS, f"took {response.elapsed:.2f}s"
    assert "Traceback" not in response.body
    assert int(response.headers["retry-after"]) > 0


@pytest.fixture
def closed_port():
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.fixture
def unresponsive_database():
    """A port that accepts TCP connections and never answers, like a hung database host."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield sock.getsockname()[1]
    sock.close()


def test_unreachable_postgresql_gives_friendly_503(run_server, closed_port):
    server = run_server(DATABASE_URL=f"postgresql://postgres@127.0.0.1:{closed_port}/helpcenter")
    for path in PUBLIC_PAGES:
        response = server.get(path)
        assert_friendly_503(response)
        assert FRIENDLY_TITLE in response.body
        assert '<html lang="ko">' in response.body
    for path in API_ENDPOINTS:
        response = server.get(path)
        assert_friendly_503(response)
        assert response.headers["content-type"].startswith("application/json")
        assert json.loads(response.body)["error"]


def test_hung_database_host_is_given_up_after_the_connect_timeout(run_server, unresponsive_database):
    # libpq's smallest connect_timeout is 2 s, so a silent host costs at most that, never a hang.
    server = run_server(DATABASE_URL=f"postgresql://postgres@127.0.0.1:{unresponsive_database}/helpcenter")
    response = server.get("/", timeout=30)
    assert_friendly_503(response)
    assert FRIENDLY_TITLE in response.body


def test_missing_sqlite_database_gives_503_then_recovers_once_migrated(run_server, tmp_path):
    database = tmp_path / "not-there-yet" / "db.sqlite3"
    server = run_server(DATABASE_URL=f"sqlite:///{database}")

    assert_friendly_503(server.get("/"))
    assert_friendly_503(server.get("/api/suggest/?q=x"))

    database.parent.mkdir()
    # The file exists now but has no tables: still "점검 중", not a 500.
    response = server.get("/")
    assert_friendly_503(response)
    assert FRIENDLY_TITLE in response.body

    migrated = server.manage("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr

    pid = server.process.pid
    assert server.get("/").status == 200
    assert server.get("/api/suggest/?q=x").status == 200
    assert server.get("/search/?q=" + quote("탈퇴")).status == 200
    assert server.process.pid == pid and server.process.poll() is None


class DatabaseProxy:
    """A TCP proxy in front of the real PostgreSQL that can drop every connection and refuse new ones."""

    def __init__(self, host: str, port: int):
        self.upstream = (host, port)
        self.up = True
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.upstream)
            with self.lock:
                self.pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def go_down(self):
        self.up = False
        with self.lock:
            for client, upstream in self.pairs:
                for s in (client, upstream):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    s.close()
            self.pairs.clear()

    def come_back(self):
        self.up = True

    def close(self):
        self.go_down()
        self.listener.close()


on_postgresql = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.skipif(not on_postgresql, reason="needs the suite's PostgreSQL (DATABASE_URL); SQLite is proved above")
def test_postgresql_going_away_mid_life_gives_503_and_the_same_server_recovers(run_server, db):
    from django.db import connection

    settings_dict = connection.settings_dict  # the migrated test database; the server only reads it
    proxy = DatabaseProxy(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    try:
        password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
        server = run_server(DATABASE_URL=f"postgresql://{quote(settings_dict['USER'])}{password}@127.0.0.1:{proxy.port}/{settings_dict['NAME']}")
        # A persistent connection (CONN_MAX_AGE) is open after these; the outage breaks it underneath.
        assert server.get("/").status == 200
        assert server.get("/api/suggest/?q=x").status == 200

        proxy.go_down()
        for path in ["/", "/api/suggest/?q=x", "/", "/search/?q=x"]:
            assert_friendly_503(server.get(path))

        proxy.come_back()
        assert server.get("/").status == 200
        assert server.get("/api/suggest/?q=x").status == 200
        assert server.get("/search/?q=x").status == 200
    finally:
        proxy.close()


def test_only_unavailability_counts_as_an_outage_not_bugs_in_sql():
    import sqlite3

    from django.db import InterfaceError, OperationalError, ProgrammingError

    from helpcenter.middleware import is_database_outage

    def wrapped(cls, cause):
        error = cls(str(cause))
        error.__cause__ = cause
        return error

    assert is_database_outage(wrapped(OperationalError, sqlite3.OperationalError("unable to open database file")))
    assert is_database_outage(wrapped(OperationalError, sqlite3.OperationalError("database is locked")))
    assert is_database_outage(OperationalError('connection failed: Connection refused'))  # psycopg
    assert is_database_outage(InterfaceError("connection already closed"))
    # A bug stays a 500 that gets noticed, not a "maintenance" page that hides it.
    assert not is_database_outage(wrapped(OperationalError, sqlite3.OperationalError('near "OFFSET": syntax error')))
    assert not is_database_outage(ProgrammingError('relation "x" does not exist'))
    assert not is_database_outage(ValueError("boom"))


def test_paths_with_control_characters_are_not_found(client):
    for path in ["/services/kakaotalk%00/", "/services/a/b%00c/", "/articles/1/%0a/"]:
        assert client.get(path).status_code == 404
