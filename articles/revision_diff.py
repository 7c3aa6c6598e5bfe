"""A readable comparison of two saved versions of an article: title, body text and the other fields.

Bodies are compared as text blocks (one per paragraph, heading, list item or table cell), and a
changed block shows its changed words, so a one-word edit in a long article is easy to find.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Article, Category, Platform, Service

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|td|th|tr|pre|blockquote|figcaption|div)>|<br\s*/?>", re.IGNORECASE)
_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"\s+|[^\s]+")

SIMILAR = 0.5
FIELD_LABELS = {
    "service": "서비스", "category": "카테고리", "platform": "플랫폼", "status": "상태",
    "published_at": "게시 시각", "tags": "키워드", "question_key": "질문 키", "external_id": "외부 ID",
}


def body_blocks(html: str) -> list[str]:
    """The visible text of a body, one entry per block; images appear as [이미지: src]."""
    text = _IMAGE.sub(lambda match: f"[이미지: {match.group(1)}]\n", html or "")
    text = _BLOCK_END.sub("\n", text)
    text = unescape(_TAG.sub("", text))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    before, after = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(old_words[a1:a2])), escape("".join(new_words[b1:b2]))
        if op == "equal":
            before.append(old_part)
            after.append(new_part)
            continue
        if old_part:
            before.append(f"<del>{old_part}</del>")
        if new_part:
            after.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 - every part escaped above


@dataclass
class BodyRow:
    kind: str  # equal, changed, removed, added
    before: SafeString | str = ""
    after: SafeString | str = ""


@dataclass
class RevisionDiff:
    title: tuple[SafeString, SafeString] | None
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, before, after)
    body: list[BodyRow] = field(default_factory=list)

    @property
    def body_changed(self) -> bool:
        return any(row.kind != "equal" for row in self.body)


def _names(model, pk) -> str:
    return str(model.objects.filter(pk=pk).values_list("name", flat=True).first() or pk or "-")


def _field_value(name: str, values: dict) -> str:
    value = values.get(name)
    if name in ("service", "category", "platform") and value is not None:
        return _names({"service": Service, "category": Category, "platform": Platform}[name], value)
    if value in (None, ""):
        return "-"
    if name == "status" and value in Article.Status.values:
        return str(Article.Status(value).label)
    return str(value)


def compare_versions(old: dict, new: dict) -> RevisionDiff:
    """Compare two reversion `field_dict`s (older first)."""
    title = None
    if old.get("title") != new.get("title"):
        title = _word_diff(old.get("title", ""), new.get("title", ""))
    fields = []
    for name, label in FIELD_LABELS.items():
        key = name if name in old or name in new else f"{name}_id"
        before, after = _field_value(name, {name: old.get(key)}), _field_value(name, {name: new.get(key)})
        if before != after:
            fields.append((label, before, after))
    old_blocks, new_blocks = body_blocks(old.get("body", "")), body_blocks(new.get("body", ""))
    rows = []
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows += [BodyRow("equal", block, block) for block in old_blocks[a1:a2]]
            continue
        pairs = list(zip(old_blocks[a1:a2], new_blocks[b1:b2], strict=False))
        for before, after in pairs:
            # An edited block shows its changed words; an unrelated one is a removal plus an addition.
            if difflib.SequenceMatcher(None, before, after, autojunk=False).ratio() >= SIMILAR:
                rows.append(BodyRow("changed", *_word_diff(before, after)))
            else:
                rows += [BodyRow("removed", before, ""), BodyRow("added", "", after)]
        rows += [BodyRow("removed", before, "") for before in old_blocks[a1 + len(pairs):a2]]
        rows += [BodyRow("added", "", after) for after in new_blocks[b1 + len(pairs):b2]]
    return RevisionDiff(title=title, fields=fields, body=rows)

