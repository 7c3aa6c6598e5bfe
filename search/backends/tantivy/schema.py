"""The Tantivy schema and how an IndexDocument becomes a Tantivy document.

Text fields hold our analyzer's tokens joined by spaces; Tantivy's whitespace tokenizer splits them
back, so postings, positions (phrases) and BM25 statistics are the engine's, the Korean analysis is
ours. Facets, publish time and sort keys are integer or raw-string fast fields. One document with
`id` META_ID carries the index's checkpoint, committed atomically with the documents it describes.
"""

import tantivy

from ...backends.base import Checkpoint
from ...documents import IndexDocument
from .groups import place_number, platform_number, question_number

# Bumped whenever the schema or the meaning of a field changes: an index of another version is
# rebuilt rather than read.
SCHEMA_VERSION = 8
META_ID = -1

STREAM_FIELDS = ("title", "keywords", "body")
SYLLABLE_FIELDS = {"title": "title_syllables", "keywords": "keywords_syllables", "body": "body_syllables"}
FACET_FIELDS = ("service", "category", "platform")
ID_BITS = 30  # sort keys: publish second, then article id, in one integer


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in STREAM_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in SYLLABLE_FIELDS.values():
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("title_key", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("tag_keys", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title_sort", tokenizer_name="raw", fast=True, index_option="basic")
    for name in FACET_FIELDS:
        builder.add_integer_field(name, indexed=True, fast=True)
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


def micros(value) -> int:
    return int(value.timestamp()) * 1_000_000 + value.microsecond


def newest_key(published_micros: int, article_id: int) -> int:
    """Publish time (to the second), then id: both descending under a descending sort."""
    return (published_micros // 1_000_000 << ID_BITS) | (article_id & ((1 << ID_BITS) - 1))


def to_tantivy(doc: IndexDocument) -> tantivy.Document:
    published = micros(doc.published_at)
    question = question_number(doc.group, doc.service_id, doc.category_id)
    return tantivy.Document(
        id=doc.article_id,
        title=doc.title,
        keywords=doc.keywords,
        body=doc.body,
        title_syllables=doc.title_syllables,
        keywords_syllables=doc.keywords_syllables,
        body_syllables=doc.body_syllables,
        title_key=doc.title_key,
        tag_keys=list(doc.tag_keys),
        # Equal titles: lower id first, as the ascending title sort reads.
        title_sort=f"{doc.title_sort}\x00{doc.article_id:012d}",
        service=doc.service_id,
        category=doc.category_id,
        platform=doc.platform_id,
        question=question,
        shared=int(question != 0),
        question_place=place_number(question, doc.service_id, doc.category_id),
        question_platform=platform_number(question, doc.platform_id),
        published=published,
        newest=newest_key(published, doc.article_id),
        # View count, then publish second: "most viewed, then newest".
        popular=(min(doc.views, (1 << 31) - 1) << 32) | (published // 1_000_000 & 0xFFFFFFFF),
    )


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
