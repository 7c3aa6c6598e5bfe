"""The yardstick: plain BM25 over character bigrams, computed in-process over public articles.

Deliberately simple (Lucene CJK style): no particles, no synonyms, no phrase rules. A search that
does not beat it is not earning its complexity. Parameters as in the method note:
k1 = 1.2, b = 0.75, Lucene's idf, one field made of the title three times, the tags and the body.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter

from django.utils.html import strip_tags

from articles.models import Article

K1 = 1.2
B = 0.75
TITLE_REPEAT = 3

_RUN = re.compile(r"[가-힣]+|[a-z]+|[0-9]+")


def tokens(text: str) -> list[str]:
    """"PC버전 2단계 인증" → pc, 버전, 2, 단계, 인증; Hangul runs as bigrams, one syllable as itself."""
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        if "가" <= run[0] <= "힣" and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def document_text(title: str, tags: str, body_html: str) -> str:
    body = html.unescape(strip_tags(body_html))
    return " ".join([title] * TITLE_REPEAT + [tags, body])


class BM25Index:
    """Term frequencies of every public article, held in memory for one evaluation run."""

    def __init__(self, documents: dict[int, str]):
        self.frequencies = {pk: Counter(tokens(text)) for pk, text in documents.items()}
        self.lengths = {pk: sum(counts.values()) for pk, counts in self.frequencies.items()}
        self.average_length = (sum(self.lengths.values()) / len(self.lengths)) if self.lengths else 0.0
        self.document_frequency: Counter[str] = Counter()
        for counts in self.frequencies.values():
            self.document_frequency.update(counts.keys())

    @classmethod
    def from_database(cls) -> BM25Index:
        rows = Article.objects.published().values_list("pk", "title", "tags", "body")
        return cls({pk: document_text(title, tags, body) for pk, title, tags, body in rows})

    def idf(self, term: str) -> float:
        n, df = len(self.frequencies), self.document_frequency.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int = 20) -> list[int]:
        """Article ids by BM25 score (ties: lower id first); articles sharing no term are left out."""
        terms = list(dict.fromkeys(tokens(query)))  # a repeated query term counts once
        scores: dict[int, float] = {}
        for term in terms:
            if term not in self.document_frequency:
                continue
            idf = self.idf(term)
            for pk, counts in self.frequencies.items():
                tf = counts.get(term)
                if not tf:
                    continue
                norm = K1 * (1 - B + B * self.lengths[pk] / self.average_length)
                scores[pk] = scores.get(pk, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
        return sorted(scores, key=lambda pk: (-scores[pk], pk))[:limit]
