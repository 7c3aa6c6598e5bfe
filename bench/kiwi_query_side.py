"""Query side, rules or a morphological analyzer? (issue 13) Our rules against kiwipiepy on the judged set.

A measurement only: kiwipiepy is no dependency of the project and nothing in the app imports it.
The document side stays our bigram analysis in every system; only the query terms change:

- `rules`: the site as it is (search/analyzer.py `query_terms`, search/query.py `plan_query`).
- `kiwi`: query terms are Kiwi's content morphemes (nouns, roots, verb and adjective stems, adverbs,
  Latin words, numbers; a bound noun only after a number: 14세; a verb made a noun by ㅁ as
  written: 알림, not 알리); particles, endings, suffixes, auxiliaries and copulas are dropped. The rest of
  the plan is ours, unchanged: quoted phrases, question words (`QUERY_STOPWORDS`, applied to the
  words they came from), filler and one-syllable terms at a fifth of a content word, synonyms,
  platform words, pieces, the phrase bonus.
- `kiwi+dict`: the same with a user dictionary, as a deployment of an analyzer would keep one: every
  one-word synonym term and taxonomy name of the site as a proper noun (엔빵, 원스토어, 톡드).
- `rules+kiwi`: our terms, each with Kiwi's verb and adjective stems of the word as extra
  alternatives (ranked like synonyms): 지운 -> 지우, 살릴 -> 살리.
- `bm25`: the bigram BM25 baseline of `manage.py evaluate_search`.

Run on the demo content (it prints the table, load time, latency and installed size):

    pip install kiwipiepy
    export DATABASE_URL=sqlite:////tmp/kiwi-eval.sqlite3 SEARCH_INDEX_DIR=/tmp/kiwi-index
    python manage.py migrate && python manage.py load_demo
    python bench/kiwi_query_side.py [--json results.json] [--changed 15]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
INSTALL_HINT = "kiwipiepy is not installed: `pip install kiwipiepy` to run this measurement (it is no dependency of the site)."
SIZE_DISTRIBUTIONS = ("kiwipiepy", "kiwipiepy_model", "numpy")  # numpy comes with kiwipiepy; the site needs none

# Kiwi (Sejong) tags kept as query terms. Dropped: particles J*, endings E*, affixes X[PS]*, auxiliary
# verbs VX, copulas VC*, pronouns NP, determiners MM, interjections IC, punctuation and symbols S[FPSEOW].
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "VV", "VA", "MAG", "SL", "SN", "SH"})
STEM_TAGS = frozenset({"VV", "VA"})
# A verb made a noun by ㅁ is often a word of its own (알림, 모임): searched as written. With 기 it
# stays the verb (바꾸기, 나가기 -> 바꾸, 나가), as articles write it in many forms.
NOUN_MAKERS = frozenset({"ᆷ", "음"})
_QUOTED = re.compile(r'"[^"]*"')


class Morpheme(NamedTuple):
    form: str
    tag: str
    start: int  # character offsets in the analysed text
    end: int


def new_kiwi():
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        raise SystemExit(INSTALL_HINT) from None
    with warnings.catch_warnings():  # single-threaded on purpose (a query is a few words)
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=0)


def site_vocabulary() -> list[str]:
    """One-word synonym terms and taxonomy names: what the site itself says are words."""
    from articles.models import Category, Platform, Service
    from insights.models import SynonymGroup
    from search.analyzer import normalize

    names = [*Service.objects.values_list("name", flat=True), *Category.objects.values_list("name", flat=True)]
    names += Platform.objects.values_list("name", flat=True)
    terms = [term for group in SynonymGroup.objects.all() for term in group.term_list]
    words = {w for text in [*names, *terms] for w in re.findall(r"\w+", normalize(text))}
    return sorted(w for w in words if len(w) >= 2 and not w.isascii())


def add_vocabulary(kiwi, words: list[str]) -> int:
    return sum(1 for word in words if kiwi.add_user_word(word, "NNP"))


def analyse(kiwi, text: str) -> list[Morpheme]:
    return [Morpheme(t.form, t.tag.split("-")[0], t.start, t.start + t.len) for t in kiwi.tokenize(text)]


def _word_at(text: str, position: int) -> str:
    """The space-separated word of `text` that holds `position`."""
    start = text.rfind(" ", 0, position) + 1
    end = text.find(" ", position)
    return text[start : end if end >= 0 else len(text)]


def content_morphemes(text: str, morphemes: list[Morpheme]) -> list[str]:
    """The forms searched: content tags, a bound noun right after a number, nothing from a question word."""
    from search.analyzer import QUERY_STOPWORDS

    kept = []
    for i, m in enumerate(morphemes):
        before = morphemes[i - 1] if i else None
        after = morphemes[i + 1] if i + 1 < len(morphemes) else None
        counter = m.tag == "NNB" and before is not None and before.tag == "SN" and before.end == m.start
        if (m.tag not in CONTENT_TAGS and not counter) or _word_at(text, m.start) in QUERY_STOPWORDS:
            continue
        if m.tag in STEM_TAGS and after is not None and after.tag == "ETN" and after.form in NOUN_MAKERS:
            kept.append(text[m.start : after.end])  # 알리 + ㅁ -> 알림
        else:
            kept.append(m.form)
    return kept


def morpheme_terms(forms: list[str]) -> list:
    """Each form as one query term (its own runs and tokens, as the rules would search it)."""
    from search.analyzer import QueryTerm, normalize, run_stream, runs

    terms = []
    for form in forms:
        form_runs = runs(normalize(form))
        if form_runs:
            text = " ".join(r.text for r in form_runs)
            terms.append(QueryTerm(text=text, stem=text, tokens=tuple(t for r in form_runs for t in run_stream(r))))
    return terms


def kiwi_query_terms(kiwi) -> Callable:
    """A stand-in for search.analyzer.query_terms built on Kiwi's morphemes."""
    from search import analyzer

    def query_terms(query: str, *, max_terms: int = 8) -> list:
        query = analyzer.normalize(query)
        phrases = [t for t in analyzer.query_terms(query, max_terms=max_terms) if t.phrase]
        rest = " ".join(_QUOTED.sub(" ", query).replace('"', " ").split())
        words = morpheme_terms(content_morphemes(rest, analyse(kiwi, rest))) if rest else []
        if rest and not words:  # nothing Kiwi calls content: search what the rules would
            words = [t for t in analyzer.query_terms(rest, max_terms=max_terms) if not t.phrase]
        unique: dict = {}
        for term in [*phrases, *words]:
            unique.setdefault(term.tokens, term)
        return list(unique.values())[:max_terms]

    return query_terms


def kiwi_verb_stems(kiwi) -> Callable:
    """A stand-in for search.query.verb_stems: ours plus Kiwi's verb and adjective stems of the word."""
    from search.query import verb_stems

    def stems(word: str) -> list[str]:
        found = [m.form for m in analyse(kiwi, word) if m.tag in STEM_TAGS and len(m.form) >= 2 and m.form != word]
        return list(dict.fromkeys([*verb_stems(word), *found]))

    return stems


@contextmanager
def query_side(name: str, kiwi) -> Iterator[None]:
    """The site's search with the query side of `name` swapped in; caches emptied on the way in and out."""
    from bench.measure import clear_caches

    patches = {
        "rules": [],
        "kiwi": [mock.patch("search.query.query_terms", kiwi_query_terms(kiwi))],
        "kiwi+dict": [mock.patch("search.query.query_terms", kiwi_query_terms(kiwi))],
        "rules+kiwi": [mock.patch("search.query.verb_stems", kiwi_verb_stems(kiwi))],
    }[name]
    clear_caches()
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in patches:
            patch.stop()
        clear_caches()


VARIANTS = ("rules", "kiwi", "rules+kiwi", "kiwi+dict")  # run in this order: the dictionary comes last


def evaluate_all(kiwi) -> tuple[list, int]:
    """Every variant's results, then the baseline's; and how many words the user dictionary took."""
    from search.evaluation import systems
    from search.evaluation.baseline import BM25Index
    from search.evaluation.collection import judged_queries
    from search.evaluation.run import evaluate_system

    queries = judged_queries()
    results, added = [], 0
    for name in VARIANTS:
        if name == "kiwi+dict":
            added = add_vocabulary(kiwi, site_vocabulary())
        with query_side(name, kiwi):
            results.append(evaluate_system(name, systems.ours, queries))
    results.append(evaluate_system("bm25", systems.bm25(BM25Index.from_database()), queries))
    return results, added


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "mean_ms": round(statistics.fmean(ordered) * 1000, 3),
        "p50_ms": round(ordered[len(ordered) // 2] * 1000, 3),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 3),
    }


def latency(kiwi, texts: list[str], rounds: int = 5) -> dict:
    """Query analysis alone, per query: Kiwi's morphemes vs the rules' terms (best of `rounds` per text)."""
    from search.analyzer import query_terms

    kiwi_terms = kiwi_query_terms(kiwi)
    timed = {"rules": [], "kiwi": []}
    for text in texts:
        for name, analyse_query in (("rules", query_terms), ("kiwi", kiwi_terms)):
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                analyse_query(text)
                best = min(best, time.perf_counter() - started)
            timed[name].append(best)
    characters = sum(len(t) for t in texts)
    report = {name: _ms(samples) for name, samples in timed.items()}
    report["kiwi"]["ms_per_1000_characters"] = round(sum(timed["kiwi"]) * 1000 / characters * 1000, 2)
    return report


_LOAD = """
import re, time, warnings
warnings.simplefilter("ignore")
def rss():
    return int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
before = rss()
started = time.perf_counter()
from kiwipiepy import Kiwi
imported = time.perf_counter()
kiwi = Kiwi(num_workers=0)
loaded = time.perf_counter()
kiwi.tokenize("비밀번호를 바꾸고 싶어요")
first = time.perf_counter()
kiwi.tokenize("알림이 안 와요")
second = time.perf_counter()
print(imported - started, loaded - imported, first - loaded, second - first, rss() - before)
"""


def load_cost(repeats: int = 3) -> dict:
    """A fresh process: import, model load and first analyses (each the best of `repeats`), and
    the memory the process grew by."""
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True).stdout
        runs.append([float(x) for x in out.split()])
    best = [min(column) for column in zip(*runs, strict=True)]
    return {
        "import_s": round(best[0], 3),
        "model_load_s": round(best[1], 3),
        "first_analysis_s": round(best[2], 3),
        "second_analysis_ms": round(best[3] * 1000, 2),
        "rss_growth_mb": round(max(r[4] for r in runs) / 1024, 1),
    }


def installed_size() -> dict:
    """Bytes on disk of each distribution's installed files, in MB."""
    sizes = {}
    for name in SIZE_DISTRIBUTIONS:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total = sum(path.stat().st_size for f in files if (path := Path(f.locate())).is_file())
        sizes[name] = round(total / 1e6, 1)
    return sizes


def paired_test(rules: list[float], other: list[float], rounds: int = 10000, seed: int = 13) -> dict:
    """Paired randomisation test of the mean nDCG difference: how often flipping the sign of each
    query's difference at random gives a mean at least as far from zero (two-sided p)."""
    differences = [b - a for a, b in zip(rules, other, strict=True)]
    observed = abs(sum(differences))
    generator = random.Random(seed)
    extreme = sum(
        abs(sum(d if generator.random() < 0.5 else -d for d in differences)) >= observed - 1e-12 for _ in range(rounds)
    )
    return {
        "mean_difference": round(sum(differences) / len(differences), 4),
        "better": sum(d > 1e-9 for d in differences),
        "worse": sum(d < -1e-9 for d in differences),
        "p": round((extreme + 1) / (rounds + 1), 3),
    }


def comparisons(results: list) -> dict:
    """Each variant against the rules, overall and on the held-out slice."""
    rules = results[0].scores
    report = {}
    for result in results[1:]:
        for label, keep in (("overall", lambda s: True), ("held out", lambda s: s.held_out)):
            pairs = [(a.ndcg, b.ndcg) for a, b in zip(rules, result.scores, strict=True) if keep(a)]
            report[f"{result.name} vs rules, {label}"] = paired_test([a for a, _ in pairs], [b for _, b in pairs])
    return report


def table(results: list) -> list[str]:
    """Markdown: nDCG@10 per row and system, the summary rows with MRR@10, R@20 and queries with no result."""
    names = [r.name for r in results]
    summaries = [r.summary for r in results]
    lines = ["| nDCG@10 (MRR@10, R@20, no result) | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for row, first in summaries[0].items():
        if row in ("overall", "tuned", "held out"):
            cells = [f"{s[row].ndcg:.3f} ({s[row].mrr:.3f}, {s[row].recall:.3f}, {s[row].empty})" for s in summaries]
        else:
            cells = [f"{s[row].ndcg:.3f}" for s in summaries]
        lines.append(f"| {row} | {first.queries} | " + " | ".join(cells) + " |")
    return lines


def changed_queries(results: list, count: int, name: str) -> list[str]:
    """Tuned queries where variant `name` moved nDCG@10 most (held-out queries stay unseen)."""
    by_name = {r.name: {s.query: s for s in r.scores} for r in results}
    rules, kiwi = by_name["rules"], by_name[name]
    moved = sorted(
        (q for q, s in rules.items() if not s.held_out and abs(kiwi[q].ndcg - s.ndcg) > 1e-9),
        key=lambda q: kiwi[q].ndcg - rules[q].ndcg,
    )
    shown = dict.fromkeys(moved[:count] + moved[::-1][:count]) if count else {}
    return [
        f"{kiwi[q].ndcg - rules[q].ndcg:+.3f} {q!r} ({rules[q].kind}): rules {rules[q].ndcg:.3f}, {name} {kiwi[q].ndcg:.3f}"
        for q in shown
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write every figure (and each query's scores) here")
    parser.add_argument("--changed", type=int, default=10, help="list the N tuned queries each Kiwi variant hurt and helped most")
    args = parser.parse_args(argv)
    kiwi = new_kiwi()
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")
    import django

    django.setup()
    from articles.models import Article
    from search.evaluation.collection import judged_queries

    if not Article.objects.published().filter(external_id__startswith="demo-").exists():
        raise SystemExit("No demo articles in this database: run `manage.py load_demo` first.")
    latency_report = latency(kiwi, [q.text for q in judged_queries()])  # before the user dictionary
    results, added = evaluate_all(kiwi)
    report = {
        "kiwipiepy": importlib.metadata.version("kiwipiepy"),
        "model_type": kiwi.model_type,
        "load": load_cost(),
        "analysis_latency": latency_report,
        "user_dictionary_words": added,
        "installed_mb": installed_size(),
        "paired_tests": comparisons(results),
        "summary": {r.name: {row: s.as_dict() for row, s in r.summary.items()} for r in results},
    }
    print("\n".join(table(results)))
    for name in ("kiwi", "kiwi+dict"):
        print("\n" + "\n".join(changed_queries(results, args.changed, name)))
    for name, test in report["paired_tests"].items():
        print(f"{name}: Δ nDCG {test['mean_difference']:+.4f}, better {test['better']}, worse {test['worse']}, p {test['p']}")
    print("\n" + json.dumps({k: v for k, v in report.items() if k not in ("summary", "paired_tests")}, ensure_ascii=False))
    if args.json:
        report["queries"] = {r.name: {s.query: round(s.ndcg, 4) for s in r.scores} for r in results}
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
