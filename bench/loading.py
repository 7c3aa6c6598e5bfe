"""Loading the corpus through the project's import path, with its wall time and peak memory."""

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.db.models.functions import Mod

from articles.models import Article, Category, Platform, Service

from .corpus import PLATFORMS, SERVICES, category_names
from .peak import REPORTING, own_peak_mb

REPO = Path(__file__).resolve().parent.parent


@dataclass
class ImportResult:
    method: str  # "import_articles (subprocess)", "import_articles (in-process)" or a fallback
    seconds: float
    articles: int  # rows in the database afterwards
    articles_per_second: float
    peak_rss_mb: float
    returncode: int = 0
    log: str = ""


def ensure_taxonomy() -> dict[str, dict[str, str]]:
    """10 services, 200 categories, 6 platforms; returns facet -> name -> slug for the query mix."""
    for order, name in enumerate(SERVICES):
        service, _ = Service.objects.get_or_create(name=name, defaults={"order": order})
        for corder, cname in enumerate(category_names(name)):
            Category.objects.get_or_create(service=service, name=cname, defaults={"order": corder})
    for order, name in enumerate(PLATFORMS):
        Platform.objects.get_or_create(name=name, defaults={"order": order})
    return {
        "service": dict(Service.objects.values_list("name", "slug")),
        "category": dict(Category.objects.values_list("name", "slug")),
        "platform": dict(Platform.objects.values_list("name", "slug")),
    }


def import_in_subprocess(path: Path, env: dict[str, str], log_path: Path) -> ImportResult:
    """`manage.py import_articles FILE --format jsonl` in a child, so its peak RSS is its own
    (bench/peak.py: reported by the child, not wait4's ru_maxrss, which counts this process too)."""
    method, argv = "import_articles (subprocess)", ["manage.py", "import_articles", str(path), "--format", "jsonl"]
    peak_file = log_path.with_suffix(".peak")
    peak_file.unlink(missing_ok=True)
    started = time.perf_counter()
    with log_path.open("w") as log:
        child = subprocess.run(
            [sys.executable, "-c", REPORTING, *argv],
            cwd=REPO, env={**env, "BENCH_PEAK_FILE": str(peak_file)}, stdout=log, stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - started
    count = Article.objects.count()
    tail = log_path.read_text(errors="replace")[-2000:]
    peak = float(peak_file.read_text()) if peak_file.exists() else float("nan")
    return ImportResult(method, seconds, count, count / seconds, peak, child.returncode, tail)


def import_in_process(path: Path) -> ImportResult:
    """For the smoke test (a pytest database a child cannot see); peak RSS is the whole process's."""
    started = time.perf_counter()
    method = "import_articles (in-process)"
    call_command("import_articles", str(path), "--format", "jsonl", verbosity=0)
    seconds = time.perf_counter() - started
    count = Article.objects.count()
    return ImportResult(method, seconds, count, count / seconds, own_peak_mb())


def after_import() -> float:
    """Deterministic view counts (the import format has none, and `popular` needs a spread), then what
    autovacuum would do after a mass update: VACUUM (visibility map for index-only scans) and ANALYZE.
    The counts are written behind the index's back, as an operator's mass update would be, so the
    index is rebuilt (`rebuild_search_index`); returns the rebuild's seconds."""
    from search import sync

    Article.objects.update(view_count=Mod(F("id") * 7919, 100003))
    with connection.cursor() as cursor:
        # VACUUM cannot run inside a transaction (the smoke test runs in one); ANALYZE alone then.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    started = time.perf_counter()
    sync.rebuild()
    return time.perf_counter() - started

