"""export_articles writes the import format; export → import into an empty database → export is identical."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.importing import ImportSource, import_articles
from articles.models import Article, Category, Platform, Service

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SAMPLES = [ImportSource.from_path(DATA / name) for name in ("articles.jsonl", "articles.json", "articles.csv")]


def export(fmt: str) -> str:
    out = StringIO()
    call_command("export_articles", "--format", fmt, stdout=out)
    return out.getvalue()


def empty_database() -> None:
    Article.objects.all().delete()
    Category.objects.all().delete()
    Service.objects.all().delete()
    Platform.objects.all().delete()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_import_export_is_byte_identical(fmt, tmp_path):
    import_articles(sources=SAMPLES)
    first = export(fmt)
    exported = tmp_path / f"help-center.{fmt}"
    exported.write_text(first, encoding="utf-8")

    empty_database()
    summary = import_articles(sources=[ImportSource.from_path(exported)])

    assert summary.created == 7
    assert export(fmt) == first


def test_jsonl_export_is_the_import_format_in_a_fixed_order():
    import_articles(sources=SAMPLES)

    records = [json.loads(line) for line in export("jsonl").splitlines()]

    assert [(r["service"], r["category"], r["platform"]) for r in records][:2] == [
        ("다음 메일", "계정/보안", "PC"),
        ("다음 메일", "메일 백업", "PC"),
    ]
    ios = next(r for r in records if r["external_id"] == "kt-withdraw-ios")
    assert list(ios) == [
        "external_id", "service", "category", "platform", "title", "body",
        "status", "published_at", "tags", "question_key",
    ]
    assert ios["published_at"] == "2024-03-01T09:00:00+09:00"
    assert ios["tags"] == ["탈퇴", "계정 삭제"]
    draft = next(r for r in records if r["status"] == "draft" and r["platform"] == "공통")
    assert draft["published_at"] is None


def test_csv_export_has_header_and_comma_separated_tags():
    import_articles(sources=SAMPLES)

    lines = export("csv").splitlines()

    assert lines[0] == "external_id,service,category,platform,title,body,status,published_at,tags,question_key"
    assert any(line.endswith(',"백업, 대화 복원",chat-backup') for line in lines)


def test_empty_database_exports_valid_empty_files():
    assert json.loads(export("json")) == []
    assert export("jsonl") == ""
    assert export("csv").strip().startswith("external_id,")


def test_plain_text_body_written_in_the_admin_survives_the_round_trip(tmp_path):
    service = Service.objects.create(name="카카오페이")
    Article.objects.create(
        service=service,
        category=Category.objects.create(service=service, name="결제/환불"),
        platform=Platform.objects.create(name="공통"),
        title="환불은 언제 되나요?",
        body="결제 취소 후 3~5영업일 안에 환불됩니다.\n\n카드사 사정에 따라 늦어질 수 있습니다 & 문의는 고객센터로.",
        status=Article.Status.PUBLISHED,
    )
    first = export("jsonl")
    assert json.loads(first)["body"].startswith("<p>결제 취소 후")
    exported = tmp_path / "pay.jsonl"
    exported.write_text(first, encoding="utf-8")

    empty_database()
    import_articles(sources=[ImportSource.from_path(exported)])

    assert export("jsonl") == first


def test_export_command_writes_a_file(tmp_path):
    import_articles(sources=SAMPLES)
    target = tmp_path / "backup.jsonl"

    call_command("export_articles", "--output", str(target), stderr=StringIO())

    assert target.read_text(encoding="utf-8") == export("jsonl")
    assert len(target.read_text(encoding="utf-8").splitlines()) == 7


FORMULA_TITLES = [
    '=HYPERLINK("http://evil.example","클릭")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-20% 할인 쿠폰은 어떻게 쓰나요",  # a real title that starts with a dash
    "=은 계산기에서 어떻게 입력하나요",
    "'작은따옴표'로 시작하는 제목",
]


def csv_cells(text: str) -> list[list[str]]:
    import csv

    return list(csv.reader(StringIO(text)))


def test_csv_export_neutralises_formulas_and_the_round_trip_stays_exact(make_article, tmp_path):
    for title in FORMULA_TITLES:
        make_article(title, tags="-광고, @멘션, 쿠폰")
    first = export("csv")
    rows = csv_cells(first)
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert sorted(titles) == sorted("'" + t for t in FORMULA_TITLES)  # every one starts with ' in the sheet
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)

    exported = tmp_path / "help-center.csv"
    exported.write_text(first, encoding="utf-8")
    empty_database()
    import_articles(sources=[ImportSource.from_path(exported)])
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(FORMULA_TITLES)
    assert set(Article.objects.values_list("tags", flat=True)) == {"-광고, @멘션, 쿠폰"}
    assert export("csv") == first


def test_importer_removes_exactly_the_apostrophe_the_exporter_adds():
    from articles.importing.formats import neutralise_cell, restore_cell

    for value in ["=1+1", "-20% 할인", "'인용", "''두 개", "평범한 제목", "'", "", "\t=탭"]:
        assert restore_cell(neutralise_cell(value)) == value
    assert restore_cell("'=1+1") == "=1+1"
    assert restore_cell("'평범한 따옴표") == "'평범한 따옴표"  # not the exporter's doing: kept
    header = "service,category,platform,title,body\n"
    data = (header + "카카오톡,결제,공통,'-20% 할인 쿠폰,'평범한 본문\n").encode()
    import_articles(sources=[ImportSource(name="hand-written.csv", data=data)])
    article = Article.objects.get()
    assert article.title == "-20% 할인 쿠폰"
    assert article.body == "<p>'평범한 본문</p>"


IMAGE_BODY = (
    "<h3>프로필 사진 바꾸기</h3><p>프로필 화면에서 사진을 누릅니다.</p>"
    '<img src="/media/images/2026/11/0123456789abcdef0123456789abcdef.png" alt="프로필 화면의 &quot;사진 변경&quot; 단추" width="800" height="450">'
    '<p>새 사진을 고르면 끝납니다.</p><img src="/media/images/2026/11/fedcba9876543210fedcba9876543210.webp" alt="사진 고르기 화면" width="1600" height="900">'
)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_image_references_survive_export_and_import(fmt, tmp_path):
    service = Service.objects.create(name="토크톡")
    Article.objects.create(
        service=service,
        category=Category.objects.create(service=service, name="프로필"),
        platform=Platform.objects.create(name="공통"),
        title="프로필 사진은 어떻게 바꾸나요?",
        body=IMAGE_BODY,
        status=Article.Status.PUBLISHED,
    )
    assert Article.objects.get().body == IMAGE_BODY
    first = export(fmt)
    exported = tmp_path / f"profile.{fmt}"
    exported.write_text(first, encoding="utf-8")

    empty_database()
    import_articles(sources=[ImportSource.from_path(exported)])

    assert Article.objects.get().body == IMAGE_BODY
    assert export(fmt) == first
