"""Malformed import files are errors with a position, never a traceback, and nothing is written."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.importing import ImportInvalid, ImportSource, import_articles
from articles.models import Article

pytestmark = pytest.mark.django_db

GOOD = {
    "service": "카카오톡", "category": "가입/변경/탈퇴", "platform": "공통",
    "title": "카카오계정 비밀번호를 잊어버렸어요", "body": "로그인 화면에서 비밀번호 재설정을 눌러 주세요.",
}


def errors_of(data: bytes, name: str) -> list[str]:
    with pytest.raises(ImportInvalid) as caught:
        import_articles(sources=[ImportSource(name=name, data=data)])
    assert not Article.objects.exists()
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("field", ["title", "body", "service", "category", "platform", "external_id", "question_key", "published_at"])
def test_a_lone_surrogate_in_any_field_is_a_record_error(field):
    line = json.dumps({**GOOD, field: "비밀번호\ud800 재설정"})  # ensure_ascii writes it as \\ud800
    errors = errors_of((json.dumps(GOOD) + "\n" + line + "\n").encode(), "articles.jsonl")
    assert len(errors) == 1
    assert "2번째 줄" in errors[0] and f"'{field}'" in errors[0] and "서로게이트" in errors[0]
    errors[0].encode("utf-8")  # printable: the surrogate itself never reaches the message


def test_a_lone_surrogate_in_a_tag_list_and_a_field_name():
    record = {**GOOD, "tags": ["비밀번호", "\udfff"], "\ud800이상한 필드": "x"}
    errors = errors_of(json.dumps([record]).encode(), "articles.json")
    assert any("항목 [0]" in e and "'tags'" in e for e in errors)
    assert any("알 수 없는 필드" in e for e in errors)
    for error in errors:
        error.encode("utf-8")


@pytest.mark.parametrize("name", ["articles.json", "articles.jsonl"])
def test_deeply_nested_json_is_a_file_error(name):
    errors = errors_of(b"[" * 100_000, name)
    assert errors == [f"{name}: 1번째 줄: JSON 중첩이 너무 깊습니다. 문서는 한 단계의 객체여야 합니다."]


def test_deep_nesting_inside_one_record_is_that_records_error():
    nested = '{"service": "카카오톡", "title": ' + "[" * 50_000 + "]" * 50_000 + "}"
    errors = errors_of((json.dumps(GOOD) + "\n" + nested + "\n").encode(), "articles.jsonl")
    assert len(errors) == 1 and "2번째 줄" in errors[0] and "중첩" in errors[0]


def test_a_huge_integer_is_an_error_not_a_crash():
    errors = errors_of(('{"title": ' + "9" * 5000 + "}\n").encode(), "articles.jsonl")
    assert len(errors) == 1 and "1번째 줄" in errors[0]


@pytest.mark.parametrize("name", ["articles.json", "articles.jsonl", "articles.csv"])
def test_invalid_utf8_is_reported_with_its_line(name):
    if name.endswith(".csv"):
        data = "service,category,platform,title,body\n카카오톡,가입,공통,제목,본문\n".encode() + b"\xff\xfe,a,b,c,d\n"
        line = "3번째 줄"
    elif name.endswith(".jsonl"):
        data = (json.dumps(GOOD) + "\n").encode() + b'{"title": "\xc3\x28"}\n'
        line = "2번째 줄"
    else:
        data = b'[\n{"title": "\xed\xa0\x80"}]'  # an encoded surrogate: not valid UTF-8 either
        line = "2번째 줄"
    errors = errors_of(data, name)
    assert any(line in e and "UTF-8" in e for e in errors)


@pytest.mark.parametrize(
    "fields",
    [{"title": 12}, {"body": ["본문"]}, {"tags": {"a": 1}}, {"published_at": 20240301}, {"status": None, "title": None}],
)
def test_wrong_types_are_record_errors(fields):
    errors = errors_of(json.dumps([{**GOOD, **fields}]).encode(), "articles.json")
    assert errors and all("항목 [0]" in e for e in errors)


def test_huge_fields_are_record_errors():
    errors = errors_of(json.dumps([{**GOOD, "title": "가" * 10_000, "body": "나" * 300_000}]).encode(), "articles.json")
    assert any("'title'" in e and "너무 깁니다" in e for e in errors)
    assert any("'body'" in e and "너무 깁니다" in e for e in errors)


def test_the_command_reports_malformed_files_without_a_traceback(tmp_path):
    surrogate = tmp_path / "surrogate.jsonl"
    surrogate.write_text(json.dumps({**GOOD, "title": "\ud800"}) + "\n")
    nested = tmp_path / "nested.json"
    nested.write_bytes(b"[" * 100_000)
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", str(surrogate), str(nested), stdout=StringIO(), stderr=StringIO())
    message = str(caught.value)
    message.encode("utf-8")
    assert "surrogate.jsonl: 1번째 줄" in message and "nested.json: 1번째 줄" in message
    assert not Article.objects.exists()
