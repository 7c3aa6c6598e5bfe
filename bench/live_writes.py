"""The public site while an import writes: p95 and errors of article pages, search and home.

    .venv/bin/python bench/live_writes.py --database sqlite --articles 30000 --requests 400
    .venv/bin/python bench/live_writes.py --database postgres --articles 30000 --output bench/results/live-pg.json

On a fresh database of its own (SQLite file under bench/results/, or PostgreSQL database
`hc_live_writes`, dropped and created): migrate, load the demo help center, start gunicorn (2 workers,
DEBUG off, rate limits off), then run `import_articles` on one JSON Lines file that first updates every
demo article and then inserts `--articles` new ones — one transaction holding the demo rows' locks for
its whole length. While it runs, 4 client threads send at most `--requests` GETs round-robin to
demo article pages, /search/, /api/search/ and /; only requests that started and ended while the import
was running are reported.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.http_load import SERVER_ENV, Gunicorn, timed_get  # noqa: E402

PG_NAME = "hc_live_writes"
SEARCHES = ["비밀번호", "백업", "탈퇴", "알림 설정", "결제 취소"]


def manage(repo: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=repo, env=env, capture_output=True, text=True)


def fresh_database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        path = workdir / "live-writes.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    return f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"


def write_import_file(path: Path, articles: int) -> int:
    """Every demo article changed (first, so its row stays locked), then `articles` new ones."""
    demo = [json.loads(line) for line in (REPO / "fixtures" / "demo_articles.jsonl").read_text().splitlines() if line]
    with path.open("w") as out:
        for record in demo:
            record["body"] += "<p>이 안내는 최근에 다시 확인했습니다.</p>"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for n in range(articles):
            out.write(json.dumps({
                "external_id": f"live-{n:06d}", "service": "토크톡", "category": "대화 백업/복원", "platform": "공통",
                "title": f"백업 파일 문의 {n}번: 비밀번호와 알림 설정",
                "body": f"<p>문의 {n}번 답변입니다. 설정에서 백업과 비밀번호 변경, 알림 설정을 확인해 주세요.</p>",
                "tags": ["백업", f"문의{n % 97}"],
            }, ensure_ascii=False) + "\n")
    return len(demo)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=30000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    workdir = REPO / "bench" / "results"
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = fresh_database(args.database, workdir)
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    for step in (("migrate", "--noinput"), ("load_demo",)):
        result = manage(REPO, env, *step)
        if result.returncode:
            print(result.stdout, result.stderr, file=sys.stderr)
            return 1
    import_file = workdir / "live-writes.jsonl"
    demo_count = write_import_file(import_file, args.articles)
    paths = {
        "article": [f"/articles/{pk}/" for pk in range(1, min(demo_count, 60) + 1)],
        "search": ["/search/?q=" + quote(q) for q in SEARCHES],
        "api_search": ["/api/search/?q=" + quote(q) for q in SEARCHES],
        "home": ["/"],
    }
    results: dict[str, list[tuple[int, float]]] = {kind: [] for kind in paths}
    with Gunicorn(database_url, workdir / "live-writes-gunicorn.log") as server:
        for kind_paths in paths.values():  # warm both workers' caches and connections
            for path in kind_paths[:2] * 2:
                timed_get(server.port, path)
        started = time.monotonic()
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", str(import_file)], cwd=REPO, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        time.sleep(2)  # the import reads and validates first; its transaction opens after that
        budget = threading.Semaphore(args.requests)
        lock = threading.Lock()

        def client(offset: int) -> None:
            n = offset
            kinds = list(paths)
            while importer.poll() is None and budget.acquire(blocking=False):
                kind = kinds[n % len(kinds)]
                path = paths[kind][(n // len(kinds)) % len(paths[kind])]
                status, seconds = timed_get(server.port, path)
                if importer.poll() is None:
                    with lock:
                        results[kind].append((status, seconds))
                n += 1

        threads = [threading.Thread(target=client, args=(i * 3,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        output, _ = importer.communicate()
        import_seconds = time.monotonic() - started
    report = {
        "database": args.database, "articles": args.articles,
        "import": {"seconds": round(import_seconds, 1), "returncode": importer.returncode, "output": output.strip()[-300:]},
        "during_import": {
            kind: {
                "requests": len(rows),
                "errors": sum(1 for status, _ in rows if status != 200),
                "p50_ms": round(percentile([s for _, s in rows], 50) * 1000),
                "p95_ms": round(percentile([s for _, s in rows], 95) * 1000),
                "max_ms": round(max((s for _, s in rows), default=0) * 1000),
            }
            for kind, rows in results.items()
        },
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.output:
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
