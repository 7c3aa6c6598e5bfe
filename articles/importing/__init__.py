"""Bulk import of articles, shared by `import_articles`, `load_demo` and the admin upload.

parse → validate every record of every file → write each file in one transaction, in batches.
The file is read twice (validate, then write) instead of being held in memory, so 100,000
records stay well under a few hundred megabytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Article, Category, Platform, Service, make_slug
from ..roles import can_publish
from ..signals import articles_changed
from .formats import FORMATS, PARSERS, ImportInvalid, ImportSource, RecordError, detect_format
from .records import ImportRecord, clean_record, derived_external_id

__all__ = [
    "FORMATS", "ImportInvalid", "ImportSource", "ImportSummary", "RecordError",
    "derived_external_id", "detect_format", "import_articles",
]

BATCH_SIZE = 1000
_WRITTEN_FIELDS = [
    "service_id", "category_id", "platform_id", "title", "body", "status", "published_at", "tags", "question_key",
]


@dataclass
class ImportSummary:
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    services_created: list[str] = field(default_factory=list)
    categories_created: list[str] = field(default_factory=list)
    platforms_created: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        head = "[시험 실행: 아무것도 저장하지 않았습니다] " if self.dry_run else ""
        lines = [f"{head}문서 {self.records}건: 새로 만듦 {self.created}, 수정 {self.updated}, 변경 없음 {self.unchanged}"]
        for label, names in (
            ("서비스", self.services_created),
            ("카테고리", self.categories_created),
            ("플랫폼", self.platforms_created),
        ):
            if names:
                lines.append(f"새 {label} {len(names)}개: {', '.join(names)}")
        return lines


def _scan(source: ImportSource, fmt: str, errors: list[RecordError]) -> Iterator[tuple[ImportRecord | None, str, list[str]]]:
    """Every record of one file as (record or None, unit, reasons); file-level problems go to `errors`."""

    def report(position: int, unit: str, reason: str) -> None:
        errors.append(RecordError(source.name, position, unit, reason))

    with source.open() as stream:
        for position, unit, raw in PARSERS[fmt](stream, report):
            record, reasons = clean_record(raw, position)
            if reasons:
                errors.extend(RecordError(source.name, position, unit, reason) for reason in reasons)
            yield record, unit, reasons



# --- taxonomy ------------------------------------------------------------------------------------------

class TaxonomyIndex:
    """Names → ids for the whole run (three small queries); creates what is missing when asked."""

    def __init__(self) -> None:
        self.services = dict(Service.objects.values_list("name", "id"))
        self.platforms = dict(Platform.objects.values_list("name", "id"))
        self.categories = {
            (service, name): pk for service, name, pk in Category.objects.values_list("service__name", "name", "id")
        }

    def missing(self, record: ImportRecord) -> list[str]:
        reasons = []
        if record.service not in self.services:
            reasons.append(f"서비스 '{record.service}'이(가) 없습니다.")
        if (record.service, record.category) not in self.categories:
            elsewhere = sorted(service for service, name in self.categories if name == record.category)
            hint = f" (같은 이름의 카테고리가 다른 서비스에 있음: {', '.join(elsewhere)})" if elsewhere else ""
            reasons.append(f"서비스 '{record.service}'에 카테고리 '{record.category}'이(가) 없습니다.{hint}")
        if record.platform not in self.platforms:
            reasons.append(f"플랫폼 '{record.platform}'이(가) 없습니다.")
        return reasons

    def resolve(self, record: ImportRecord, *, create: bool, summary: ImportSummary) -> tuple:
        """Ids for the record's taxonomy; None for ones a dry run would create."""
        if record.service not in self.services:
            self.services[record.service] = _create_named(Service, record.service) if create else None
            summary.services_created.append(record.service)
        key = (record.service, record.category)
        if key not in self.categories:
            service_id = self.services[record.service]
            self.categories[key] = (
                Category.objects.create(service_id=service_id, name=record.category).pk if create else None
            )
            summary.categories_created.append(f"{record.service} > {record.category}")
        if record.platform not in self.platforms:
            self.platforms[record.platform] = _create_named(Platform, record.platform) if create else None
            summary.platforms_created.append(record.platform)
        return self.services[record.service], self.categories[key], self.platforms[record.platform]


def _create_named(model, name: str) -> int:
    slug = make_slug(name) or uuid.uuid4().hex[:12]
    if model.objects.filter(slug=slug).exists():  # e.g. "PC" and "pc"
        slug = f"{slug}-{uuid.uuid4().hex[:6]}"
    return model.objects.create(name=name, slug=slug).pk


# --- the workflow ----------------------------------------------------------------------------------------

def validate_sources(
    sources: Sequence[ImportSource], *, fmt: str | None, taxonomy: TaxonomyIndex, user, create_taxonomy: bool
) -> tuple[int, list[RecordError]]:
    """Read every record of every file; return the record count and every error (nothing is written)."""
    errors: list[RecordError] = []
    count = 0
    editor = user is not None and not can_publish(user)
    for source in sources:
        try:
            source_fmt = detect_format(source.name, fmt)
        except ImportInvalid as exc:
            errors.extend(exc.errors)
            continue
        seen: dict[str, int] = {}
        for record, unit, _reasons in _scan(source, source_fmt, errors):
            count += 1
            if record is None:
                continue
            reasons = [] if create_taxonomy else taxonomy.missing(record)
            if editor and record.status != Article.Status.DRAFT:
                reasons.append("편집자는 초안(draft)만 가져올 수 있습니다. 게시·보관은 게시자에게 요청하세요.")
            first = seen.setdefault(record.external_id, record.position)
            if first != record.position:
                what = f"external_id '{record.external_id}'" if record.has_external_id else "같은 서비스·카테고리·플랫폼·제목"
                where = f"{first}번째 줄" if unit == "line" else f"항목 [{first}]"
                reasons.append(f"{what}이(가) {where}과 중복됩니다.")
            errors.extend(RecordError(source.name, record.position, unit, reason) for reason in reasons)
    return count, errors


@dataclass
class _WriteContext:
    source: ImportSource
    unit: str
    taxonomy: TaxonomyIndex
    summary: ImportSummary
    user: object
    dry_run: bool
    matched: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # article ids to (re)index once the file is written


def import_articles(
    *,
    sources: Sequence[ImportSource],
    fmt: str | None = None,
    user=None,
    dry_run: bool = False,
    create_taxonomy: bool = True,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Validate all files, then write each in one transaction. Raises ImportInvalid (nothing written).

    `user` None means the system (commands); a user without the publish permission may only
    create or change drafts.
    """
    taxonomy = TaxonomyIndex()
    total, errors = validate_sources(
        sources, fmt=fmt, taxonomy=taxonomy, user=user, create_taxonomy=create_taxonomy
    )
    if errors:
        raise ImportInvalid(errors)
    summary = ImportSummary(records=total, dry_run=dry_run)
    done = 0
    for source in sources:
        source_fmt = detect_format(source.name, fmt)
        context = _WriteContext(source, "index" if source_fmt == "json" else "line", taxonomy, summary, user, dry_run)
        with transaction.atomic():
            for batch in _batches(source, source_fmt, batch_size):
                _write_batch(batch, context)
                done += len(batch)
                if on_progress:
                    on_progress(done, total)
            if context.errors:
                raise ImportInvalid(context.errors)
            if context.changed:
                articles_changed.send(sender=Article, article_ids=context.changed)
    return summary


def _batches(source: ImportSource, fmt: str, size: int) -> Iterator[list[ImportRecord]]:
    errors: list[RecordError] = []
    batch = []
    for record, _unit, _reasons in _scan(source, fmt, errors):
        if errors:  # the file changed since it was validated
            raise ImportInvalid(errors)
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if errors:
        raise ImportInvalid(errors)
    if batch:
        yield batch


def _write_batch(batch: list[ImportRecord], context: _WriteContext) -> None:
    now = timezone.now()
    summary = context.summary
    resolved = [
        (record, context.taxonomy.resolve(record, create=not context.dry_run, summary=summary)) for record in batch
    ]
    loaded = ["id", "external_id", "version", *_WRITTEN_FIELDS]
    by_external_id = {
        article.external_id: article
        for article in Article.objects.filter(external_id__in=[record.external_id for record in batch]).only(*loaded)
    }
    # Records without external_id also match an article with the same place and title (e.g. written in the admin).
    titles = {r.title for r, ids in resolved if not r.has_external_id and r.external_id not in by_external_id}
    by_place = {}
    if titles:
        for article in Article.objects.filter(title__in=titles).only(*loaded).order_by("pk"):
            by_place.setdefault((article.service_id, article.category_id, article.platform_id, article.title), article)
    to_create, to_update = [], []
    for record, ids in resolved:
        article = by_external_id.get(record.external_id)
        if article is None and not record.has_external_id:
            article = by_place.get((*ids, record.title))
        if article is None:
            to_create.append(_new_article(record, ids, now))
            continue
        if article.pk in context.matched:
            context.errors.append(_error(context, record, f"같은 문서(external_id '{article.external_id}')를 가리키는 레코드가 이미 있습니다."))
            continue
        context.matched.add(article.pk)
        was_draft = article.status == Article.Status.DRAFT
        if not _apply(record, ids, article, now):
            summary.unchanged += 1
            continue
        if context.user is not None and not was_draft and not can_publish(context.user):
            context.errors.append(_error(context, record, "게시·보관된 문서는 게시자만 바꿀 수 있습니다."))
            continue
        to_update.append(article)
    summary.created += len(to_create)
    summary.updated += len(to_update)
    if context.dry_run or context.errors:
        return
    Article.objects.bulk_create(to_create, batch_size=len(batch))
    Article.objects.bulk_update(to_update, [*_WRITTEN_FIELDS, "version", "updated_at"], batch_size=len(batch))
    context.changed += [article.pk for article in to_create] + [article.pk for article in to_update]


def _error(context: _WriteContext, record: ImportRecord, reason: str) -> RecordError:
    return RecordError(context.source.name, record.position, context.unit, reason)


def _new_article(record: ImportRecord, ids: tuple, now: datetime) -> Article:
    # bulk_create skips Article.save(): the record is already normalised the same way (clean_record).
    published_at = record.published_at
    if published_at is None and record.status == Article.Status.PUBLISHED:
        published_at = now
    return Article(
        external_id=record.external_id,
        service_id=ids[0],
        category_id=ids[1],
        platform_id=ids[2],
        title=record.title,
        body=record.body,
        status=record.status,
        published_at=published_at,
        tags=record.tags,
        question_key=record.question_key,
    )


def _apply(record: ImportRecord, ids: tuple, article: Article, now: datetime) -> bool:
    """Copy the record onto the article; True when anything changed (then version and updated_at move)."""
    published_at = record.published_at or article.published_at
    if published_at is None and record.status == Article.Status.PUBLISHED:
        published_at = now
    values = dict(zip(_WRITTEN_FIELDS, (*ids, record.title, record.body, record.status, published_at, record.tags, record.question_key), strict=True))
    changed = False
    for name, value in values.items():
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed = True
    if changed:
        article.version += 1
        article.updated_at = now
    return changed
