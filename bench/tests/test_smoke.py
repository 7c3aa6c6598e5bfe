"""The benchmark must not rot: a tiny run in-process on the test database yields every figure."""

import json
import math

import pytest

from bench.harness import run_benchmark
from bench.queries import CLASSES
from bench.report import table, targets


@pytest.mark.django_db
def test_small_run_reports_every_class(tmp_path):
    report = run_benchmark(articles=150, workdir=tmp_path, skip_http=True, queries_per_class=12, baseline_per_class=4)
    report["targets"] = targets(report)
    report = json.loads(json.dumps(report, ensure_ascii=False))  # what --output writes

    assert report["queries"]["distinct"] >= 200
    for side in ("search", "baseline"):
        for kind in CLASSES:
            figures = report[side][kind]
            assert figures["n"] > 0, (side, kind)
            for name in ("p50_ms", "p95_ms", "p99_ms"):
                assert isinstance(figures[name], float) and math.isfinite(figures[name]), (side, kind, name)
    assert report["errors"] == []  # no query of the mix may crash the search
    assert report["import"]["articles"] == 150
    assert report["import"]["articles_per_second"] > 0
    assert {row["class"] for row in report["terms"]} == set(CLASSES)
    assert "1-char Hangul" in table(report)
