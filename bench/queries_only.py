"""Re-run the search measurements (query mix, type-ahead, saves, a fresh worker) against a database
and index that a full run has built, with the code on disk now.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/hc_bench SEARCH_INDEX_DIR=bench/results/search-index-postgres-100000 \\
        python bench/queries_only.py bench/results/run-pg-100k.json --output bench/results/queries-pg-100k.json
"""

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a bench/run.py JSON report: its queries are run again")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from bench.http_load import SERVER_ENV

    os.environ.update({**SERVER_ENV, "DJANGO_SETTINGS_MODULE": "helpcenter.settings"})
    import django

    django.setup()
    from bench import engine_costs, measure
    from bench.queries import CLASSES, Query

    earlier = json.loads(args.report.read_text())
    queries = [
        Query(t["kind"], t["text"], t["sort"], tuple((k, tuple(v)) for k, v in t["filters"].items()))
        for t in earlier["timings"]["search"]
    ]
    measure.warm_up()
    timings = measure.run(queries, measure.time_search)
    base = [text for kind in CLASSES for text in earlier["queries"]["base"][kind]]
    report = {
        "search": measure.summarize(timings),
        "errors": [t.error for t in timings if t.error][:5],
        "typeahead": engine_costs.typeahead([t for t in base if '"' not in t]),
        "save": engine_costs.save_cost(),
        "fresh_worker": engine_costs.fresh_worker(base),
        "index": engine_costs.index_size(),
    }
    for kind in CLASSES:
        s = report["search"][kind]
        print(f"{kind:<10} n {s['n']:>3}  p50 {s['p50_ms']:6.1f}  p95 {s['p95_ms']:6.1f}  p99 {s['p99_ms']:6.1f}  errors {s['errors']}")
    print(json.dumps({k: v for k, v in report.items() if k != "search"}, ensure_ascii=False))
    if args.output:
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
