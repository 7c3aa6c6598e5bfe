import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("url", ["sqlite:////tmp/x.sqlite3", "postgresql://postgres@127.0.0.1:5432/helpcenter"])
def test_database_comes_from_database_url(url):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage("shell", "-c", code, DEBUG="1", DATABASE_URL=url)
    expected = "sqlite3" if url.startswith("sqlite") else "postgresql"
    assert result.stdout.strip().endswith(expected), result.stderr


def test_korean_language_and_seoul_time(settings):
    assert settings.LANGUAGE_CODE == "ko"
    assert settings.TIME_ZONE == "Asia/Seoul"


def test_models_and_migrations_agree():
    result = run_manage("makemigrations", "--check", "--dry-run", DEBUG="1", DATABASE_URL="sqlite:////tmp/hc-makemigrations-check.sqlite3")
    assert result.returncode == 0, result.stdout + result.stderr
