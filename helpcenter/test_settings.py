"""Test settings: the production settings, fed a test key and no HTTPS redirect.

Environment values are set before the settings module reads them, so the suite runs the same
code paths as production (DEBUG off) on SQLite or on DATABASE_URL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-with-enough-length-and-entropy-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# Tests change rows behind the index's back (QuerySet.update); the cache has tests of its own.
os.environ.setdefault("SEARCH_CACHE_SECONDS", "0")
os.environ.setdefault("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")
# Many tests hit the search endpoints from one address; rate-limit tests switch limits on themselves.
os.environ.setdefault("RATE_LIMITS", "off")
# Counters are folded by the tests themselves (articles.counters.fold_counters) when they read them.
os.environ.setdefault("COUNTER_FOLD_SECONDS", "0")

from .settings import *  # noqa: E402,F403

# Hashing cost is not behaviour under test; the admin login tests log in dozens of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests read the log back inside their own transaction; insights/tests/test_logging.py proves the
# search_log connection itself.
SEARCH_LOG_DATABASE = "default"
SEARCH_INDEX_UNCOMMITTED = True

# Background tasks run inline, so a test sees a job's outcome as soon as the request returns.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
