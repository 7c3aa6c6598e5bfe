"""One import record: validated and normalised the way Article.save() would store it."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils import timezone
from django.utils.html import escape

from ..models import Article, split_tags
from ..sanitize import images_without_alt, sanitize_html, strip_control_chars
from .formats import FIELDS, MAX_LENGTHS, REQUIRED, has_surrogates, printable

SEOUL = ZoneInfo("Asia/Seoul")
# Records without external_id get uuid5(service, category, platform, title), so the same file
# imported into two databases gives the same ids and later exports can be exchanged.
DERIVED_ID_NAMESPACE = uuid.UUID("6f0c5b8e-2d7a-4c1e-9a43-5e1f0b7d2c10")
LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?/?>")
BLANK_LINES = re.compile(r"\n\s*\n")


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


def _holds_surrogates(value: object) -> bool:
    if isinstance(value, str):
        return has_surrogates(value)
    return isinstance(value, list) and any(isinstance(item, str) and has_surrogates(item) for item in value)


def clean_record(raw: object, position: int) -> tuple[ImportRecord | None, list[str]]:
    """Normalise one raw record the way Article.save() would; return the record or every reason it is bad."""
    if not isinstance(raw, dict):
        return None, ["문서는 JSON 객체({...})여야 합니다."]
    reasons = []
    unknown = sorted(printable(str(key))[:50] for key in raw if key not in FIELDS)
    if unknown:
        reasons.append(f"알 수 없는 필드: {', '.join(unknown[:20])}")
    broken = [name for name in FIELDS if _holds_surrogates(raw.get(name))]
    if broken:
        # Checked first: the sanitiser, uuid5 and the database would each fail on them.
        return None, reasons + [
            f"'{name}'에 잘못된 유니코드 문자(짝이 없는 서로게이트)가 있습니다. 파일을 UTF-8로 다시 저장하세요."
            for name in broken
        ]

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
    if missing_alt := images_without_alt(body):
        reasons.append(f"본문의 이미지 {len(missing_alt)}개에 대체 텍스트(alt)가 없습니다: {', '.join(missing_alt[:3])}")
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
