"""What one result per question costs the engine: the same corpus indexed twice, once with every
article alone and once with a share of them in platform groups (question_key), searched with the
same plans through the backend (no database, no snippets: the engine's own work).

    .venv/bin/python bench/variants_cost.py --articles 100000 --shared 0.3

Groups are 2-5 articles of one service and category on different platforms, as a help center writes
them. Prints p50/p95 per query class for both indexes and their ratio, all measured in this run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")
os.environ.setdefault("DEBUG", "1")  # settings only: nothing here serves requests or touches a database

QUERIES = {
    "1-char Hangul": ["앱", "폰"],
    "common word": ["설정", "계정", "로그인"],
    "2-4 word question": ["비밀번호를 변경하고 싶어요", "계정이 이용제한 되었어요", "iOS 알림이 오지 않아요"],
    "quoted phrase": ['"비밀번호 변경"', '"자동결제 해지"'],
    "browse (no query)": [""],
}


def documents(path: Path, shared: float, seed: int = 7):
    """IndexDocuments of the corpus; `shared` of them grouped into questions of 2-5 platforms."""
    import json

    from search.analyzer import canonical, html_to_text, index_text, normalize, syllables
    from search.documents import IndexDocument

    rng = random.Random(seed)
    names = {"service": {}, "category": {}, "platform": {}}
    docs, group, left = [], "", 0
    with path.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            r = json.loads(line)
            if r["status"] != "published":
                continue
            if left == 0 and rng.random() < shared / 3.5:  # 3.5 articles per group on average
                group, left, base = f"q{i}", rng.randint(2, 5), r
            ids = [names[f].setdefault(r[f] if not left else base[f], len(names[f]) + 1) for f in ("service", "category")]
            platform = names["platform"].setdefault((base if left else r)["platform"], len(names["platform"]) + 1)
            if left:  # one article per platform in a group
                platform = (platform + left) % 6 + 1
            body = html_to_text(r["body"])
            keywords = " ".join(r["tags"])
            docs.append(IndexDocument(
                article_id=i + 1, service_id=ids[0], category_id=ids[1], platform_id=platform,
                group=group if left else f"#{i + 1}", published_at=datetime.fromisoformat(r["published_at"]).astimezone(UTC),
                views=i % 997, title_sort=normalize(r["title"]), title_key=canonical(r["title"]),
                title=index_text(r["title"]), keywords=index_text(keywords), body=index_text(body),
                title_syllables=syllables(r["title"]), keywords_syllables=syllables(keywords), body_syllables=syllables(body),
            ))
            left = max(0, left - 1)
    return docs


def timings(backend, now) -> dict[str, list[float]]:
    from search.backends.base import FacetIds
    from search.query import plan_query

    out = {}
    for kind, texts in QUERIES.items():
        samples = []
        for text in texts:
            plan = plan_query(text, ("bench", 0))
            for sort in ("relevance", "newest"):
                for facets in (FacetIds(), FacetIds(platform=(1,))):
                    for _ in range(3):
                        started = time.perf_counter()
                        backend.search(plan, facets=facets, now=now, sort=sort, offset=0, limit=20)
                        samples.append((time.perf_counter() - started) * 1000)
        out[kind] = samples
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--shared", type=float, default=0.3, help="share of articles in platform groups")
    args = parser.parse_args()
    import django

    django.setup()
    import search.facets
    import search.synonyms
    from bench.corpus import write_corpus
    from search.backends.base import Checkpoint
    from search.backends.tantivy import TantivyBackend

    search.synonyms.synonyms_for = lambda term, state: []  # no database: no synonyms, no taxonomy words
    search.facets.taxonomy = lambda state: {"service": [], "category": [], "platform": []}
    work = Path(tempfile.mkdtemp(prefix="hc-variants-"))
    corpus = work / "corpus.jsonl"
    write_corpus(corpus, args.articles)
    now = datetime.now(UTC)
    results = {}
    for label, shared in (("alone", 0.0), (f"{args.shared:.0%} in groups", args.shared)):
        docs = documents(corpus, shared)
        backend = TantivyBackend({"PATH": str(work / label.replace(" ", "-").replace("%", ""))})
        backend.rebuild(iter([docs[i : i + 5000] for i in range(0, len(docs), 5000)]), Checkpoint("bench", 1, 1))
        timings(backend, now)  # warm the page cache
        results[label] = timings(backend, now)
        print(f"{label}: {len(docs)} documents indexed", flush=True)
    labels = list(results)
    print(f"\n{'class':22} " + " ".join(f"{label + ' p50/p95 ms':>26}" for label in labels) + "   p95 ratio")
    for kind in QUERIES:
        cells = []
        for label in labels:
            s = sorted(results[label][kind])
            cells.append(f"{statistics.median(s):10.1f} / {s[int(0.95 * (len(s) - 1))]:8.1f}")
        p95 = [sorted(results[label][kind])[int(0.95 * (len(results[label][kind]) - 1))] for label in labels]
        print(f"{kind:22} " + " ".join(f"{c:>26}" for c in cells) + f"   {p95[1] / p95[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
