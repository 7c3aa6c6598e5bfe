import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from .servers import load_settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "STATICFILES_BACKEND"}}
    environment.update(env)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="prod-like-" + "k7Qz!x9@Lm#2" * 5,
        ALLOWED_HOSTS="help.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        load_settings(DEBUG="0", SECRET_KEY="")


@pytest.mark.parametrize("url", ["sqlite:////tmp/x.sqlite3", "postgresql://postgres@127.0.0.1:5432/helpcenter"])
def test_database_comes_from_database_url(url):
    engine = load_settings(DEBUG="1", DATABASE_URL=url)["DATABASES"]["default"]["ENGINE"]
    assert engine.endswith("sqlite3" if url.startswith("sqlite") else "postgresql")


def test_web_processes_get_lock_and_statement_timeouts_commands_do_not():
    url = "postgresql://postgres@127.0.0.1:5432/helpcenter"
    web = load_settings(DATABASE_URL=url, HELPCENTER_WEB="1")["DATABASES"]
    assert "-c lock_timeout=3000" in web["default"]["OPTIONS"]["options"]
    assert "-c statement_timeout=30000" in web["default"]["OPTIONS"]["options"]
    assert "lock_timeout" in web["search_log"]["OPTIONS"]["options"]
    command = load_settings(DATABASE_URL=url)["DATABASES"]
    assert "lock_timeout" not in command["default"]["OPTIONS"].get("options", "")
    wsgi = (ROOT / "helpcenter" / "wsgi.py").read_text()
    assert 'os.environ.setdefault("HELPCENTER_WEB", "1")' in wsgi


def test_sqlite_runs_in_wal_mode():
    options = load_settings(DATABASE_URL="sqlite:////tmp/hc-wal-check.sqlite3")["DATABASES"]["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]


def test_korean_language_and_seoul_time(settings):
    assert settings.LANGUAGE_CODE == "ko"
    assert settings.TIME_ZONE == "Asia/Seoul"


def test_models_and_migrations_agree(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero on a missing migration
    assert "No changes detected" in out.getvalue()


def test_images_from_a_media_host_are_allowed_by_csp_and_nothing_else():
    local = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert local["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'"]
    assert (local["MEDIA_URL"], local["SERVE_MEDIA"]) == ("/media/", False)
    remote = load_settings(DEBUG="0", SECRET_KEY="x" * 50, MEDIA_URL="https://media.example.com/help/")
    assert remote["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "https://media.example.com"]
    assert remote["SERVE_MEDIA"] is False
    assert load_settings(DEBUG="1")["SERVE_MEDIA"] is True


def test_s3_compatible_storage_is_configured_from_the_environment():
    loaded = load_settings(
        DEBUG="0", SECRET_KEY="x" * 50,
        MEDIA_STORAGE="storages.backends.s3.S3Storage", MEDIA_URL="https://s3.example.com/help-images/",
        MEDIA_S3_BUCKET="help-images", MEDIA_S3_ENDPOINT_URL="https://s3.example.com", MEDIA_S3_REGION="kr-central-1",
    )
    storage = loaded["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "help-images",
        "endpoint_url": "https://s3.example.com",
        "region_name": "kr-central-1",
        # URLs are MEDIA_URL + name: path-style here, the bucket named in the address
        "custom_domain": "s3.example.com/help-images",
        "url_protocol": "https:",
        "querystring_auth": False,
        "file_overwrite": False,
    }


@pytest.mark.parametrize(
    "env",
    [
        {"MEDIA_URL": "media"},
        {"MEDIA_URL": "/"},
        {"MEDIA_URL": "https://media.example.com/help?x=1/"},
        {"MEDIA_STORAGE": "storages.backends.s3.S3Storage", "MEDIA_S3_BUCKET": "b"},  # a bucket needs its address
    ],
)
def test_unusable_media_settings_refuse_to_start(env):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_URL"):
        load_settings(DEBUG="1", **env)
