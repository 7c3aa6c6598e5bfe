"""User text -> what the backends search: query parts, their synonyms and the phrase/title keys."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings

from . import lemmas, ranking, synonyms
from .analyzer import LOW_INFORMATION, QueryTerm, canonical, is_hangul, normalize, query_terms, stream

logger = logging.getLogger(__name__)

MAX_SYNONYMS_PER_TERM = 3
MAX_SPLIT_SYLLABLES = 12  # longer words typed without spaces match through their bigrams only
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str | None) -> str:
    """The query as shown back to the user: control characters gone, whitespace collapsed, cut to
    `settings.SEARCH_MAX_QUERY_LENGTH` characters (longer input is searched by its beginning)."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    return text[: settings.SEARCH_MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Segment:
    """A stretch of a word typed without spaces that may be a word of its own (비번 in 비번변경),
    with its synonyms: the backend decides where the word splits (where the index says no word
    goes on: 번변 is in no article)."""

    text: str
    tokens: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    synonym_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """One query part: the term's token phrase, its synonyms' phrases (ranked lower), how much it
    weighs, and the pieces (bigrams) a word typed without spaces may match through."""

    term: QueryTerm
    synonyms: tuple[tuple[str, ...], ...] = ()
    synonym_texts: tuple[str, ...] = ()  # the same synonyms as canonical text (matched against tags)
    weight: float = 1.0
    pieces: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()  # every stretch of 2+ syllables of a word with pieces
    # A platform or service word beside topic words: it says whose articles come first and matches
    # only when no topic word is in any article (every iOS article has "iOS" among its keywords).
    names_facet: bool = False

    @property
    def required(self) -> bool:
        return self.term.phrase  # "quoted text" must occur; bare words only rank


@dataclass(frozen=True)
class QueryPlan:
    text: str
    parts: tuple[Part, ...] = ()
    phrase: tuple[str, ...] = ()  # the whole query in order (phrase bonus), when it has several parts
    title_key: str = ""  # canonical query text: equal to an article's canonical title -> first
    prefer: tuple[tuple[str, int], ...] = ()  # (facet, id) named in the query: 아이폰 -> iOS articles first
    named_platforms: tuple[int, ...] = ()  # the platforms of `prefer`
    neutral: tuple[tuple[str, int], ...] = ()  # no platform named: the 공통 platform, preferred a little
    highlight_terms: tuple[str, ...] = field(default=())  # stems and synonyms to mark in snippets

    @property
    def is_browse(self) -> bool:
        return not self.text

    @property
    def is_topic(self) -> bool:
        """One word names the topic (백업, 이용제한): the query asks for a subject, not a case."""
        return sum(1 for part in self.parts if part.weight == 1.0 and not part.term.phrase) == 1


def _synonym_phrases(term: QueryTerm, state: tuple[str, int]) -> list[tuple[tuple[str, ...], str]]:
    """(token phrase, canonical text) of the term's synonyms, best first: its own groups' (looked up
    in dictionary form and as typed), its verb stems (searched like synonyms: 바꿨 -> 바꾸) and the
    groups of its stems (지운 -> 지우다 -> 삭제)."""
    try:
        found = []
        # Dictionary forms first (바꾸 -> 바꾸다, 그만 of 그만하고 -> 그만하다), then the word itself.
        for text in dict.fromkeys([term.stem + "다", term.stem + "하다", term.stem, term.text]):
            found += synonyms.synonyms_for(text, state)
        found += lemmas.verb_stems(term.stem)
        for stem in lemmas.lookup_stems(term.stem):
            for key in lemmas.dictionary_forms(stem):
                found += synonyms.synonyms_for(key, state)
    except Exception:  # another app's data must never break search
        logger.exception("synonyms_for(%r) failed", term.stem)
        return []
    phrases: dict[tuple[str, ...], str] = {}
    for synonym in found:
        text = lemmas.searchable(str(synonym))
        tokens = tuple(stream(normalize(text)))
        if tokens and tokens != term.tokens:
            phrases.setdefault(tokens, canonical(text))
    return list(phrases.items())[:MAX_SYNONYMS_PER_TERM]


def _is_word(term: QueryTerm, synonyms: list) -> bool:
    """A lone syllable that a synonym group lists as a word of its own (폰), rather than a verb stem
    the lemma rules found for it."""
    return len(term.stem) == 1 and term.stem not in LOW_INFORMATION and any(len(text) > 1 for _, text in synonyms)


def _is_low_information(term: QueryTerm) -> bool:
    return not term.phrase and (term.stem in LOW_INFORMATION or (len(term.stem) == 1 and is_hangul(term.stem)))


def _facet_words(terms: list[QueryTerm], found: dict, state: tuple[str, int]) -> tuple[tuple, set]:
    """Query words that name a platform or service (itself or through a synonym: 아이폰 -> iOS,
    갤럭시 -> 안드로이드): that value's articles are preferred, and the word is no topic of its own."""
    from .facets import taxonomy

    names: dict[str, tuple[str, int]] = {}
    words: dict[str, list[tuple[str, int]]] = {}
    for facet in ("service", "platform"):
        for value in taxonomy(state)[facet]:
            names.setdefault(canonical(value.name), (facet, value.pk))
            for word in re.findall(r"\w+", value.name):
                words.setdefault(canonical(word), []).append((facet, value.pk))
    # A word of one value's name alone names it too ("원스토어" in "안드로이드 (원스토어)").
    for word, values in words.items():
        if len(values) == 1:
            names.setdefault(word, values[0])
    prefer: dict[tuple[str, int], None] = {}
    naming: set = set()
    for term in terms:
        if term.phrase:
            continue
        for text in (term.stem, term.text, *(text for _, text in found[term])):
            if (value := names.get(canonical(text))) is not None:
                prefer[value] = None
                naming.add(term)
                break
    return tuple(prefer), naming


def _neutral_platform(state: tuple[str, int]) -> tuple[tuple[str, int], ...]:
    """With no platform named, the platform-neutral variant of a question (first platform, 공통) first."""
    from .facets import taxonomy

    platforms = taxonomy(state)["platform"]
    return (("platform", platforms[0].pk),) if platforms else ()


def _weights(terms: list[QueryTerm], naming: set, found: dict) -> dict[QueryTerm, float]:
    """Filler, lone syllables and platform or service names weigh less — unless the query has
    nothing else. A lone syllable with synonyms of its own is a word (폰 -> 휴대폰), not filler."""
    low = {t for t in terms if (_is_low_information(t) and not _is_word(t, found[t])) or t in naming}
    if len(low) == len(terms):
        return dict.fromkeys(terms, 1.0)
    return {t: ranking.LOW_INFORMATION_WEIGHT if t in low else 1.0 for t in terms}


def _pieces(term: QueryTerm) -> tuple[str, ...]:
    """A Hangul word of three or more syllables may also match through its bigrams, so 비번변경 finds
    비밀번호 변경 and 친구추가 finds 친구 추가 (ranked below whole-word matches)."""
    if term.phrase or len(term.tokens) < 2 or not all(len(t) == 2 and is_hangul(t[0]) for t in term.tokens):
        return ()
    return tuple(dict.fromkeys(term.tokens))


def _segments(term: QueryTerm, pieces: tuple[str, ...], state: tuple[str, int]) -> tuple[Segment, ...]:
    """The stretches of two or more syllables of a word with pieces (not the whole word), each with
    its synonyms, for the backend to split the word by."""
    if not pieces or len(term.stem) > MAX_SPLIT_SYLLABLES:
        return ()
    word = term.stem
    out = []
    for start in range(len(word) - 1):
        for end in range(start + 2, len(word) + 1):
            if end - start < len(word):
                text = word[start:end]
                stretch = QueryTerm(text=text, stem=text, tokens=tuple(stream(text)))
                found = _synonym_phrases(stretch, state)
                out.append(Segment(text, stretch.tokens, tuple(t for t, _ in found), tuple(c for _, c in found)))
    return tuple(out)


def plan_query(raw: str | None, state: tuple[str, int] | None = None) -> QueryPlan:
    """`state`: the database's search state (search.changes.state(), read when not given), which
    says which synonyms apply."""
    text = clean_query(raw)
    if not text:
        return QueryPlan(text="")
    terms = query_terms(text)
    if state is None:
        from .changes import state as current_state

        state = current_state()
    found = {t: [] if t.phrase else _synonym_phrases(t, state) for t in terms}
    prefer, naming = _facet_words(terms, found, state)
    named_platforms = tuple(pk for facet, pk in prefer if facet == "platform")
    weights = _weights(terms, naming, found)
    parts = tuple(
        Part(
            term=t,
            synonyms=tuple(tokens for tokens, _ in found[t]),
            synonym_texts=tuple(text for _, text in found[t]),
            weight=weights[t],
            pieces=_pieces(t),
            segments=_segments(t, _pieces(t), state),
            names_facet=t in naming and len(naming) < len(terms),
        )
        for t in terms
    )
    unquoted = text.replace('"', " ")
    whole = tuple(stream(normalize(unquoted)))
    highlight = [t.stem for t in terms] + [text for t in terms for _, text in found[t]]
    return QueryPlan(
        text=text,
        parts=parts,
        phrase=whole if len(parts) > 1 else (),
        title_key=canonical(unquoted),
        prefer=prefer,
        named_platforms=named_platforms,
        neutral=() if named_platforms else _neutral_platform(state),
        highlight_terms=tuple(highlight),
    )
