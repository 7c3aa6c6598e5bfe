"""Settings, all read from the environment (see README, "Configuration")."""

import re
from pathlib import Path

import environ
from csp.constants import NONCE as CSP_NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only a DEBUG run may fall back to a throwaway key; production refuses to start without one.
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "axes",
    "csp",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "articles",
    "images",
    "search",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files leave here, already compressed
    # Compresses pages and JSON. Safe against BREACH here: CSRF tokens are masked anew in every response
    # and Django pads each gzip body with random bytes (README, "Production serving").
    "django.middleware.gzip.GZipMiddleware",
    "helpcenter.middleware.MalformedPathMiddleware",
    "helpcenter.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "insights.middleware.VisitorTokenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "helpcenter.urls"
WSGI_APPLICATION = "helpcenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead database must turn into a quick 503, not a hung request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    if env.bool("HELPCENTER_WEB", default=False):
        # Set by helpcenter/wsgi.py: web requests give up on a held lock or a runaway query (503)
        # instead of tying up a worker; management commands and imports keep waiting as long as needed.
        _web = f"-c lock_timeout={env.int('DB_LOCK_TIMEOUT_MS', default=3000)} -c statement_timeout={env.int('DB_STATEMENT_TIMEOUT_MS', default=30000)}"
        _opts = DATABASES["default"]["OPTIONS"]
        _opts["options"] = f"{_opts.get('options', '')} {_web}".strip()
    # The search log writes through a connection of its own whose commits don't wait for the WAL flush:
    # a log row lost in a crash is acceptable, a disk wait (or BEGIN/SET LOCAL/COMMIT) on every search is not.
    _options = DATABASES["default"]["OPTIONS"]
    DATABASES["search_log"] = {
        **DATABASES["default"],
        "OPTIONS": {**_options, "options": f"{_options.get('options', '')} -c synchronous_commit=off".strip()},
        # No SELECT 1 before each request's write: a failed write is swallowed and closes the connection.
        "CONN_HEALTH_CHECKS": False,
        "TEST": {"MIRROR": "default"},
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 5, "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://helpcenter")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Every call bounded well under a second, and a failing server skipped for a while (helpcenter/cache.py).
    CACHES["default"]["BACKEND"] = "helpcenter.cache.BoundedRedisCache"
    _timeout = env.int("CACHE_TIMEOUT_MS", default=250) / 1000
    for _option in ("socket_connect_timeout", "socket_timeout"):
        CACHES["default"].setdefault("OPTIONS", {}).setdefault(_option, _timeout)
CACHE_BREAKER_SECONDS = env.int("CACHE_BREAKER_SECONDS", default=10)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("한국어"))]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images (the images app) go through Django's storage API: files under MEDIA_ROOT by default,
# or any S3-compatible bucket through django-storages (README, "Media storage").
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
if not re.fullmatch(r"(https?://[^/\s?#]+)?/([^\s?#]+/)?", MEDIA_URL):
    raise ImproperlyConfigured('MEDIA_URL must be a path or address ending in "/", e.g. "/media/" or "https://media.example.com/".')
if MEDIA_URL == "/":
    raise ImproperlyConfigured('MEDIA_URL "/" would hide every page behind the uploads; use a path such as "/media/".')
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")
# The public origin of uploaded images when they live elsewhere (a bucket or CDN): CSP img-src allows it.
_media_origin = re.match(r"https?://[^/]+", MEDIA_URL)
MEDIA_ORIGIN = _media_origin.group(0) if _media_origin else ""
_media_options = {}
if MEDIA_STORAGE == "storages.backends.s3.S3Storage":
    if not MEDIA_ORIGIN:
        raise ImproperlyConfigured("With S3 storage MEDIA_URL must be the bucket's public address (https://...).")
    # Object keys are the upload names (images/2026/11/<random>.png) and MEDIA_URL is where the bucket's root
    # is served, so every stored URL is MEDIA_URL + name: what the sanitiser keeps and CSP allows.
    # Credentials come from the environment boto3 reads itself (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
    _media_options = {
        "bucket_name": env.str("MEDIA_S3_BUCKET"),
        "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("MEDIA_S3_REGION", default="") or None,
        "custom_domain": MEDIA_URL.split("://", 1)[1].rstrip("/"),
        "url_protocol": MEDIA_URL.split("//", 1)[0],
        "querystring_auth": False,  # bodies keep the URL for years: no expiring signatures
        "file_overwrite": False,
    }
# Local uploads are served by the app when on (development; small single-machine sites); otherwise by
# the web server in front (README). Never for a remote store: its own host serves it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG) and not MEDIA_ORIGIN
# Upload limits (images/processing.py): bytes of the file, pixels of the decoded picture (a small file can
# decode to gigabytes), and the widest picture stored (wider ones are scaled down).
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
IMAGE_MAX_WIDTH = env.int("IMAGE_MAX_WIDTH", default=1600)
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE, "OPTIONS": _media_options},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# The public address (https://help.example.com) for canonical, og:url, sitemap and robots.txt links.
# Empty: each request's own host, as validated by ALLOWED_HOSTS.
SITE_URL = env.str("SITE_URL", default="").strip().rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/\s?#]+", SITE_URL):
    raise ImproperlyConfigured('SITE_URL must be a scheme and host such as "https://help.example.com" (no path).')
if SITE_URL and not DEBUG and re.match(r"https?://(localhost|127\.|\[::1\])", SITE_URL):
    raise ImproperlyConfigured("SITE_URL points at this machine; production links would lead nowhere.")
# "문의하기": where a visitor goes when self-help fails (shown only when set).
SUPPORT_URL = env.str("SUPPORT_URL", default="").strip()
SUPPORT_LABEL = env.str("SUPPORT_LABEL", default="").strip() or _("문의하기")
if SUPPORT_URL and not re.match(r"(https?://|mailto:|tel:|/)", SUPPORT_URL):
    raise ImproperlyConfigured('SUPPORT_URL must start with https://, http://, mailto:, tel: or "/".')

# Security headers; HSTS and secure cookies only make sense behind HTTPS, so they follow DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The nonce is only sent where a page asks for one (the admin's body editor import map).
        "script-src": ["'self'", CSP_NONCE],
        "style-src": ["'self'"],
        # Article images are uploads: from this site or the configured media host, nowhere else.
        "img-src": ["'self'", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Failed admin logins: lock a username+IP pair for an hour after 5 failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "helpcenter.errors.login_locked_out"

# Rate limits per client; "off" disables all of them (load tests, tooling).
RATE_LIMITS_ENABLED = env.str("RATE_LIMITS", default="on").lower() not in {"off", "0", "false", "no"}
# Generous: type-ahead calls the API per keystroke, and mobile carriers put many people behind one address.
RATE_LIMIT_SEARCH = env.str("RATE_LIMIT_SEARCH", default="300/m")
RATE_LIMIT_VOTE = env.str("RATE_LIMIT_VOTE", default="30/m")
for _name in ("RATE_LIMIT_SEARCH", "RATE_LIMIT_VOTE"):
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", globals()[_name]):
        raise ImproperlyConfigured(f'{_name} must look like "120/m" (requests per s, m, h or d).')
# helpcenter.ratelimit checks RATE_LIMITS_ENABLED at call time; django-ratelimit itself stays on under it.
RATELIMIT_ENABLE = True
RATELIMIT_VIEW = "helpcenter.errors.rate_limited"
# A cache that cannot count lets requests through rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True
# Behind a reverse proxy every request comes from the proxy: count the address it forwards instead.
RATE_LIMIT_TRUSTED_PROXIES = env.int("RATE_LIMIT_TRUSTED_PROXIES", default=0)
RATELIMIT_IP_META_KEY = "helpcenter.ratelimit.client_ip"
AXES_CLIENT_IP_CALLABLE = "helpcenter.ratelimit.client_ip"

# The body editor's own extension (static/admin-staff/editor-images.js): images uploaded from the editor.
# Its allow-list is what articles/sanitize.py keeps for <img> (articles/tests/test_editor.py compares them).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin-staff/editor-images.js")],
        "extensions": {"ArticleImage": html_tags(["img"], {"img": ["src", "alt", "width", "height"]})},
    }
]

# Background work (admin imports): stored in the database and run by `manage.py db_worker`,
# which `make run` starts beside the web server. Tests use the immediate backend (runs inline).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SEARCH_MAX_QUERY_LENGTH = 200
# Repeated searches are served from the cache for this long, unless the index changes first (0 = off).
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60)
SEARCH_LOG_RETENTION_DAYS = env.int("SEARCH_LOG_RETENTION_DAYS", default=90)
SEARCH_LOG_DATABASE = "search_log" if "search_log" in DATABASES else "default"

# Views and votes (articles/feedback.py): counted actions per client address and article.
COUNT_LIMIT = env.str("COUNT_LIMIT", default="10/h")
if COUNT_LIMIT.lower() in {"off", "0", ""}:
    COUNT_LIMIT = ""
elif not re.fullmatch(r"[1-9]\d*/\d*[smhd]", COUNT_LIMIT):
    raise ImproperlyConfigured('COUNT_LIMIT must look like "10/h" or be "off".')
# Counted views/votes are folded into the articles at most this often from the request path (0 = cron only).
COUNTER_FOLD_SECONDS = env.int("COUNTER_FOLD_SECONDS", default=30)
# SQLite: how long a counter or search-log write waits for the write lock before it is skipped.
QUICK_WRITE_BUSY_MS = env.int("QUICK_WRITE_BUSY_MS", default=100)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The search engine (search/backends/): Tantivy, embedded, its index on this machine's disk. Each
# machine keeps its own copy and catches up from the database's change log.
SEARCH_BACKEND = {
    "BACKEND": env.str("SEARCH_BACKEND", default="search.backends.tantivy.TantivyBackend"),
    "PATH": env.str("SEARCH_INDEX_DIR", default=str(BASE_DIR / "var" / "search-index")),
}
# An index that must be rebuilt (a new machine, a restored database) is rebuilt inside the first
# search when the site has at most this many published articles; larger sites run
# `manage.py rebuild_search_index`.
SEARCH_INLINE_REBUILD_LIMIT = env.int("SEARCH_INLINE_REBUILD_LIMIT", default=5000)
# Only tests (which run inside a transaction that is rolled back) let a search apply uncommitted changes.
SEARCH_INDEX_UNCOMMITTED = False
