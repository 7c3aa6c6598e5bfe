"""Query plans (search/query.py) -> Tantivy queries, by the rules in search/ranking.py."""

from collections.abc import Sequence
from itertools import pairwise

import tantivy
from tantivy import Occur, Query

from ... import ranking
from ...analyzer import canonical
from ...query import Part, QueryPlan, Segment
from ..base import FacetIds
from .schema import FACET_FIELDS, META_ID, STREAM_FIELDS, SYLLABLE_FIELDS, in_field
from .words import IndexedWords, is_syllable


def _any(clauses: list[Query]) -> Query:
    return clauses[0] if len(clauses) == 1 else Query.boolean_query([(Occur.Should, q) for q in clauses])


def _best(alternatives: list[Query]) -> Query:
    """One part's forms (the word, its synonyms, its pieces) count once: the best-scoring one, plus
    ALTERNATIVE_TIE of the others, so an article that repeats a word in several forms does not
    outrank one that has the word and the query's other words."""
    if len(alternatives) == 1:
        return alternatives[0]
    return Query.disjunction_max_query(alternatives, tie_breaker=ranking.ALTERNATIVE_TIE)


def tokens_anywhere(
    schema: tantivy.Schema,
    tokens: Sequence[str],
    weight: float = 1.0,
    extra: dict[str, float] | None = None,
    fields: Sequence[str] = STREAM_FIELDS,
    searcher: tantivy.Searcher | None = None,
) -> Query:
    """The tokens in order in any of `fields`, each weighted by FIELD_BOOST (plus `extra`); given
    the searcher, a phrase is scored as its tokens (schema.in_field), else only matched."""
    one_syllable = len(tokens) == 1 and is_syllable(tokens[0])
    extra = extra or {}
    return _any(
        [
            Query.boost_query(
                in_field(schema, SYLLABLE_FIELDS[name] if one_syllable else name, tokens, searcher),
                ranking.FIELD_BOOST[name] * weight + extra.get(name, 0.0),
            )
            for name in fields
        ]
    )


SHORT_FIELDS = ("title", "keywords")
# The whole-query phrase bonus, per field (ranking.py).
PHRASE_BONUS = {"title": ranking.PHRASE_IN_TITLE, "body": ranking.PHRASE_IN_BODY}


def _pieces(
    schema: tantivy.Schema, pieces: Sequence[str], weight: float, *, whole_found: bool, fields: Sequence[str] = STREAM_FIELDS
) -> Query:
    """A word typed without spaces, matched through its bigrams. While some article has the word
    whole, its pieces stand for the word written apart (친구 추가 for 친구추가): its first and last
    bigram must occur in one field (the heads of the words it glues), so 이용제한 does not find
    이용제도, nor 이용 in a title with 제한 in the body (reading the heads per field is also 0.8 ms
    cheaper than either head anywhere, for a word in most of 100,000 articles), and only they
    count; a bigram between them (밀번 of 비밀번호) is in the articles that have the word whole,
    which rank by the word itself (reading it as well cost 1-2 ms for a word in most of 100,000
    articles, and changed no ranking of the evaluation set). A word no article has (이모티콘환불, a
    typo) may match through any of its bigrams."""
    if whole_found:
        heads = dict.fromkeys((pieces[0], pieces[-1]))
        return _any(
            [
                Query.boost_query(
                    Query.boolean_query([(Occur.Must, Query.term_query(schema, name, p)) for p in heads]),
                    ranking.FIELD_BOOST[name] * weight,
                )
                for name in fields
            ]
        )
    return Query.boolean_query([(Occur.Should, tokens_anywhere(schema, (p,), weight, fields=fields)) for p in pieces])


def _segmented(
    searcher: tantivy.Searcher, schema: tantivy.Schema, segments: list[tuple[Segment, bool]], weight: float
) -> Query:
    """The words a compound splits into, each matched (or through its synonyms) like a word of its own."""
    return Query.boolean_query(
        [
            (
                Occur.Should,
                _best(
                    [
                        tokens_anywhere(schema, segment.tokens, weight, searcher=searcher),
                        *(
                            tokens_anywhere(schema, s, _synonym_weight(found) * weight, searcher=searcher)
                            for s in segment.synonyms
                        ),
                    ]
                ),
            )
            for segment, found in segments
        ]
    )


def _synonym_weight(found: bool) -> float:
    """A word that some article has ranks its synonyms below itself; a word none has (비번, 카톡) can
    only be found through them, so they count in full."""
    return ranking.SYNONYM_WEIGHT if found else 1.0


def text_query(
    searcher: tantivy.Searcher, schema: tantivy.Schema, plan: QueryPlan, words: IndexedWords
) -> tuple[Query, Query]:
    """(What the query matches, scored by the ranking rules; the same matches unscored, for counts
    and facets)."""
    missing = words.missing
    clauses: list[tuple[Occur, Query]] = []
    topic_found = any(not part.names_facet and part.term.stem not in missing for part in plan.parts)
    literal: list[tuple[Occur, Query]] = []
    content_found = any(p.weight == 1.0 and not p.names_facet and p.term.stem not in missing for p in plan.parts)
    whole_phrase = next((p.term.tokens for p in plan.parts if p.required and p.term.tokens == plan.phrase), None)
    for part in plan.parts:
        if part.names_facet and topic_found:
            # It matches nothing by itself, but an article that says it (갤럭시에서 알림이 …) ranks.
            literal.append((Occur.Should, tokens_anywhere(schema, part.term.tokens, part.weight, searcher=searcher)))
            continue
        # A quoted phrase that is the whole query carries the phrase bonus itself: the same scores
        # as a separate bonus clause, with the phrase read once instead of twice. Its words rank in
        # the short fields only (and so do their synonyms and pieces): in the body the phrase itself
        # has them.
        extra = PHRASE_BONUS if part.term.tokens == whole_phrase else None
        fields = SHORT_FIELDS if whole_phrase is not None and not part.required else STREAM_FIELDS
        alternatives = [tokens_anywhere(schema, part.term.tokens, part.weight, extra, fields, searcher)]
        synonym_weight = _synonym_weight(part.term.stem not in words.absent)
        alternatives += [
            tokens_anywhere(schema, s, synonym_weight * part.weight, fields=fields, searcher=searcher)
            for s in part.synonyms
        ]
        if _has_pieces(searcher, part, words):
            weight = ranking.PIECE_WEIGHT * part.weight
            found = part.term.stem not in missing
            alternatives.append(_pieces(schema, part.pieces, weight, whole_found=found, fields=fields))
        if part.term.stem in words.split:
            alternatives.append(_segmented(searcher, schema, words.split[part.term.stem], part.weight))
        if _ranks_only(part, content_found):
            if not _in_most(searcher, (part.term.tokens, *part.synonyms)):
                literal.append((Occur.Should, _best(alternatives)))
            continue
        clauses.append((Occur.Must if part.required else Occur.Should, _best(alternatives)))
    # What matches is decided by the parts alone (a phrase or the exact title implies them); counting
    # and facets need no more than that, and read it in its cheapest exact form.
    matches = _matched(searcher, schema, plan, words, topic_found, content_found)
    if len(plan.phrase) > 1 and whole_phrase is None:
        clauses.append(
            (Occur.Should, Query.boost_query(in_field(schema, "title", plan.phrase, searcher), ranking.PHRASE_IN_TITLE))
        )
        clauses.append(
            (Occur.Should, Query.boost_query(in_field(schema, "body", plan.phrase, searcher), ranking.PHRASE_IN_BODY))
        )
    own, others = _tag_keys(plan, words.split)
    for keys, bonus in ((own, ranking.TAGGED), (others, ranking.TAGGED * ranking.SYNONYM_WEIGHT)):
        if not keys:
            continue
        clauses.append(
            (Occur.Should, Query.boost_query(_any([Query.term_query(schema, "tag_keys", k) for k in keys]), bonus))
        )
    if plan.title_key:
        exact = Query.term_query(schema, "title_key", plan.title_key)
        clauses.append((Occur.Should, Query.const_score_query(exact, ranking.EXACT_TITLE)))
    matching = Query.boolean_query(clauses)
    if not plan.prefer and not plan.neutral and not literal:
        return matching, matches
    # Preferences only reorder what matches: they are optional clauses beside a required one.
    preferred = [
        (Occur.Should, Query.const_score_query(Query.term_query(schema, facet, value), boost))
        for values, boost in ((plan.prefer, ranking.NAMED_FACET), (plan.neutral, ranking.NEUTRAL_PLATFORM))
        for facet, value in values
    ]
    return Query.boolean_query([(Occur.Must, matching), *preferred, *literal]), matches


def own_tags(plan: QueryPlan, split: dict[str, list[tuple[Segment, bool]]]) -> frozenset[str]:
    """The query's own words and runs of words, as tag keys."""
    return frozenset(_tag_keys(plan, split)[0])


def _ranks_only(part: Part, content_found: bool) -> bool:
    """A part that says little (ranking.LOW_INFORMATION_WEIGHT) beside a content word some article
    has: it ranks the articles that have that word, it does not add articles of its own (안, 나요
    and 되어 are in nearly every article; 총 N건 counts the articles about the query)."""
    return content_found and part.weight < 1.0 and not part.required and not part.names_facet


def _has_pieces(searcher: tantivy.Searcher, part: Part, words: IndexedWords) -> bool:
    """Whether the part matches through its pieces (_pieces): a word typed without spaces always;
    a word some article has whole, unless its first and last bigram are each in more than half of
    the articles' bodies. Then an article having both says nothing of the word written apart, the
    pieces would only add most of the index to the matches at PIECE_WEIGHT, and reading them cost
    3-4 ms of a question's 7 at 100,000 articles: left out, like _in_most's low-information parts."""
    if not part.pieces:
        return False
    if part.term.stem in words.missing:
        return True
    half = searcher.num_docs / 2
    return not all(searcher.doc_freq("body", piece) > half for piece in (part.pieces[0], part.pieces[-1]))


def _in_most(searcher: tantivy.Searcher, forms: Sequence[Sequence[str]]) -> bool:
    """Whether each form (tokens) of a part is one token that more than half of the articles' bodies
    have, or in none: such a low-information part could only nudge the order (an IDF below 0.7,
    times LOW_INFORMATION_WEIGHT) and would be read for most articles (되어 and 안 in a large help
    center). Like a common-terms cutoff, it is left out of the ranking."""
    half = searcher.num_docs / 2
    found = False
    for tokens in forms:
        if len(tokens) != 1:
            return False
        field = SYLLABLE_FIELDS["body"] if is_syllable(tokens[0]) else "body"
        df = searcher.doc_freq(field, tokens[0])
        if 0 < df <= half:
            return False
        found = found or df > 0
    return found


def _matched(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    plan: QueryPlan,
    words: IndexedWords,
    topic_found: bool,
    content_found: bool,
) -> Query:
    """The documents the scored query matches, as a cheaper query with the same matches, for
    counting: a quoted phrase alone decides (the other words only rank); a word with pieces
    matches exactly where its pieces do (a document with 비밀번호 has 비밀 and 번호), so the
    word's own phrase, its middle pieces and its compound's stretches (whose first bigram is a
    piece) need no reading, only their synonyms."""
    required = [part for part in plan.parts if part.required]
    if required:
        return Query.boolean_query([(Occur.Must, tokens_anywhere(schema, part.term.tokens)) for part in required])
    clauses = []
    for part in plan.parts:
        if part.names_facet and topic_found:
            continue
        if _ranks_only(part, content_found):
            continue
        found = part.term.stem not in words.missing
        forms = [tokens_anywhere(schema, s) for s in part.synonyms]
        if _has_pieces(searcher, part, words):
            forms.append(_pieces(schema, part.pieces, 1.0, whole_found=found))
            for segment, _ in words.split.get(part.term.stem, ()):
                forms += [tokens_anywhere(schema, s) for s in segment.synonyms]
        else:
            forms.append(tokens_anywhere(schema, part.term.tokens))
        clauses.append((Occur.Should, _any(forms)))
    return Query.boolean_query(clauses)


def _tag_keys(plan: QueryPlan, split: dict[str, list[tuple[Segment, bool]]]) -> tuple[list[str], list[str]]:
    """(own, others) tag keys. Own: the query, one of its content words or a run of its words as
    typed (TAGGED): 탈퇴 취소 in "7일 탈퇴 취소", 파일 앱 in "iOS 파일 앱", 휴대폰 번호 in 휴대폰번호변경
    (a word typed without spaces counts as the words it splits into). Others: the same with a
    synonym in place of a word (at SYNONYM_WEIGHT): 공유 중지 for "공유 그만하고", 이용제한 해제 for
    "정지 풀기"."""
    content = [canonical(p.term.stem) for p in plan.parts if p.weight == 1.0]
    forms = []
    for part in plan.parts:
        if part.term.stem in split:
            forms += [(segment.text, segment.synonym_texts) for segment, _ in split[part.term.stem]]
        elif not part.term.phrase:
            forms.append((canonical(part.term.stem), part.synonym_texts))
    words = [word for word, _ in forms]
    runs = [" ".join(words[i : i + n]) for n in range(2, len(words) + 1) for i in range(len(words) - n + 1)]
    own = list(dict.fromkeys(k for k in [plan.title_key, *content, *runs] if k))
    # Synonyms: in place of a content word, or of either word of a pair of neighbours or both.
    replaced = [s for p in plan.parts if p.weight == 1.0 for s in p.synonym_texts]
    for (first, first_synonyms), (second, second_synonyms) in pairwise(forms):
        replaced += [f"{a} {b}" for a in (first, *first_synonyms) for b in (second, *second_synonyms)][1:]
    others = [k for k in dict.fromkeys(replaced) if k and k not in own]
    return own, others


def in_title(schema: tantivy.Schema, plan: QueryPlan) -> Query | None:
    """Every word of the plan in the title (type-ahead)."""
    words = []
    for part in plan.parts:
        tokens = part.term.tokens
        one_syllable = len(tokens) == 1 and is_syllable(tokens[0])
        words.append((Occur.Must, in_field(schema, SYLLABLE_FIELDS["title"] if one_syllable else "title", tokens)))
    return Query.boolean_query(words) if words else None


def one_of(schema: tantivy.Schema, field: str, values: Sequence[int]) -> Query:
    """Documents whose `field` is one of a few `values` (ids of a page of results). A union of term
    queries: `term_set_query` walks the field's whole term dictionary (1 ms for 49 ids of 100,000
    articles, against 0.2 ms for the union)."""
    return _any([Query.term_query(schema, field, value) for value in values]) if values else Query.empty_query()


def facet_filters(schema: tantivy.Schema, facets: FacetIds) -> dict[str, Query]:
    filters = {}
    for name in FACET_FIELDS:
        ids = getattr(facets, name)
        if ids is not None:
            filters[name] = Query.term_set_query(schema, name, list(ids)) if ids else Query.empty_query()
    return filters


def restricted(scored: Query | None, filters: list[Query]) -> Query:
    """`scored` (or every document) restricted to the filters, which add nothing to the score;
    scheduled documents not excluded (rescore.public reads past them)."""
    clauses = _restricted(scored, filters)
    return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)


def all_of(schema: tantivy.Schema, scored: Query | None, filters: list[Query], now_micros: int) -> Query:
    """`scored` (or every document) restricted to what is public at `now` and passes the filters,
    which add nothing to the score. "Public" is tested the cheap way round: nearly every document is
    published already, so the few scheduled ones (and the checkpoint document) are excluded. The
    test reads the publish-time column for the matches only: through the inverted index the range
    first gathered every scheduled document (0.7 ms of a rare word's 0.8 at 100,000 articles, and
    0.6 ms more over 33,000 matches)."""
    scheduled = Query.range_query(
        schema, "published", tantivy.FieldType.Integer, now_micros + 1, None, use_inverted_index=False
    )
    clauses = _restricted(scored, filters)
    clauses += [(Occur.MustNot, scheduled), (Occur.MustNot, Query.term_query(schema, "id", META_ID))]
    return Query.boolean_query(clauses)


def _restricted(scored: Query | None, filters: list[Query]) -> list[tuple[Occur, Query]]:
    clauses = [(Occur.Must, scored if scored is not None else Query.all_query())]
    return clauses + [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
