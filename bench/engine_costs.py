"""What the search engine costs besides query latency: type-ahead, a save, a fresh worker's first
search, memory per worker, the index on disk."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from articles.models import Article
from search.typeahead import suggest_titles

from .measure import clear_caches, percentile
from .peak import own_peak_mb

REPO = Path(__file__).resolve().parent.parent


def typeahead(texts: list[str]) -> dict:
    """/api/suggest/'s work for every prefix of each text of two syllables or more, as typed."""
    timings = []
    for text in texts:
        for end in range(2, len(text) + 1):
            clear_caches()
            started = time.perf_counter()
            suggest_titles(text[:end])
            timings.append((time.perf_counter() - started) * 1000)
    return {"n": len(timings), "p50_ms": round(percentile(timings, 50), 2), "p95_ms": round(percentile(timings, 95), 2)}


def save_cost(samples: int = 30) -> dict:
    """An admin-style save of a published article, its index work included (applied after commit)."""
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True)[:samples])
    timings = []
    for pk in ids:
        article = Article.objects.get(pk=pk)
        article.title = article.title + " "  # changed, then normalised back by save(): a real write
        started = time.perf_counter()
        with transaction.atomic():
            article.save()
        timings.append((time.perf_counter() - started) * 1000)
    return {"n": len(timings), "median_ms": round(statistics.median(timings), 2), "p95_ms": round(percentile(timings, 95), 2)}


FRESH_WORKER = """
import sys, time
started = time.perf_counter()
import django
django.setup()
from search import search
setup = time.perf_counter() - started
started = time.perf_counter()
search(sys.argv[1])
first = time.perf_counter() - started
for text in sys.argv[2:]:
    search(text)
from bench.peak import own_peak_mb
print(f"{setup:.4f} {first:.4f} {own_peak_mb():.1f}")
"""


def fresh_worker(texts: list[str]) -> dict:
    """A new process: Django set up, then its first search (the index opened, nothing warm), then the
    query mix's base texts; peak RSS after them is what a serving worker holds."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH_WORKER, *texts],
        cwd=REPO, env={**os.environ, "DJANGO_SETTINGS_MODULE": "helpcenter.settings"},
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode:
        return {"error": done.stderr[-1000:]}
    setup, first, rss = (float(v) for v in done.stdout.split()[-3:])
    return {"django_setup_s": setup, "first_search_s": first, "worker_rss_mb": rss}


def index_size() -> dict:
    root = Path(settings.SEARCH_BACKEND["PATH"])
    live = root / os.readlink(root / "current") if (root / "current").is_symlink() else root
    size = sum(f.stat().st_size for f in live.rglob("*") if f.is_file())
    return {"path": str(live), "mb": round(size / 1e6, 1)}


def this_process_rss_mb() -> float:
    return own_peak_mb()
