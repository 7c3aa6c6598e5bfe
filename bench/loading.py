"""Loading the corpus through the project's import path, with its wall time and peak memory."""

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command, get_commands
from django.db import connection
from django.db.models import F
from django.db.models.functions import Mod

from articles.models import Article, Category, Platform, Service

from .corpus import PLATFORMS, SERVICES, category_names

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


def has_import_command() -> bool:
    return "import_articles" in get_commands()


def import_in_subprocess(path: Path, env: dict[str, str], log_path: Path) -> ImportResult:
    """`manage.py import_articles FILE --format jsonl` in a child, so its peak RSS is its own (wait4)."""
    if has_import_command():
        method, argv = "import_articles (subprocess)", ["manage.py", "import_articles", str(path), "--format", "jsonl"]
    else:
        method = "bench fallback bulk_create (import_articles missing)"
        code = "import sys, django; django.setup(); from bench.loading import load_fallback; load_fallback(sys.argv[1])"
        argv = ["-c", code, str(path)]
        env = {**env, "DJANGO_SETTINGS_MODULE": "helpcenter.settings"}
    started = time.perf_counter()
    with log_path.open("w") as log:
        child = subprocess.Popen([sys.executable, *argv], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    count = Article.objects.count()
    tail = log_path.read_text(errors="replace")[-2000:]
    return ImportResult(method, seconds, count, count / seconds, usage.ru_maxrss / 1024, child.returncode, tail)


def import_in_process(path: Path) -> ImportResult:
    """For the smoke test (a pytest database a child cannot see); peak RSS is the whole process's."""
    started = time.perf_counter()
    if has_import_command():
        method = "import_articles (in-process)"
        call_command("import_articles", str(path), "--format", "jsonl", verbosity=0)
    else:
        method = "bench fallback bulk_create (import_articles missing)"
        load_fallback(path)
    seconds = time.perf_counter() - started
    count = Article.objects.count()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ImportResult(method, seconds, count, count / seconds, peak)


def load_fallback(path: Path | str, batch: int = 1000) -> None:
    """Only while import_articles does not exist yet: bulk_create, then the search index sync hook."""
    from articles.search import index

    services = {s.name: s for s in Service.objects.all()}
    categories = {(c.service_id, c.name): c for c in Category.objects.all()}
    platforms = {p.name: p for p in Platform.objects.all()}
    pending: list[Article] = []

    def flush():
        created = Article.objects.bulk_create(pending)
        index.reindex([a.pk for a in created])
        pending.clear()

    with open(path, encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            service = services[r["service"]]
            pending.append(Article(
                external_id=r["external_id"], service=service, category=categories[(service.pk, r["category"])],
                platform=platforms[r["platform"]], title=r["title"], body=r["body"], status=r["status"],
                published_at=r["published_at"], tags=", ".join(r["tags"]),
            ))
            if len(pending) >= batch:
                flush()
    if pending:
        flush()


def after_import() -> None:
    """Deterministic view counts (the import format has none, and `popular` needs a spread), then what
    autovacuum would do after a mass update: VACUUM (visibility map for index-only scans) and ANALYZE."""
    Article.objects.update(view_count=Mod(F("id") * 7919, 100003))
    with connection.cursor() as cursor:
        # VACUUM cannot run inside a transaction (the smoke test runs in one); ANALYZE alone then.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

