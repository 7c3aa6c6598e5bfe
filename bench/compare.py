"""Two checkouts' search latencies on one database and index, in turns (less noise on a shared machine).

    DATABASE_URL=… SEARCH_INDEX_DIR=… python bench/compare.py bench/results/run.json /work/main-bench /work/perf-bench --rounds 3

With `--index-dirs A B` each checkout reads an index of its own (two schemas: each built by its
checkout's `rebuild_search_index` from the same database).

Each round runs the query mix of a bench/run.py report (every query once, caches cleared, the way
queries_only.py does) in a fresh process of each checkout in turn, with that checkout's code and
.venv. Per query the median of the rounds, then p50/p95 per class. The match counts must agree
(the same results), else it stops (--counts-may-differ lists them instead, for a change meant to
match differently). Nothing is written to the database.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run inside a checkout (cwd): its own bench.measure and bench.queries, which every version has.
CHILD = """
import json, os, sys
sys.path.insert(0, os.getcwd())
from bench.http_load import SERVER_ENV
os.environ.update({**SERVER_ENV, "DJANGO_SETTINGS_MODULE": "helpcenter.settings"})
import django
django.setup()
from bench import measure
from bench.queries import Query
report = json.loads(open(sys.argv[1]).read())
queries = [Query(t["kind"], t["text"], t["sort"], tuple((k, tuple(v)) for k, v in t["filters"].items()))
           for t in report["timings"]["search"]]
measure.warm_up()
timings = measure.run(queries, measure.time_search)
print(json.dumps([[t.kind, t.text, t.sort, t.filters, t.count, t.ms, t.error] for t in timings], ensure_ascii=False))
"""


def run_mix(checkout: Path, report: Path, index_dir: Path | None = None) -> list:
    python = checkout / ".venv" / "bin" / "python"
    env = {**os.environ, "SEARCH_INDEX_DIR": str(index_dir)} if index_dir else None
    done = subprocess.run(
        [str(python), "-c", CHILD, str(report.resolve())], cwd=checkout, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a bench/run.py JSON report: its queries are run")
    parser.add_argument("checkouts", type=Path, nargs=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output", type=Path, help="a JSON file for each query's medians")
    parser.add_argument("--index-dirs", type=Path, nargs=2, help="an index for each checkout (default: SEARCH_INDEX_DIR)")
    parser.add_argument(
        "--counts-may-differ", action="store_true", help="a change that matches differently: list the differences, go on"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from bench.http_load import SERVER_ENV

    os.environ.update({**SERVER_ENV, "DJANGO_SETTINGS_MODULE": "helpcenter.settings"})
    import django

    django.setup()
    from bench.measure import percentile
    from bench.queries import CLASSES

    times: list[dict] = [{}, {}]
    counts: list[dict] = [{}, {}]
    for _ in range(args.rounds):
        for side, checkout in enumerate(args.checkouts):
            index_dir = args.index_dirs[side] if args.index_dirs else None
            for kind, text, sort, filters, count, ms, error in run_mix(checkout, args.report, index_dir):
                if error:
                    raise SystemExit(f"{checkout}: {text!r} failed: {error}")
                key = (kind, text, sort, json.dumps(filters, sort_keys=True))
                times[side].setdefault(key, []).append(ms)
                counts[side][key] = count
    differing = [key for key in counts[0] if counts[0][key] != counts[1].get(key)]
    if differing and not args.counts_may_differ:
        raise SystemExit(f"the checkouts count differently, e.g. {differing[0]}")
    for key in differing:
        print(f"count {counts[0][key]} -> {counts[1].get(key)}: {key}")
    names = [path.name for path in args.checkouts]
    print(f"per query the median of {args.rounds} rounds; ms")
    print(f"{'class':<10} {names[0] + ' p50':>16} {'p95':>7} {names[1] + ' p50':>16} {'p95':>7}")
    for kind in CLASSES:
        row = []
        for side in (0, 1):
            medians = [statistics.median(v) for key, v in times[side].items() if key[0] == kind]
            row += [percentile(medians, 50), percentile(medians, 95)]
        print(f"{kind:<10} {row[0]:16.1f} {row[1]:7.1f} {row[2]:16.1f} {row[3]:7.1f}")
    print(f"{'sort':<10} {'mean':>16} {'':>7} {'mean':>16}")
    for sort in sorted({key[2] for key in times[0]}):
        means = [statistics.mean(statistics.median(v) for key, v in times[side].items() if key[2] == sort) for side in (0, 1)]
        print(f"{sort:<10} {means[0]:16.1f} {'':>7} {means[1]:16.1f}")
    if args.output:
        rows = [[*key, *(statistics.median(times[side][key]) for side in (0, 1))] for key in times[0]]
        args.output.write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
