"""'Did you mean' for zero-result queries: the closest known word or query, by jamo edit distance.

Candidates are things that find articles: words of published titles (also without a trailing
particle: 비밀번호를 -> 비밀번호), tags, and past queries that had results and were searched by several
distinct visitors (searcher tokens), so one visitor repeating a query cannot plant a suggestion. The vocabulary is built once per process and kept VOCABULARY_SECONDS; lookups only compare
candidates whose length is within the allowed distance, with an early-exit edit distance.
"""

import re
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from articles.models import Article, split_tags

from .jamo import decompose, distance
from .models import SearchLog
from .text import normalise

VOCABULARY_SECONDS = 300
POPULAR_QUERY_DAYS = 90
POPULAR_QUERY_MIN_SEARCHERS = 3
POPULAR_QUERY_LIMIT = 1000
# Bounds each lookup on a large help center: the rarest words beyond this are left out.
VOCABULARY_LIMIT = 20000
PARTICLES = ("에서는", "으로", "에서", "에게", "까지", "부터", "은", "는", "이", "가", "을", "를", "에", "의", "도", "로", "와", "과")
WORD = re.compile(r"[\w]+", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    text: str
    letters: str  # jamo
    weight: int  # how often it occurs / was searched: breaks ties between equally close candidates


class Vocabulary:
    def __init__(self, weights: dict[str, int]):
        self.words = set(weights)
        self.by_length: dict[int, list[Candidate]] = {}
        for text, weight in weights.items():
            letters = decompose(text)
            self.by_length.setdefault(len(letters), []).append(Candidate(text, letters, weight))

    def closest(self, text: str) -> str | None:
        letters = decompose(text)
        limit = allowed_distance(letters)
        if limit == 0:
            return None
        best: tuple[int, int, str] | None = None
        for length in range(len(letters) - limit, len(letters) + limit + 1):
            for candidate in self.by_length.get(length, ()):
                d = distance(letters, candidate.letters, limit)
                if d <= limit and candidate.text != text:
                    key = (d, -candidate.weight, candidate.text)
                    if best is None or key < best:
                        best = key
        return best[2] if best else None


def allowed_distance(letters: str) -> int:
    """Typos allowed for a word of this many jamo/letters: none for 1–2, then one per ~6."""
    if len(letters) < 3:
        return 0
    if len(letters) <= 6:
        return 1
    return 2 if len(letters) <= 12 else 3


def title_words(title: str) -> list[str]:
    words = []
    for word in WORD.findall(normalise(title)):
        words.append(word)
        for particle in PARTICLES:
            if word.endswith(particle) and len(word) - len(particle) >= 2:
                words.append(word[: -len(particle)])
                break
    return words


def build_vocabulary() -> Vocabulary:
    weights: dict[str, int] = {}

    def add(text: str, weight: int = 1):
        text = normalise(text)
        if len(text) >= 2:
            weights[text] = weights.get(text, 0) + weight

    for title, tags in Article.objects.published().values_list("title", "tags").iterator():
        for word in title_words(title):
            add(word)
        for tag in split_tags(tags):
            add(tag)
            for word in WORD.findall(tag):
                add(word)
    since = timezone.now() - timedelta(days=POPULAR_QUERY_DAYS)
    popular = (
        SearchLog.objects.filter(created_at__gte=since, result_count__gt=0)
        .exclude(session_token="")
        .values("query")
        .annotate(searches=Count("session_token", distinct=True))
        .filter(searches__gte=POPULAR_QUERY_MIN_SEARCHERS)
        .order_by("-searches", "query")[:POPULAR_QUERY_LIMIT]
    )
    for row in popular:
        add(row["query"], row["searches"])
    if len(weights) > VOCABULARY_LIMIT:
        kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:VOCABULARY_LIMIT]
        weights = dict(kept)
    return Vocabulary(weights)


_lock = threading.Lock()
_cached: dict[str, object] = {"vocabulary": None, "built_at": 0.0}


def vocabulary() -> Vocabulary:
    with _lock:
        if _cached["vocabulary"] is None or time.monotonic() - _cached["built_at"] > VOCABULARY_SECONDS:
            _cached["vocabulary"] = build_vocabulary()
            _cached["built_at"] = time.monotonic()
        return _cached["vocabulary"]


def clear_vocabulary() -> None:
    with _lock:
        _cached["vocabulary"] = None


def did_you_mean(query: str) -> str | None:
    """The closest query that has results, e.g. "비밀번효 변경" -> "비밀번호 변경"; None when nothing is close."""
    query = normalise(query)
    if not query:
        return None
    known = vocabulary()
    if query in known.words:
        return None
    whole = known.closest(query)
    if whole is not None or " " not in query:
        return whole
    words = query.split()[:10]
    corrected = [word if word in known.words else (known.closest(word) or word) for word in words]
    return " ".join(corrected) if corrected != words else None
