"""Lighthouse (mobile) on the demo site: accessibility score and CLS for the home page, a search, a
filtered search, an empty search and an article (issue 15). A measuring tool, not a test: nothing here runs in `make test`.

    .venv/bin/python bench/lighthouse.py [--output-dir bench/results/lighthouse]

Builds a throwaway SQLite demo site (migrate, load_demo, collectstatic), serves it with gunicorn as
production would (DEBUG=0, WhiteNoise's hashed static files), installs Lighthouse from
bench/lighthouse/package-lock.json with `npm ci` when missing, and runs it on Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium) with Lighthouse's default mobile emulation.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.http_load import REPO, SERVER_ENV, Gunicorn

TOOL_DIR = REPO / "bench" / "lighthouse"
LIGHTHOUSE = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
SEARCH = "/search/?q=" + quote("비밀번호")


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL_DIR, check=True)


def build_demo_site(env: dict) -> str:
    """The demo content in a fresh database; returns the path of one published article."""
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    script = "from articles.models import Article; print(Article.objects.published().order_by('pk').first().pk)"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script], cwd=REPO, env=env, check=True, capture_output=True, text=True
    )
    return f"/articles/{done.stdout.strip()}/"


def run_lighthouse(url: str, report: Path, tries: int = 3) -> dict:
    """Lighthouse's JSON report; a run whose trace failed to record (NO_NAVSTART on a busy machine:
    Lighthouse itself says to run it again) is retried."""
    for attempt in range(1, tries + 1):
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=accessibility,performance", "--output=json",
             f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"],
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            timeout=300,
        )
        if done.returncode == 0:
            return json.loads(report.read_text())
        print(f"lighthouse failed on {url} (try {attempt} of {tries})", file=sys.stderr)
    raise RuntimeError(f"lighthouse failed {tries} times on {url}")


def audit(url: str, report: Path) -> dict:
    result = run_lighthouse(url, report)
    accessibility = result["categories"]["accessibility"]
    failed = [
        audit_id for audit_id in (ref["id"] for ref in accessibility["auditRefs"])
        if result["audits"][audit_id]["scoreDisplayMode"] == "binary" and result["audits"][audit_id]["score"] == 0
    ]
    return {
        "accessibility": round(accessibility["score"] * 100),
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "cls": result["audits"]["cumulative-layout-shift"]["numericValue"],
        "failed": failed,
        "lighthouse": result["lighthouseVersion"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=REPO / "bench" / "results" / "lighthouse")
    args = parser.parse_args()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="hc-lighthouse-") as work:
        site_env = {
            "DATABASE_URL": f"sqlite:///{work}/demo.sqlite3",
            "SEARCH_INDEX_DIR": f"{work}/index",
            "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        }
        article = build_demo_site({**os.environ, **SERVER_ENV, **site_env})
        pages = {
            "home": "/",
            "search": SEARCH,
            "search, filtered": SEARCH + "&platform=ios",
            "search, no result": "/search/?q=" + quote("환불계좌"),
            "article": article,
        }
        with Gunicorn(site_env["DATABASE_URL"], Path(work) / "gunicorn.log", extra_env=site_env) as server:
            rows = {}
            for n, (name, path) in enumerate(pages.items()):
                rows[name] = audit(f"http://127.0.0.1:{server.port}{path}", args.output_dir / f"page-{n}.json")
                row = rows[name]
                print(f"{name:18} {path:40} accessibility {row['accessibility']:3}  CLS {row['cls']:.4f}  "
                      f"performance {row['performance']:3}  failed: {', '.join(row['failed']) or '-'}", flush=True)
    (args.output_dir / "summary.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
