"""The Tantivy schema and how an IndexDocument becomes a Tantivy document.

Text fields hold our analyzer's tokens joined by spaces; Tantivy's whitespace tokenizer splits them
back, so postings, positions (phrases) and BM25 statistics are the engine's, the Korean analysis is
ours. The body also holds each pair of neighbouring tokens as one token (`body_pairs`): a phrase
there is read through its pairs, which are far rarer than its tokens (see `in_field`); and each
four-syllable stretch of a Hangul word as one token (`body_quads`), so that the commonest long
word, 비밀번호 or 이용제한 (three bigrams), is one term with no positions to read. Facets, publish
time and sort keys are integer or raw-string fast fields; the body's text is stored (never
searched) for snippets. One document with `id` META_ID carries the index's checkpoint, committed
atomically with the documents it describes.
"""

import math
from itertools import pairwise

import tantivy

from ...analyzer import BOUNDARY, is_hangul
from ...backends.base import Checkpoint
from ...documents import IndexDocument
from . import titles
from .groups import CATEGORY_BITS, PLATFORM_BITS, SERVICE_BITS, place_number, platform_number, question_number

# Bumped whenever the schema or the meaning of a field changes: an index of another version is
# rebuilt rather than read.
SCHEMA_VERSION = 13
META_ID = -1

STREAM_FIELDS = ("title", "keywords", "body")
SYLLABLE_FIELDS = {"title": "title_syllables", "keywords": "keywords_syllables", "body": "body_syllables"}
FACET_FIELDS = ("service", "category", "platform")
ID_BITS = 30  # sort keys: publish second, then article id, in one integer
# A document's service, category and platform as one integer: counting with filters reads one
# column instead of three nested (backend._combinations).
COMBINATION = "combination"
PAIRED = {"body": "body_pairs"}  # fields whose phrases are read through pairs of tokens
PAIR_JOINER = "_"  # never inside a token: the analyzer splits words on it
QUADS = {"body": "body_quads"}  # fields whose three-bigram words (four syllables) are one term


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in STREAM_FIELDS:
        # A paired field's phrases are read through its pairs: its own positions are never read.
        option = "freq" if name in PAIRED else "position"
        builder.add_text_field(name, tokenizer_name="whitespace", index_option=option)
    for name in PAIRED.values():
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in SYLLABLE_FIELDS.values():
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in QUADS.values():
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("title_key", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("tag_keys", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("text", stored=True, indexed=False, fast=False)  # for snippets, never searched
    builder.add_integer_field("version", fast=True)  # the article's version that `text` is of
    builder.add_text_field("title_sort", tokenizer_name="raw", fast=True, index_option="basic")
    for name in titles.FIELDS:  # titles.py
        builder.add_unsigned_field(name, fast=True)
    builder.add_unsigned_field(titles.WHOLE, fast=True)
    for name in FACET_FIELDS:
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field(COMBINATION, fast=True)
    # One result per question (groups.py): the question, whether it has variants, and the question
    # with its place (service, category) and with its platform, for exact counts.
    builder.add_integer_field("question", indexed=True, fast=True)
    builder.add_integer_field("shared", indexed=True)
    builder.add_integer_field("question_place", fast=True)
    builder.add_integer_field("question_platform", fast=True)
    builder.add_integer_field("published", indexed=True, fast=True)  # µs since 1970, UTC
    builder.add_integer_field("newest", fast=True)
    builder.add_integer_field("popular", fast=True)
    builder.add_text_field("meta_epoch", stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("meta_generation", "meta_applied", "meta_schema"):
        builder.add_integer_field(name, stored=True)
    return builder.build()


def pairs(stream: str) -> str:
    """Each token of a field's stream paired with the next one, at its own position (so the pairs
    of a phrase are neighbours exactly where its tokens are). A token with no next one in its block
    gives BOUNDARY instead, so the field has as many tokens as the stream, and BM25 the same
    lengths."""
    tokens = stream.split()
    out = []
    for first, second in pairwise([*tokens, BOUNDARY]):
        out.append(BOUNDARY if BOUNDARY in (first, second) else first + PAIR_JOINER + second)
    return " ".join(out)


def quads(stream: str) -> str:
    """At each token of a field's stream, the four syllables it spells with the next two when the
    three are bigrams that overlap (비밀 밀번 번호 -> 비밀번호: where the phrase of those three
    tokens matches, and only there), else BOUNDARY; as many tokens as the stream, so BM25 sees the
    same lengths. The test is is_chain's, unrolled for speed (1.8 -> 0.4 ms a body): a
    two-character token that starts with Hangul is a Hangul bigram, as the analyzer never mixes
    scripts in a token."""
    tokens = stream.split()
    spelled_at = [
        a + b[1] + c[1] if len(a) == len(b) == len(c) == 2 and a[1] == b[0] and b[1] == c[0] and is_hangul(a[0]) else BOUNDARY
        for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)  # the last two have no quad
    ]
    return " ".join(spelled_at + [BOUNDARY] * min(2, len(tokens)))


def is_chain(tokens) -> bool:
    """Hangul bigrams, each starting with the syllable the one before ends with."""
    return all(len(t) == 2 and is_hangul(t[0]) and is_hangul(t[1]) for t in tokens) and all(
        a[1] == b[0] for a, b in pairwise(tokens)
    )


def spelled(tokens) -> str:
    return tokens[0] + "".join(t[1] for t in tokens[1:])


def in_field(schema: tantivy.Schema, field: str, tokens, searcher: tantivy.Searcher | None = None) -> tantivy.Query:
    """The tokens in this order in the field. In a paired field through their pairs: "비밀번호 변경"
    is the phrase 비밀_밀번 밀번_번호 번호_변경, two tokens are one term. The same documents and the
    same number of occurrences, but the engine reads the positions of rare pairs instead of those of
    tokens that are in most articles (번호, 변경). Given the searcher, the phrase is scored as its
    tokens would be: the engine weighs a phrase by the sum of its terms' IDF, and the pairs' sum is
    another (one term fewer, each rarer). Three overlapping bigrams (a four-syllable word) are
    one term of the field's quads, scaled the same way: the same documents, occurrences and
    scores as the phrase, none of its positions read."""
    if len(tokens) == 3 and field in QUADS and is_chain(tokens):
        word = spelled(tokens)
        scale = _idf_ratio(searcher, field, tokens, QUADS[field], [word]) if searcher is not None else 1.0
        field, tokens = QUADS[field], [word]
    elif len(tokens) > 1 and field in PAIRED:
        paired = [a + PAIR_JOINER + b for a, b in pairwise(tokens)]
        scale = _idf_ratio(searcher, field, tokens, PAIRED[field], paired) if searcher is not None else 1.0
        field, tokens = PAIRED[field], paired
    else:
        scale = 1.0
    # A one-token phrase panics in Tantivy: a term query is the same thing.
    if len(tokens) == 1:
        query = tantivy.Query.term_query(schema, field, tokens[0])
    else:
        query = tantivy.Query.phrase_query(schema, field, list(tokens))
    return query if scale == 1.0 else tantivy.Query.boost_query(query, scale)


def _idf_ratio(searcher: tantivy.Searcher, field: str, tokens, read_field: str, read: list[str]) -> float:
    """Σ IDF of the tokens / Σ IDF of the terms read instead (pairs, or a quad), by the engine's
    BM25 IDF (which counts deleted documents until a merge removes them; here only live ones: a
    difference of a few per mille)."""
    total = searcher.num_docs

    def idf(df: int) -> float:
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    read_freqs = [searcher.doc_freq(read_field, term) for term in read]
    if not all(read_freqs):
        return 1.0  # the phrase matches nothing
    return sum(idf(searcher.doc_freq(field, token)) for token in tokens) / sum(idf(df) for df in read_freqs)


def micros(value) -> int:
    return int(value.timestamp()) * 1_000_000 + value.microsecond


def newest_key(published_micros: int, article_id: int) -> int:
    """Publish time (to the second), then id: both descending under a descending sort."""
    return (published_micros // 1_000_000 << ID_BITS) | (article_id & ((1 << ID_BITS) - 1))


def combination_number(service: int, category: int, platform: int) -> int:
    """The three ids in one integer, or -1 when one is past its range (groups.py's ranges)."""
    if not (0 <= service < 1 << SERVICE_BITS and 0 <= category < 1 << CATEGORY_BITS and 0 <= platform < 1 << PLATFORM_BITS):
        return -1
    return (service << CATEGORY_BITS | category) << PLATFORM_BITS | platform


def combination_of(number: int) -> tuple[int, int, int]:
    """(service, category, platform): FACET_FIELDS' order."""
    return (
        number >> (CATEGORY_BITS + PLATFORM_BITS),
        number >> PLATFORM_BITS & ((1 << CATEGORY_BITS) - 1),
        number & ((1 << PLATFORM_BITS) - 1),
    )


def to_tantivy(doc: IndexDocument) -> tantivy.Document:
    published = micros(doc.published_at)
    question = question_number(doc.group, doc.service_id, doc.category_id)
    document = tantivy.Document(
        id=doc.article_id,
        title=doc.title,
        keywords=doc.keywords,
        body=doc.body,
        body_pairs=pairs(doc.body),
        body_quads=quads(doc.body),
        title_syllables=doc.title_syllables,
        keywords_syllables=doc.keywords_syllables,
        body_syllables=doc.body_syllables,
        title_key=doc.title_key,
        tag_keys=list(doc.tag_keys),
        text=doc.text.encode("utf-8"),
        version=doc.version,
        # Equal titles: lower id first, as the ascending title sort reads.
        title_sort=f"{doc.title_sort}\x00{doc.article_id:012d}",
        service=doc.service_id,
        category=doc.category_id,
        platform=doc.platform_id,
        combination=combination_number(doc.service_id, doc.category_id, doc.platform_id),
        question=question,
        shared=int(question != 0),
        question_place=place_number(question, doc.service_id, doc.category_id),
        question_platform=platform_number(question, doc.platform_id),
        published=published,
        newest=newest_key(published, doc.article_id),
        # View count, then publish second: "most viewed, then newest".
        popular=(min(doc.views, (1 << 31) - 1) << 32) | (published // 1_000_000 & 0xFFFFFFFF),
    )
    # Added as unsigned: given as a keyword, an integer below 2**63 is taken as signed.
    orders, whole = titles.title_orders(doc.title_sort)
    for name, value in zip(titles.FIELDS, orders, strict=True):
        document.add_unsigned(name, value)
    document.add_unsigned(titles.WHOLE, int(whole))
    return document


def meta_document(checkpoint: Checkpoint) -> tantivy.Document:
    return tantivy.Document(
        id=META_ID,
        meta_epoch=checkpoint.epoch,
        meta_generation=checkpoint.generation,
        meta_applied=checkpoint.applied,
        meta_schema=SCHEMA_VERSION,
    )


def read_meta(searcher: tantivy.Searcher, schema: tantivy.Schema) -> Checkpoint:
    hits = searcher.search(tantivy.Query.term_query(schema, "id", META_ID), 1, count=False).hits
    if not hits:
        return Checkpoint()
    values = searcher.doc(hits[0][1]).to_dict()
    if values.get("meta_schema", [None])[0] != SCHEMA_VERSION:
        return Checkpoint()  # another schema: treated as empty, so it is rebuilt
    return Checkpoint(values["meta_epoch"][0], values["meta_generation"][0], values["meta_applied"][0])
