"""Reading import files: JSON arrays, JSON Lines and CSV (UTF-8, BOM or not) into raw records.

Parsers yield (position, unit, raw record) and report file-level problems with their line.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


@dataclass(frozen=True)
class RecordError:
    source: str
    position: int  # line number (unit "line") or 0-based array index (unit "index"); 0 for the whole file
    unit: str
    reason: str

    def __str__(self) -> str:
        where = {"line": f"{self.position}번째 줄", "index": f"항목 [{self.position}]"}.get(self.unit)
        text = f"{self.source}: {where}: {self.reason}" if where else f"{self.source}: {self.reason}"
        return printable(text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Lone surrogates (JSON's "\\ud800") are not text: no encoder, database or sanitiser accepts them."""
    return bool(_SURROGATES.search(text))


def printable(text: str) -> str:
    """`text` with lone surrogates shown as U+FFFD, so an error message can always be printed."""
    return _SURROGATES.sub("\ufffd", text)


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


def detect_format(name: str, fmt: str | None = None) -> str:
    fmt = (fmt or Path(name).suffix.lstrip(".")).lower()
    fmt = {"ndjson": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise ImportInvalid([RecordError(name, 0, "file", f"형식을 알 수 없습니다: json, jsonl, csv 중 하나를 지정하세요 ({fmt or '확장자 없음'}).")])
    return fmt



Report = Callable[[int, str, str], None]  # (position, unit, reason)

# Spreadsheets run a cell starting with = + - @ (or tab/CR before one) as a formula. CSV exports put
# an apostrophe in front of such a cell (OWASP's advice), and of a cell already starting with one, so
# that importing removes exactly one apostrophe wherever one is followed by these characters:
# export → import → export is byte-identical, and a title such as "-20% 할인" keeps its dash.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restore_cell(value: str) -> str:
    """Undo `neutralise_cell` exactly."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


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
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report(number, "line", f"JSON 형식 오류: {exc.msg} ({exc.colno}번째 글자)")
            continue
        except (RecursionError, ValueError) as exc:
            report(number, "line", _unreadable_json(exc))
            continue
        yield number, "line", record


def _unreadable_json(exc: BaseException) -> str:
    # json.loads recurses once per "[" or "{", and refuses integers of more than 4,300 digits.
    if isinstance(exc, RecursionError):
        return "JSON 중첩이 너무 깊습니다. 문서는 한 단계의 객체여야 합니다."
    return f"JSON 값을 읽을 수 없습니다: {printable(str(exc))[:120]}"


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
    except (RecursionError, ValueError) as exc:
        report(1, "line", _unreadable_json(exc))
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
                    yield start, "line", dict(zip(header, map(restore_cell, row), strict=True))
                else:
                    report(start, "line", f"열 개수({len(row)})가 머리글({len(header)})과 다릅니다.")
            start = reader.line_num + 1
    except StopIteration:
        report(1, "line", "빈 파일입니다. 첫 행은 머리글이어야 합니다.")
    except csv.Error as exc:
        report(reader.line_num, "line", f"CSV 형식 오류: {exc}")


PARSERS = {"json": _parse_json, "jsonl": _parse_jsonl, "csv": _parse_csv}
