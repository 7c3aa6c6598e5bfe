"""Security headers on every response, and HTTPS-only behaviour with production settings."""

import re

import pytest
from django.urls import reverse

from .servers import read_settings, start_server, stop_server

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


def public_urls(hc) -> list[str]:
    return [
        reverse("articles:home"),
        reverse("articles:search") + "?q=백업",
        hc.backup_android.get_absolute_url(),
        hc.backup.get_absolute_url(),
        hc.talk.get_absolute_url(),
        reverse("articles:api-search") + "?q=백업",
        "/sitemap.xml",
        "/no-such-page/",
    ]


def test_every_response_carries_the_security_headers(client, help_center):
    for url in public_urls(help_center):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert directives["object-src"] == ["'none'"]
        assert directives["img-src"] == ["'self'"], url  # uploads only: no https: wildcard, no data:
        assert directives["frame-ancestors"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_need_no_inline_script_so_the_policy_breaks_nothing(client, help_center):
    # With script-src 'self', inline code would be blocked: the pages must not depend on any.
    for url in public_urls(help_center)[:5]:
        html = client.get(url).content.decode()
        for attributes, code in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
            assert "src=" in attributes or 'type="application/ld+json"' in attributes, (url, attributes)
            assert "src=" not in attributes or not code.strip(), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert "javascript:" not in html, url


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with the production defaults (DEBUG off, HTTPS redirect, HSTS, secure cookies)."""
    import subprocess
    import sys

    from .servers import ROOT, clean_environment

    tmp = tmp_path_factory.mktemp("prod")
    env = {"DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "ALLOWED_HOSTS": "127.0.0.1"}
    environment = clean_environment(**env)
    environment.pop("SECURE_SSL_REDIRECT")
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert migrated.returncode == 0, migrated.stderr
    server = start_server(tmp, **env, SECURE_SSL_REDIRECT="1")
    yield server
    stop_server(server)


def https_get(server, path):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def test_production_redirects_plain_http_to_https(production_server):
    response = production_server.get("/")
    assert response.status == 301
    assert response.headers["location"] == "https://127.0.0.1/"


def test_production_sends_hsts_and_secure_cookies(production_server):
    home = https_get(production_server, "/")
    assert home.status == 200
    hsts = home.getheader("Strict-Transport-Security")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts

    login = https_get(production_server, "/admin/login/")
    assert login.status == 200
    cookies = login.headers.get_all("Set-Cookie")
    csrf = next(c for c in cookies if c.startswith("csrftoken="))
    assert "Secure" in csrf


def test_production_session_cookie_is_secure_and_http_only():
    code = "print(settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"
    assert read_settings(code, SECURE_SSL_REDIRECT="1").stdout.split() == ["True", "True", "True", "31536000"]
