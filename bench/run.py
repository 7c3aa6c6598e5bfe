"""Benchmark entry point (issue 6): see bench/README.md.

    python bench/run.py --articles 100000 --database postgres --output bench/results/run.json [--skip-http]

Builds its own database (a SQLite file under bench/results/, or the PostgreSQL database hc_bench —
another with --pg-database — dropped and created afresh), migrates it, and runs bench.harness against it.
"""

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DATABASE = "hc_bench"


def fresh_database(kind: str, articles: int, *, pg_database: str = PG_DATABASE) -> str:
    """A new, empty database of our own; returns its DATABASE_URL."""
    if kind == "sqlite":
        path = RESULTS / f"bench-{articles}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {pg_database}")
    return f"{PG_SERVER}/{pg_database}"


def pg_identifier(name: str) -> str:
    """A plain lower-case database name, safe to put into DROP/CREATE DATABASE unquoted."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise argparse.ArgumentTypeError(f"{name!r}: use lower-case letters, digits and _")
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--pg-database", type=pg_identifier, default=PG_DATABASE,
        help=f"PostgreSQL database to drop, create and measure (default {PG_DATABASE}); lets two people benchmark at once",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "run.json")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--http-seconds", type=int, default=15)
    parser.add_argument(
        "--baseline-per-class", type=int, default=None,
        help="naive baseline queries per class (default: all up to 10,000 articles, else 12; 0 = all)",
    )
    args = parser.parse_args(argv)
    per_class = args.baseline_per_class
    if per_class is None:
        per_class = 0 if args.articles <= 10_000 else 12

    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = fresh_database(args.database, args.articles, pg_database=args.pg_database)
    index_dir = RESULTS / f"search-index-{args.database}-{args.articles}"  # the bench's own, never the site's
    shutil.rmtree(index_dir, ignore_errors=True)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "helpcenter.settings",
            "DATABASE_URL": database_url,
            "SEARCH_INDEX_DIR": str(index_dir),
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret-key-not-for-production-0123456789abcdefghijkl",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "RATE_LIMITS": "off",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        }
    )
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.harness import run_benchmark
    from bench.report import table, targets

    call_command("migrate", verbosity=0)
    report = run_benchmark(
        articles=args.articles,
        workdir=RESULTS,
        import_env=dict(os.environ),
        database_url=database_url,
        skip_http=args.skip_http,
        baseline_per_class=per_class or None,
        http_seconds=args.http_seconds,
    )
    report["targets"] = targets(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(table(report))
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
