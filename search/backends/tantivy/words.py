"""What the index says about a query's words, read from the term dictionaries before any search:
which are in no article (misspelt, or slang only synonyms can find), and how a word typed without
spaces splits into words."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import tantivy
from tantivy import Occur, Query

from ...analyzer import is_hangul
from ...query import QueryPlan, Segment
from .schema import STREAM_FIELDS, SYLLABLE_FIELDS, in_field


@dataclass(frozen=True)
class IndexedWords:
    # Stems of content words no article contains whole, nor any of their synonyms (a typo: 비밀번효).
    missing: frozenset[str] = frozenset()
    # Stems of words no article contains (비번, 카톡): only their synonyms can find anything.
    absent: frozenset[str] = frozenset()
    # A word typed without spaces that no article has whole -> its words, each with whether some
    # article has it (비번변경 -> [(비번, False), (변경, True)]).
    split: dict[str, list[tuple[Segment, bool]]] = field(default_factory=dict)


def is_syllable(token: str) -> bool:
    return len(token) == 1 and is_hangul(token)


def occurs(searcher: tantivy.Searcher, tokens: Sequence[str]) -> bool:
    """Whether every token of a word is in some field's term dictionary: a misspelling nearly always
    makes a bigram no article has (비밀번효 -> 번효), and the dictionaries say so without reading
    postings. (A word whose bigrams all exist but never side by side counts as found.)"""
    return all(
        any(
            searcher.doc_freq(name, token)
            for name in (SYLLABLE_FIELDS.values() if is_syllable(token) else STREAM_FIELDS)
        )
        for token in tokens
    )


def look_up(searcher: tantivy.Searcher, schema: tantivy.Schema, plan: QueryPlan) -> IndexedWords:
    missing = frozenset(
        part.term.stem
        for part in plan.parts
        if part.weight == 1.0 and not any(occurs(searcher, t) for t in (part.term.tokens, *part.synonyms))
    )
    absent = frozenset(part.term.stem for part in plan.parts if not part.term.phrase and not occurs(searcher, part.term.tokens))
    split = {}
    for part in plan.parts:
        if part.segments and part.term.stem in missing:
            if words := _split(searcher, schema, part.term.stem, part.segments):
                split[part.term.stem] = words
    return IndexedWords(missing, absent, split)


def _whole(searcher: tantivy.Searcher, schema: tantivy.Schema, tokens: Sequence[str]) -> bool:
    """Whether some article has these tokens in order in one field."""
    if len(tokens) == 1:
        return occurs(searcher, tokens)
    phrases = [(Occur.Should, in_field(schema, name, tokens)) for name in STREAM_FIELDS]
    return bool(searcher.search(Query.boolean_query(phrases), 1, count=False).hits)


def _split(
    searcher: tantivy.Searcher, schema: tantivy.Schema, word: str, segments: Sequence[Segment]
) -> list[tuple[Segment, bool]]:
    """A word's words (비번변경 -> 비번 | 변경; 휴대폰번호변경 -> 휴대폰 | 번호 | 변경): of the ways to cut
    it, the one whose stretches of two or more syllables cover most of it with words that some
    article has whole or that have synonyms some article has (비번 -> 비밀번호), then the one with
    fewest pieces. One-syllable leftovers say little and are dropped (탈퇴후재가입 -> 탈퇴 | 재가입).
    Each word comes with whether some article has it itself."""
    by_text = {segment.text: segment for segment in segments}
    found = {}

    def known(text: str) -> bool:
        if text not in found:
            segment = by_text[text]
            own = _whole(searcher, schema, segment.tokens)
            found[text] = (own, own or any(occurs(searcher, s) for s in segment.synonyms))
        return found[text][1]

    # best[i]: (syllables covered by known words, -pieces, cuts) over word[:i]
    best: list[tuple[int, int, list[int]]] = [(0, 0, [])]
    for end in range(1, len(word) + 1):
        options = []
        for start, (covered, pieces, cuts) in enumerate(best):
            text = word[start:end]
            if text == word:
                continue
            gain = len(text) if len(text) >= 2 and known(text) else 0
            options.append((covered + gain, pieces - 1, [*cuts, start]))
        best.append(max(options, key=lambda o: (o[0], o[1])) if options else (0, 0, []))
    covered, _, cuts = best[-1]
    if not covered:
        return []
    bounds = [*cuts, len(word)]
    texts = [word[a:b] for a, b in pairwise(bounds) if b - a >= 2]
    return [(by_text[text], known(text) and found[text][0]) for text in texts]
