"""Export articles in the import format (json, jsonl, csv).

CSV cells that a spreadsheet would run as a formula are written with a leading apostrophe
(importing.formats.neutralise_cell; the importer undoes it).
Deterministic: rows ordered by service, category, platform, title, external_id; fixed key order;
times in Korean time. So export → import into an empty database → export is byte-identical.
"""

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from django.utils import timezone

from .importing.formats import FIELDS, FORMATS, neutralise_cell
from .importing.records import BLANK_LINES, LOOKS_LIKE_HTML, SEOUL
from .models import Article


def export_body(body: str) -> str:
    # Bodies saved without any tag (plain text typed in the admin) are already escaped by the
    # sanitiser; wrapping them in <p> makes the importer read them back unchanged.
    if not body or LOOKS_LIKE_HTML.search(body):
        return body
    return "".join(f"<p>{p.strip()}</p>" for p in BLANK_LINES.split(body.replace("\r\n", "\n")) if p.strip())


def article_record(article: Article) -> dict:
    return {
        "external_id": article.external_id,
        "service": article.service.name,
        "category": article.category.name,
        "platform": article.platform.name,
        "title": article.title,
        "body": export_body(article.body),
        "status": article.status,
        "published_at": timezone.localtime(article.published_at, SEOUL).isoformat() if article.published_at else None,
        "tags": article.tag_list,
        "question_key": article.question_key,
    }


def _records(queryset) -> Iterator[dict]:
    ordered = queryset.with_taxonomy().order_by(
        "service__name", "category__name", "platform__name", "title", "external_id"
    )
    for article in ordered.iterator(chunk_size=2000):
        yield article_record(article)


def export_articles(*, stream: TextIO, fmt: str = "jsonl", queryset=None) -> int:
    """Write every article (or `queryset`) to `stream`; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    records = _records(queryset if queryset is not None else Article.objects.all())
    count = 0
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(FIELDS)
        for count, record in enumerate(records, 1):  # noqa: B007
            record["tags"] = ", ".join(record["tags"])
            record["published_at"] = record["published_at"] or ""
            writer.writerow([neutralise_cell(record[name] or "") for name in FIELDS])
        return count
    dump = json.dumps
    if fmt == "jsonl":
        for count, record in enumerate(records, 1):  # noqa: B007
            stream.write(dump(record, ensure_ascii=False) + "\n")
        return count
    stream.write("[")
    for count, record in enumerate(records, 1):  # noqa: B007
        stream.write(("\n  " if count == 1 else ",\n  ") + dump(record, ensure_ascii=False))
    stream.write("\n]\n" if count else "]\n")
    return count
