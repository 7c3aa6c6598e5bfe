"""A large admin import through the background worker, with the site checked meanwhile.

    .venv/bin/python bench/admin_import.py --articles 30000 --database-url postgresql://postgres@127.0.0.1:5432/hc_bench_import
    (100,000 records fit the form's 100 MB limit with --body-chars 150: about 76 MB)

Migrates the given (empty, throwaway) database, starts gunicorn and `manage.py db_worker`, uploads a
generated JSONL file through the admin import view, confirms it once checked, and meanwhile requests
the home page and a search every half second. Prints the check and write times and the site's
answers (status codes, slowest response).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402
from bench.http_load import SERVER_ENV, Gunicorn, timed_get  # noqa: E402

PATHS = ["/", "/search/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8"]


def shorten_bodies(source: Path, target: Path, limit: int = 700) -> Path:
    """The benchmark corpus has ~4 KB bodies; cut them at a paragraph so 100,000 records fit the 100 MB form limit."""
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            body = record["body"]
            cut = body.find("</p>", limit)
            record["body"] = body if cut < 0 else body[: cut + 4]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    source.unlink()
    return target


def wait_for(job, phases: set[str], server: Gunicorn, answers: list) -> float:
    started = time.monotonic()
    while True:
        job.refresh_from_db()
        if job.phase in phases:
            return time.monotonic() - started
        for path in PATHS:
            answers.append((path, *timed_get(server.port, path, timeout=30)))
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=30_000)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--body-chars", type=int, default=700, help="bodies cut at the first paragraph end after this")
    args = parser.parse_args()
    os.environ.update({**SERVER_ENV, "DATABASE_URL": args.database_url, "ALLOWED_HOSTS": "127.0.0.1,testserver"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from articles.import_jobs import ImportJob
    from articles.roles import PUBLISHERS

    call_command("migrate", verbosity=0)
    workdir = Path(tempfile.mkdtemp(prefix="hc-admin-import-"))
    full = workdir / "full.jsonl"
    write_corpus(full, args.articles)
    corpus = shorten_bodies(full, workdir / "articles.jsonl", args.body_chars)
    user, _ = User.objects.get_or_create(username="bench-publisher", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    client = Client()
    client.force_login(user)
    env = {**os.environ}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
        cwd=REPO, env=env, stdout=(workdir / "worker.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    answers: list[tuple[str, int, float]] = []
    try:
        with Gunicorn(args.database_url, workdir / "gunicorn.log") as server:
            print(f"file {corpus.stat().st_size / 2**20:.1f} MB, {args.articles} records", flush=True)
            upload = SimpleUploadedFile("articles.jsonl", corpus.read_bytes())
            started = time.monotonic()
            response = client.post("/admin/articles/article/import/", {"file": upload, "create_taxonomy": "on"})
            upload_seconds = time.monotonic() - started
            assert response.status_code == 302, (response.status_code, response.content[:2000])
            job = ImportJob.objects.latest("pk")
            check = wait_for(job, {"checked", "invalid", "failed"}, server, answers)
            print(f"upload request {upload_seconds:.1f} s; check {check:.1f} s -> {job.phase}, {job.records} records", flush=True)
            client.post(job.get_absolute_url(), {"confirm": "1"})
            write = wait_for(job, {"done", "invalid", "failed"}, server, answers)
            print(f"write {write:.1f} s -> {job.phase}: created {job.created}, updated {job.updated}", flush=True)
            print(f"upload file left behind: {job.path.exists()}", flush=True)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    for path in PATHS:
        mine = [(code, seconds) for where, code, seconds in answers if where == path]
        failed = sum(code != 200 for code, _ in mine)
        slowest = max((seconds for _, seconds in mine), default=0)
        print(f"{path}: {len(mine)} requests, {failed} not 200 (0 = no answer in 30 s), slowest {slowest:.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
