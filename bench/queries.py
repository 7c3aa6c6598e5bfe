"""The fixed query mix: seven classes, each base query alone and with one or two facet filters, under every sort."""

import re
from dataclasses import dataclass, field

from search.types import SORTS

from .corpus import PLATFORMS, SERVICES, VERB_NOUNS, Corpus, category_names, document_frequencies

CLASSES = ("hangul1", "hangul2", "common", "rare", "question", "phrase", "latin")
CLASS_LABELS = {
    "hangul1": "1-char Hangul",
    "hangul2": "2-char Hangul",
    "common": "common word (~30% df)",
    "rare": "rare word (<0.1% df)",
    "question": "2-4 word question",
    "phrase": "quoted phrase",
    "latin": "Latin term",
}
FIXED = {
    "hangul1": ["앱", "정", "폰", "톡"],
    "hangul2": ["제한", "탈퇴"],  # + two 2-syllable words near 5% and 1% df, chosen from the corpus
    "question": ["비밀번호를 변경하고 싶어요", "대화내용 백업은 어떻게 하나요", "계정이 이용제한 되었어요", "iOS 알림이 오지 않아요"],
    "phrase": ['"비밀번호 변경"', '"대화내용 백업"', '"자동결제 해지"', '"알림 설정 방법"'],
    "latin": ["ios", "pc", "android", "windows"],
}
PER_CLASS = 4


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    sort: str
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (("service", ("slug",)), …)

    @property
    def filter_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filters)

    @property
    def terms(self) -> list[str]:
        """The naive baseline's terms: a quoted phrase is one term, otherwise whitespace-separated words."""
        phrases = re.findall(r'"([^"]+)"', self.text)
        rest = re.sub(r'"[^"]*"', " ", self.text).split()
        return phrases + rest


@dataclass
class QueryMix:
    queries: list[Query]
    base: dict[str, list[str]]  # class -> base query texts
    term_df: dict[str, int] = field(default_factory=dict)  # term -> public articles containing it
    public_articles: int = 0


def choose_terms(corpus: Corpus) -> dict[str, list[str]]:
    """Fixed texts for most classes; common and rare words chosen by their measured document frequency."""
    n = corpus.articles
    vocabulary = corpus.vocabulary

    def nearest(share: float, length: int, k: int) -> list[str]:
        # Verbal nouns also end sentences (설치하세요) outside the counted draws, so their df is understated.
        ranked = sorted(corpus.word_df.items(), key=lambda item: (abs(item[1] / n - share), item[0]))
        return [vocabulary[i] for i, _ in ranked if len(vocabulary[i]) >= length and vocabulary[i] not in VERB_NOUNS][:k]

    common = nearest(0.30, 2, 3 * PER_CLASS)  # candidates; build_mix keeps those whose substring df is nearest
    hangul2 = FIXED["hangul2"] + [next(w for w in nearest(share, 2, 50) if len(w) == 2) for share in (0.05, 0.01)]
    limit = max(1, int(n * 0.001))
    tail = [
        (df, i) for i, df in corpus.word_df.items() if 0 < df <= limit and len(vocabulary[i]) >= 3
    ]
    tail.sort(key=lambda item: (-item[0], item[1]))
    rare = [vocabulary[i] for _, i in tail[:PER_CLASS]]
    return {**FIXED, "hangul2": hangul2, "common": common, "rare": rare}


def build_mix(corpus: Corpus, slugs: dict[str, dict[str, str]]) -> QueryMix:
    """`slugs` maps facet -> taxonomy name -> slug, read back from the database after the import."""
    base = choose_terms(corpus)
    terms = {term for kind in CLASSES for text in base[kind] for term in Query(kind, text, "").terms}
    term_df = document_frequencies(corpus.path, sorted(terms))
    # A word's df counts it standing alone; as a substring (대화 in 대화내용) it may be far more frequent.
    base["common"] = sorted(base["common"], key=lambda w: (abs(term_df[w] / max(1, corpus.published) - 0.30), w))[
        :PER_CLASS
    ]
    term_df = {term: df for term, df in term_df.items() if any(term in text for texts in base.values() for text in texts)}
    queries = []
    facet_cycle = ("platform", "service", "category", "platform")
    for kind in CLASSES:
        for j, text in enumerate(base[kind]):
            service = SERVICES[(j * 3 + CLASSES.index(kind)) % len(SERVICES)]
            platform = PLATFORMS[(j + CLASSES.index(kind)) % len(PLATFORMS)]
            category = category_names(service)[(j * 7) % 20]
            one = {
                "platform": ("platform", (slugs["platform"][platform],)),
                "service": ("service", (slugs["service"][service],)),
                "category": ("category", (slugs["category"][category],)),
            }[facet_cycle[j % len(facet_cycle)]]
            two = (("service", (slugs["service"][service],)), ("platform", (slugs["platform"][platform],)))
            for filters in ((), (one,), two):
                for sort in SORTS:
                    queries.append(Query(kind, text, sort, filters))
    return QueryMix(queries=queries, base=base, term_df=term_df)
