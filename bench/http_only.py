"""Re-run only the HTTP load (bench.http_load) against a database that a full run has built.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/hc_http python bench/http_only.py bench/results/run.json

The report written by that run names the base queries; the server is the code on disk now.
"""

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a bench/run.py JSON report: its base queries are loaded")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from bench.http_load import SERVER_ENV, measure_http

    database_url = os.environ["DATABASE_URL"]
    os.environ.update({**SERVER_ENV, "DJANGO_SETTINGS_MODULE": "helpcenter.settings", "DATABASE_URL": database_url})
    import django

    django.setup()  # measure_http checks the schema against the code first

    base = json.loads(args.report.read_text())["queries"]["base"]
    texts = [text for kind_texts in base.values() for text in kind_texts]
    report = measure_http(database_url, texts, args.report.parent, seconds=args.seconds, connections=args.connections)
    for name, figures in report.items():
        if isinstance(figures, dict):
            print(f"{name:12} {figures['rps']:7.1f} req/s  p50 {figures['p50_ms']:.1f} ms  p99 {figures['p99_ms']:.1f} ms"
                  f"  errors {figures['errors']}  first status {figures['probe_status']}  [{figures['tool']}]")
    if args.output:
        args.output.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
