"""One benchmark run against the configured database: corpus → import → query mix → baseline → HTTP."""

import hashlib
import platform
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import django
from django.db import connection

from . import engine_costs, measure
from .corpus import SEED, write_corpus
from .loading import after_import, ensure_taxonomy, import_in_process, import_in_subprocess
from .queries import CLASSES, Query, build_mix

REPO = Path(__file__).resolve().parent.parent


def engine_version() -> dict:
    """Which search engine was measured: HEAD, whether search/ differs from it, and a content hash."""
    files = sorted((REPO / "search").rglob("*.py"))
    digest = hashlib.sha1(b"".join(f.read_bytes() for f in files)).hexdigest()[:12]

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return ""

    return {"head": git("rev-parse", "--short", "HEAD"), "search_dirty": bool(git("status", "--porcelain", "search")),
            "search_sha1": digest}


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pin_engine() -> None:
    """Import the backend now, so the run measures one consistent version of the engine's code
    even if someone edits search/ while the corpus is being imported."""
    from search.backends import get_backend

    get_backend()


def run_benchmark(
    *,
    articles: int,
    workdir: Path,
    import_env: dict[str, str] | None = None,
    database_url: str = "",
    skip_http: bool = True,
    baseline_per_class: int | None = None,
    queries_per_class: int | None = None,
    http_seconds: int = 15,
    seed: int = SEED,
) -> dict:
    """Runs everything on Django's default database and returns the report (the JSON written to --output).

    With `import_env` the import runs as `manage.py import_articles` in a child process with that
    environment (its peak memory is then its own); without, in-process (the smoke test).
    `queries_per_class` / `baseline_per_class` measure an evenly spread subset of the mix (None = all).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    pin_engine()
    vendor = connection.vendor
    report: dict = {
        "meta": {
            "articles": articles,
            "database": vendor,
            "seed": seed,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "django": django.get_version(),
            "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cpus",
            "engine": engine_version(),
        }
    }

    started = time.perf_counter()
    corpus_path = workdir / f"corpus-{articles}-{seed}.jsonl"
    corpus = write_corpus(corpus_path, articles, seed=seed)
    report["corpus"] = {
        "path": str(corpus_path),
        "articles": articles,
        "public": corpus.published,
        "vocabulary_size": len(corpus.vocabulary),
        "vocabulary_used": len(corpus.word_df),
        "mean_body_chars": round(corpus.body_chars / max(1, articles)),
        "generate_s": round(time.perf_counter() - started, 1),
    }

    progress(f"corpus written ({report['corpus']['generate_s']} s); importing")
    slugs = ensure_taxonomy()
    if import_env is not None:
        result = import_in_subprocess(corpus_path, import_env, workdir / f"import-{vendor}-{articles}.log")
    else:
        result = import_in_process(corpus_path)
    report["import"] = {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(result).items()}
    if result.returncode != 0 or result.articles == 0:
        raise RuntimeError(f"import failed ({result.method}, exit {result.returncode}):\n{result.log}")
    progress(f"imported {result.articles} articles at {result.articles_per_second:.0f}/s; view counts, ANALYZE")
    report["rebuild_s"] = round(after_import(), 2)

    mix = build_mix(corpus, slugs)
    report["terms"] = [
        {"class": kind, "term": term, "df": mix.term_df[term], "df_pct": round(100 * mix.term_df[term] / corpus.published, 3)}
        for kind in CLASSES
        for text in mix.base[kind]
        for term in dict.fromkeys(Query(kind, text, "").terms)
    ]
    report["queries"] = {"distinct": len(mix.queries), "base": mix.base}

    report["warm_up_error"] = measure.warm_up()
    progress(f"search: {len(mix.queries)} queries")
    ours = measure.run(measure.sample_per_class(mix.queries, queries_per_class), measure.time_search)
    baseline_queries = measure.sample_per_class(mix.queries, baseline_per_class)
    progress(f"naive baseline: {len(baseline_queries)} queries")
    baseline = measure.run(baseline_queries, measure.time_baseline)
    report["search"] = measure.summarize(ours)
    report["baseline"] = measure.summarize(baseline)
    report["speedup_p95"] = {
        kind: round(report["baseline"][kind]["p95_ms"] / report["search"][kind]["p95_ms"], 1)
        if report["search"][kind]["p95_ms"] > 0 else None
        for kind in CLASSES
    }
    report["errors"] = [asdict(t) for t in ours if t.error][:20]
    base_texts = [text for kind in CLASSES for text in mix.base[kind]]
    progress("type-ahead, saves, a fresh worker, the index on disk")
    report["typeahead"] = engine_costs.typeahead([t for t in base_texts if '"' not in t])
    report["save"] = engine_costs.save_cost()
    report["fresh_worker"] = engine_costs.fresh_worker(base_texts) if import_env is not None else {"skipped": True}
    report["index"] = engine_costs.index_size()
    report["timings"] = {"search": measure.as_dicts(ours), "baseline": measure.as_dicts(baseline)}

    if skip_http:
        report["http"] = {"skipped": True}
    else:
        from .http_load import measure_http

        progress("HTTP load")
        texts = [text for kind in CLASSES for text in mix.base[kind]]
        report["http"] = measure_http(database_url, texts, workdir, seconds=http_seconds)
        progress("HTTP load, every request a full search (SEARCH_CACHE_SECONDS=0)")
        uncached = measure_http(database_url, texts, workdir, seconds=http_seconds, env={"SEARCH_CACHE_SECONDS": "0"})
        report["http"].update({f"{name}_uncached": figures for name, figures in uncached.items() if name in ("search_page", "api_search")})
    return report
