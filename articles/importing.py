"""Bulk import of articles, shared by `import_articles`, `load_demo` and the admin upload.

parse → validate every record of every file → write each file in one transaction, in batches.
The file is read twice (validate, then write) instead of being held in memory, so 100,000
records stay well under a few hundred megabytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from .models import Article, Category, Platform, Service, make_slug, split_tags
from .roles import can_publish
from .sanitize import sanitize_html, strip_control_chars
from .search import index as search_index

FORMATS = ("json", "jsonl", "csv")
FIELDS = (
    "external_id", "service", "category", "platform", "title", "body",
    "status", "published_at", "tags", "question_key",
)
REQUIRED = ("service", "category", "platform", "title", "body")
MAX_LENGTHS = {
    "external_id": 100, "service": 100, "category": 100, "platform": 100,
    "title": 200, "body": 200_000, "status": 20, "tags": 500, "question_key": 100,
}
BATCH_SIZE = 1000
SEOUL = ZoneInfo("Asia/Seoul")
# Records without external_id get uuid5(service, category, platform, title), so the same file
# imported into two databases gives the same ids and later exports can be exchanged.
DERIVED_ID_NAMESPACE = uuid.UUID("6f0c5b8e-2d7a-4c1e-9a43-5e1f0b7d2c10")
LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?/?>")
BLANK_LINES = re.compile(r"\n\s*\n")
_WRITTEN_FIELDS = [
    "service_id", "category_id", "platform_id", "title", "body", "status", "published_at", "tags", "question_key",
]


@dataclass(frozen=True)
class RecordError:
    source: str
    position: int  # line number (unit "line") or 0-based array index (unit "index"); 0 for the whole file
    unit: str
    reason: str

    def __str__(self) -> str:
        where = {"line": f"{self.position}번째 줄", "index": f"항목 [{self.position}]"}.get(self.unit)
        return f"{self.source}: {where}: {self.reason}" if where else f"{self.source}: {self.reason}"


class ImportInvalid(Exception):
    """The files hold bad records; nothing was written. `errors` lists every one of them."""

    def __init__(self, errors: list[RecordError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass(frozen=True)
class ImportSource:
    name: str  # shown in errors; its extension picks the format
    data: Path | bytes

    @classmethod
    def from_path(cls, path: str | Path) -> ImportSource:
        return cls(name=str(path), data=Path(path))

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data) if isinstance(self.data, bytes) else open(self.data, "rb")  # noqa: SIM115


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


@dataclass
class ImportRecord:
    position: int
    external_id: str
    has_external_id: bool
    service: str
    category: str
    platform: str
    title: str
    body: str
    status: str
    published_at: datetime | None
    tags: str
    question_key: str


def detect_format(name: str, fmt: str | None = None) -> str:
    fmt = (fmt or Path(name).suffix.lstrip(".")).lower()
    fmt = {"ndjson": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ImportInvalid([RecordError(name, 0, "file", f"형식을 알 수 없습니다: json, jsonl, csv 중 하나를 지정하세요 ({fmt or '확장자 없음'}).")])
    return fmt


def plain_text_to_html(text: str) -> str:
    """Paragraphs from blank lines, single newlines kept as <br>; everything escaped."""
    paragraphs = [p.strip() for p in BLANK_LINES.split(text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


def body_to_html(body: str) -> str:
    """Imported bodies are HTML or plain text; either way the stored result is sanitised like an admin edit."""
    return sanitize_html(body if LOOKS_LIKE_HTML.search(body) else plain_text_to_html(body))


def derived_external_id(service: str, category: str, platform: str, title: str) -> str:
    return uuid.uuid5(DERIVED_ID_NAMESPACE, "\x1f".join((service, category, platform, title))).hex


def parse_published_at(value: str) -> datetime:
    """ISO 8601; a time without offset is Korean time."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    return parsed.replace(tzinfo=SEOUL) if timezone.is_naive(parsed) else parsed


# --- parsing: yield (position, unit, raw record); report file-level problems -----------------------

Report = Callable[[int, str, str], None]  # (position, unit, reason)


def _decoded_lines(stream: BinaryIO, report: Report) -> Iterator[str]:
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            report(number, "line", f"UTF-8 텍스트가 아닙니다({exc.start + 1}번째 바이트). 파일을 UTF-8로 저장하세요.")
            yield raw.decode("utf-8", "replace")


def _parse_jsonl(stream: BinaryIO, report: Report) -> Iterator[tuple[int, str, object]]:
    for number, line in enumerate(_decoded_lines(stream, report), 1):
        if not line.strip():
            continue
        try:
            yield number, "line", json.loads(line)
        except json.JSONDecodeError as exc:
            report(number, "line", f"JSON 형식 오류: {exc.msg} ({exc.colno}번째 글자)")


def _parse_json(stream: BinaryIO, report: Report) -> Iterator[tuple[int, str, object]]:
    data = stream.read()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report(line, "line", f"UTF-8 텍스트가 아닙니다({exc.start + 1}번째 바이트). 파일을 UTF-8로 저장하세요.")
        return
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        report(exc.lineno, "line", f"JSON 형식 오류: {exc.msg} ({exc.colno}번째 글자)")
        return
    if not isinstance(records, list):
        report(1, "line", "JSON 파일은 문서 객체의 배열([...])이어야 합니다.")
        return
    for index, record in enumerate(records):
        yield index, "index", record


def _parse_csv(stream: BinaryIO, report: Report) -> Iterator[tuple[int, str, object]]:
    # Bodies may legitimately exceed csv's default 128 KiB field limit; our own limit is checked later.
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_LENGTHS["body"]))
    reader = csv.reader(_decoded_lines(stream, report))
    try:
        header = [name.strip() for name in next(reader)]
        unknown = [name for name in header if name not in FIELDS]
        missing = [name for name in REQUIRED if name not in header]
        duplicated = sorted({name for name in header if header.count(name) > 1})
        problems = []
        if missing:
            problems.append(f"필수 열 없음: {', '.join(missing)}")
        if unknown:
            problems.append(f"알 수 없는 열: {', '.join(unknown)}")
        if duplicated:
            problems.append(f"중복된 열: {', '.join(duplicated)}")
        if problems:
            report(1, "line", f"머리글 행이 잘못되었습니다({'; '.join(problems)}). 사용할 수 있는 열: {', '.join(FIELDS)}")
            return
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) == len(header):
                    yield start, "line", dict(zip(header, row, strict=True))
                else:
                    report(start, "line", f"열 개수({len(row)})가 머리글({len(header)})과 다릅니다.")
            start = reader.line_num + 1
    except StopIteration:
        report(1, "line", "빈 파일입니다. 첫 행은 머리글이어야 합니다.")
    except csv.Error as exc:
        report(reader.line_num, "line", f"CSV 형식 오류: {exc}")


_PARSERS = {"json": _parse_json, "jsonl": _parse_jsonl, "csv": _parse_csv}


# --- validation of one record ------------------------------------------------------------------------

def clean_record(raw: object, position: int) -> tuple[ImportRecord | None, list[str]]:
    """Normalise one raw record the way Article.save() would; return the record or every reason it is bad."""
    if not isinstance(raw, dict):
        return None, ["문서는 JSON 객체({...})여야 합니다."]
    reasons = []
    unknown = sorted(str(key) for key in raw if key not in FIELDS)
    if unknown:
        reasons.append(f"알 수 없는 필드: {', '.join(unknown)}")

    def text(name: str) -> str:
        value = raw.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            reasons.append(f"'{name}'은(는) 문자열이어야 합니다.")
            return ""
        value = strip_control_chars(value).strip()
        if len(value) > MAX_LENGTHS[name]:
            reasons.append(f"'{name}'이(가) 너무 깁니다({len(value):,}자, 최대 {MAX_LENGTHS[name]:,}자).")
            return ""
        if not value and name in REQUIRED:
            reasons.append(f"필수 필드 '{name}'이(가) 없거나 비어 있습니다.")
        return value

    values = {
        name: text(name)
        for name in ("external_id", "service", "category", "platform", "title", "body", "status", "question_key")
    }
    body = body_to_html(values["body"]) if values["body"] else ""
    if values["body"] and not body:
        reasons.append("본문에 허용된 내용이 없습니다(스크립트 등 위험한 내용만 있음).")
    status = values["status"] or Article.Status.PUBLISHED
    if status not in Article.Status.values:
        reasons.append(f"알 수 없는 상태 '{status}': {', '.join(Article.Status.values)} 중 하나여야 합니다.")
    published_at = None
    raw_published = raw.get("published_at")
    if isinstance(raw_published, str) and raw_published.strip():
        try:
            published_at = parse_published_at(raw_published.strip())
        except ValueError:
            reasons.append(f"게시 시각 '{raw_published[:40]}'을(를) ISO 8601 날짜로 읽을 수 없습니다(예: 2024-03-01T09:00:00+09:00).")
    elif raw_published not in (None, ""):
        reasons.append("'published_at'은(는) ISO 8601 문자열이어야 합니다.")
    raw_tags = raw.get("tags")
    if isinstance(raw_tags, list) and all(isinstance(tag, str) for tag in raw_tags):
        raw_tags = ",".join(raw_tags)
    if raw_tags is not None and not isinstance(raw_tags, str):
        reasons.append("'tags'는 문자열 목록이나 쉼표로 구분한 문자열이어야 합니다.")
        raw_tags = ""
    tags = ", ".join(split_tags(raw_tags or ""))
    if len(tags) > MAX_LENGTHS["tags"]:
        reasons.append(f"'tags'가 너무 깁니다({len(tags)}자, 최대 {MAX_LENGTHS['tags']}자).")
    if values["question_key"]:
        try:
            validate_unicode_slug(values["question_key"])
        except ValidationError:
            reasons.append("'question_key'에는 글자, 숫자, 하이픈(-), 밑줄(_)만 쓸 수 있습니다.")
    if reasons:
        return None, reasons
    return ImportRecord(
        position=position,
        external_id=values["external_id"]
        or derived_external_id(values["service"], values["category"], values["platform"], values["title"]),
        has_external_id=bool(values["external_id"]),
        service=values["service"],
        category=values["category"],
        platform=values["platform"],
        title=values["title"],
        body=body,
        status=status,
        published_at=published_at,
        tags=tags,
        question_key=values["question_key"],
    ), []


def _scan(source: ImportSource, fmt: str, errors: list[RecordError]) -> Iterator[tuple[ImportRecord | None, str, list[str]]]:
    """Every record of one file as (record or None, unit, reasons); file-level problems go to `errors`."""

    def report(position: int, unit: str, reason: str) -> None:
        errors.append(RecordError(source.name, position, unit, reason))

    with source.open() as stream:
        for position, unit, raw in _PARSERS[fmt](stream, report):
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
    changed_ids = [article.pk for article in to_create] + [article.pk for article in to_update]
    if changed_ids:
        search_index.reindex(changed_ids)


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
