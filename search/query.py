"""User text -> what the backends search: query parts, their synonyms and the phrase/title keys."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings

from . import synonyms
from .analyzer import QueryTerm, canonical, normalize, query_terms, stream

logger = logging.getLogger(__name__)

MAX_SYNONYMS_PER_TERM = 3
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str | None) -> str:
    """The query as shown back to the user: control characters gone, whitespace collapsed, cut to
    `settings.SEARCH_MAX_QUERY_LENGTH` characters (longer input is searched by its beginning)."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    return text[: settings.SEARCH_MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Part:
    """One query part: the term's token phrase, its synonyms' phrases (ranked lower)."""

    term: QueryTerm
    synonyms: tuple[tuple[str, ...], ...] = ()

    @property
    def required(self) -> bool:
        return self.term.phrase  # "quoted text" must occur; bare words only rank


@dataclass(frozen=True)
class QueryPlan:
    text: str
    parts: tuple[Part, ...] = ()
    phrase: tuple[str, ...] = ()  # the whole query in order (phrase bonus), when it has several parts
    title_key: str = ""  # canonical query text: equal to an article's canonical title -> first
    highlight_terms: tuple[str, ...] = field(default=())  # stems and synonyms to mark in snippets

    @property
    def is_browse(self) -> bool:
        return not self.text

    @property
    def all_phrases(self) -> list[tuple[str, ...]]:
        return [p for part in self.parts for p in (part.term.tokens, *part.synonyms)]


def _synonym_phrases(term: QueryTerm, state: tuple[str, int]) -> list[tuple[tuple[str, ...], str]]:
    """(token phrase, canonical text) of the term's synonyms, best first."""
    try:
        found = [*synonyms.synonyms_for(term.stem, state)]
        if term.text != term.stem:
            found += synonyms.synonyms_for(term.text, state)
    except Exception:  # another app's data must never break search
        logger.exception("synonyms_for(%r) failed", term.stem)
        return []
    phrases: dict[tuple[str, ...], str] = {}
    for synonym in found:
        tokens = tuple(stream(normalize(str(synonym))))
        if tokens and tokens != term.tokens:
            phrases.setdefault(tokens, canonical(str(synonym)))
    return list(phrases.items())[:MAX_SYNONYMS_PER_TERM]


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
    parts = tuple(Part(term=t, synonyms=tuple(tokens for tokens, _ in found[t])) for t in terms)
    unquoted = text.replace('"', " ")
    whole = tuple(stream(normalize(unquoted)))
    highlight = [t.stem for t in terms] + [text for t in terms for _, text in found[t]]
    return QueryPlan(
        text=text,
        parts=parts,
        phrase=whole if len(parts) > 1 else (),
        title_key=canonical(unquoted),
        highlight_terms=tuple(highlight),
    )
