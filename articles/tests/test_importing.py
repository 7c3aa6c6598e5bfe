"""The import workflow and the import_articles / load_demo commands."""

import json
import shutil
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import importing
from articles.importing import ImportInvalid, ImportSource, derived_external_id, import_articles
from articles.models import Article, Category, Platform, Service
from articles.roles import EDITORS, PUBLISHERS
from articles.signals import articles_changed
from articles.tests.factories import make_staff as staff

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SEOUL = ZoneInfo("Asia/Seoul")


def run(content: str | bytes, name: str = "articles.jsonl", **options):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return import_articles(sources=[ImportSource(name=name, data=data)], **options)


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def record(**fields) -> dict:
    return {
        "service": "카카오톡",
        "category": "가입/변경/탈퇴",
        "platform": "공통",
        "title": "카카오계정 비밀번호를 잊어버렸어요",
        "body": "<p>로그인 화면에서 <strong>비밀번호 찾기</strong>를 누르세요.</p>",
        **fields,
    }


def snapshot() -> list:
    """Everything an import could change."""
    return [
        list(Article.objects.order_by("pk").values()),
        list(Service.objects.order_by("pk").values()),
        list(Category.objects.order_by("pk").values()),
        list(Platform.objects.order_by("pk").values()),
    ]


@pytest.fixture
def existing():
    """A small help center already in the database."""
    service = Service.objects.create(name="카카오톡")
    category = Category.objects.create(service=service, name="가입/변경/탈퇴")
    Service.objects.create(name="다음 메일")
    platform = Platform.objects.create(name="공통")
    return Article.objects.create(
        service=service, category=category, platform=platform, external_id="kt-old",
        title="카카오톡 탈퇴 전에 확인할 내용", body="<p>탈퇴하면 대화내용이 모두 삭제됩니다.</p>",
        status=Article.Status.PUBLISHED,
    )


# --- each format -----------------------------------------------------------------------------------

def test_jsonl_import_creates_articles_and_taxonomy():
    summary = import_articles(sources=[ImportSource.from_path(DATA / "articles.jsonl")])

    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    assert summary.services_created == ["카카오톡"]
    assert summary.categories_created == ["카카오톡 > 가입/변경/탈퇴", "카카오톡 > 신고/이용제한/정책"]
    assert summary.platforms_created == ["안드로이드", "iOS", "공통"]
    android = Article.objects.get(external_id="kt-withdraw-android")
    assert android.category.service.name == "카카오톡"
    assert android.published_at == datetime(2024, 3, 1, 9, 0, tzinfo=SEOUL)
    assert android.tag_list == ["탈퇴", "계정 삭제"]
    assert android.question_key == "kakaotalk-withdraw"
    ios = Article.objects.get(external_id="kt-withdraw-ios")
    # Plain text becomes escaped paragraphs; a naive time is Korean time.
    assert ios.body == (
        "<p>더보기 &gt; 설정 &gt; 개인/보안 &gt; 카카오계정에서 탈퇴할 수 있습니다.</p>"
        "<p>탈퇴 후에는 같은 전화번호로 7일 동안 다시 가입할 수 없습니다.</p>"
    )
    assert ios.status == Article.Status.PUBLISHED  # the default
    assert ios.published_at == datetime(2024, 3, 1, 9, 0, tzinfo=SEOUL)
    draft = Article.objects.get(title="이용제한 해제 요청은 어디서 하나요?")
    assert draft.status == Article.Status.DRAFT and draft.published_at is None
    assert draft.external_id == derived_external_id("카카오톡", "신고/이용제한/정책", "공통", draft.title)


def test_json_array_import():
    summary = import_articles(sources=[ImportSource.from_path(DATA / "articles.json")])

    assert summary.created == 2
    backup = Article.objects.get(external_id="mail-backup")
    assert backup.status == Article.Status.ARCHIVED
    assert backup.published_at == datetime(2023, 12, 1, 9, 0, tzinfo=SEOUL)  # "Z" is UTC
    assert backup.tags == ""
    assert Article.objects.get(external_id="mail-password").body.startswith("<h3>비밀번호 재설정</h3><ol>")


def test_csv_with_bom_and_multiline_body():
    assert (DATA / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    summary = import_articles(sources=[ImportSource.from_path(DATA / "articles.csv")])

    assert summary.created == 2
    android = Article.objects.get(external_id="chat-backup-android")
    assert android.platform.name == "안드로이드 (원스토어)"
    assert android.body == (
        "<p>채팅 &gt; 설정 &gt; 대화 백업에서 백업할 수 있습니다.</p><p>백업 비밀번호는 복원할 때 꼭 필요하니 잊지 마세요.</p>"
    )
    assert android.tag_list == ["백업", "대화 복원"]
    pc = Article.objects.get(external_id="chat-backup-pc")
    assert pc.status == Article.Status.DRAFT and pc.published_at is None


def test_explicit_format_overrides_extension():
    summary = run(jsonl(record()), name="export.txt", fmt="jsonl")
    assert summary.created == 1


def test_published_without_time_gets_now():
    before = timezone.now()
    run(jsonl(record()))
    assert Article.objects.get().published_at >= before


# --- idempotence and updates ------------------------------------------------------------------------------

def test_reimporting_the_same_files_changes_nothing():
    files = [ImportSource.from_path(DATA / name) for name in ("articles.jsonl", "articles.json", "articles.csv")]
    import_articles(sources=files)
    before = snapshot()

    summary = import_articles(sources=files)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 7)
    assert summary.services_created == summary.categories_created == summary.platforms_created == []
    assert snapshot() == before


def test_changed_record_updates_by_external_id(existing):
    run(jsonl(record(external_id="kt-old", title="카카오톡 탈퇴 전에 꼭 확인하세요", status="draft")))

    existing.refresh_from_db()
    assert existing.title == "카카오톡 탈퇴 전에 꼭 확인하세요"
    assert existing.status == Article.Status.DRAFT
    assert existing.version == 2
    assert existing.published_at is not None  # not given: kept
    assert Article.objects.count() == 1


def test_record_without_external_id_matches_article_by_place_and_title(existing):
    summary = run(jsonl(record(title=existing.title, body="<p>탈퇴하면 대화내용과 사진이 모두 삭제됩니다.</p>")))

    assert (summary.created, summary.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.external_id == "kt-old"
    assert "사진" in existing.body


@pytest.fixture
def changed_calls():
    """Article ids the importer announces as changed (what the search index picks up)."""
    calls = []

    def receiver(sender, article_ids, **kwargs):
        calls.append(sorted(article_ids))

    articles_changed.connect(receiver, dispatch_uid="test_changed_calls")
    yield calls
    articles_changed.disconnect(dispatch_uid="test_changed_calls")


def test_created_and_updated_ids_are_announced_once(existing, changed_calls):
    calls = changed_calls

    run(jsonl(record(external_id="kt-old", title="바뀐 제목"), record(title="새 문서")))

    new = Article.objects.get(title="새 문서")
    assert calls == [sorted([existing.pk, new.pk])]


def test_large_import_is_batched(monkeypatch):
    records = [record(title=f"대화방 {n}번 문의 안내", external_id=f"bulk-{n}") for n in range(25)]
    batches = []
    original = importing._write_batch
    monkeypatch.setattr(importing, "_write_batch", lambda batch, context: (batches.append(len(batch)), original(batch, context)))

    summary = run(jsonl(*records), batch_size=10)

    assert batches == [10, 10, 5]
    assert summary.created == 25 == Article.objects.count()


# --- bad records: every error with its position, nothing written -------------------------------------------

BAD_INPUTS = [
    pytest.param(
        "articles.jsonl", jsonl(record(), {k: v for k, v in record().items() if k != "title"}),
        [(2, "line", "필수 필드 'title'")], id="missing-field",
    ),
    pytest.param("articles.jsonl", jsonl(record(status="hidden")), [(1, "line", "알 수 없는 상태 'hidden'")], id="unknown-status"),
    pytest.param(
        "articles.json", json.dumps([record(), record(title="다른 질문", published_at="2024-13-45")], ensure_ascii=False),
        [(1, "index", "게시 시각 '2024-13-45'")], id="bad-date",
    ),
    pytest.param(
        "articles.jsonl", jsonl(record()) + '{"title": "깨진 줄", \n', [(2, "line", "JSON 형식 오류")], id="broken-jsonl",
    ),
    pytest.param("articles.json", '[\n  {"title": "괄호가 닫히지 않음"\n', [(3, "line", "JSON 형식 오류")], id="broken-json"),
    pytest.param("articles.json", '{"title": "배열이 아님"}', [(1, "line", "배열")], id="json-not-array"),
    pytest.param(
        "articles.csv", "service,category,platform,titel,body\n카카오톡,가입/변경/탈퇴,공통,제목,본문\n",
        [(1, "line", "필수 열 없음: title; 알 수 없는 열: titel")], id="wrong-csv-header",
    ),
    pytest.param(
        "articles.csv",
        "service,category,platform,title,body\n카카오톡,가입/변경/탈퇴,공통,제목,본문\n".encode()
        + "카카오톡,가입/변경/탈퇴,공통,비밀번호 변경,설정에서 바꿉니다\n".encode("cp949"),
        [(3, "line", "UTF-8 텍스트가 아닙니다")], id="non-utf8",
    ),
    pytest.param(
        "articles.csv", "service,category,platform,title,body\n카카오톡,가입/변경/탈퇴,공통,제목만 있음\n",
        [(2, "line", "열 개수(4)")], id="short-csv-row",
    ),
    pytest.param(
        "articles.jsonl", jsonl(record(external_id="a-1"), record(external_id="a-1", title="다른 제목")),
        [(2, "line", "external_id 'a-1'이(가) 1번째 줄과 중복")], id="duplicate-external-id",
    ),
    pytest.param(
        "articles.jsonl", jsonl(record(tags=["탈퇴", 3])), [(1, "line", "'tags'")], id="bad-tags",
    ),
    pytest.param(
        "articles.jsonl", jsonl(record(question_key="탈퇴 방법/안드로이드")), [(1, "line", "'question_key'")], id="bad-question-key",
    ),
    pytest.param("articles.jsonl", jsonl(record(views=10)), [(1, "line", "알 수 없는 필드: views")], id="unknown-field"),
    pytest.param("articles.xml", "<articles/>", [(0, "file", "형식을 알 수 없습니다")], id="unknown-format"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_INPUTS)
def test_bad_input_reports_position_and_writes_nothing(existing, name, content, expected):
    before = snapshot()

    with pytest.raises(ImportInvalid) as caught:
        run(content, name=name)

    found = [(error.position, error.unit, error.reason) for error in caught.value.errors]
    assert len(found) == len(expected), found
    for (position, unit, reason), (want_position, want_unit, want_reason) in zip(found, expected, strict=True):
        assert (position, unit) == (want_position, want_unit)
        assert want_reason in reason
    assert snapshot() == before


def test_every_bad_record_is_reported_not_just_the_first():
    content = jsonl(record(), record(status="보류"), record(title=""), record(published_at="어제"), record(title="정상"))

    with pytest.raises(ImportInvalid) as caught:
        run(content)

    assert [error.position for error in caught.value.errors] == [2, 3, 4]
    assert str(caught.value).splitlines()[0].startswith("articles.jsonl: 2번째 줄: 알 수 없는 상태")
    assert not Article.objects.exists()


def test_category_under_another_service_is_missing_without_taxonomy_creation(existing):
    before = snapshot()
    content = jsonl(record(service="다음 메일", category="가입/변경/탈퇴", title="다음 메일 탈퇴 방법"))

    with pytest.raises(ImportInvalid) as caught:
        run(content, create_taxonomy=False)

    [error] = caught.value.errors
    assert error.position == 1
    assert "서비스 '다음 메일'에 카테고리 '가입/변경/탈퇴'이(가) 없습니다" in error.reason
    assert "다른 서비스에 있음: 카카오톡" in error.reason
    assert snapshot() == before


def test_category_under_another_service_is_created_in_that_service(existing):
    summary = run(jsonl(record(service="다음 메일", category="가입/변경/탈퇴", title="다음 메일 탈퇴 방법")))

    assert summary.categories_created == ["다음 메일 > 가입/변경/탈퇴"]
    article = Article.objects.get(title="다음 메일 탈퇴 방법")
    assert article.category.service == article.service
    assert article.category.slug != existing.category.slug  # category slugs are globally unique


def test_unknown_platform_is_an_error_without_taxonomy_creation(existing):
    with pytest.raises(ImportInvalid) as caught:
        run(jsonl(record(platform="워치")), create_taxonomy=False)
    assert "플랫폼 '워치'이(가) 없습니다" in caught.value.errors[0].reason


# --- hostile content ------------------------------------------------------------------------------------------

def test_hostile_html_is_sanitised_and_control_characters_stripped():
    body = (
        '<p onclick="steal()">설정 메뉴를 여세요.</p><script>alert("x")</script>'
        '<a href="javascript:alert(1)">여기</a><img src="x" onerror="alert(1)">'
    )
    run(jsonl(record(title="비밀번호\x00 변경\x1b 방법", body=body, tags="보안,\x07 해킹")))

    article = Article.objects.get()
    assert article.title == "비밀번호 변경 방법"
    assert "script" not in article.body and "onclick" not in article.body
    assert "javascript" not in article.body and "onerror" not in article.body
    assert "설정 메뉴를 여세요." in article.body
    assert article.tags == "보안, 해킹"


def test_plain_text_is_escaped_not_interpreted():
    run(jsonl(record(body="5 < 6 이고 & 기호도 그대로 보여야 합니다")))
    assert Article.objects.get().body == "<p>5 &lt; 6 이고 &amp; 기호도 그대로 보여야 합니다</p>"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": "가" * 201}, "'title'이(가) 너무 깁니다(201자, 최대 200자)"),
        ({"body": "<p>" + "가" * 200_001 + "</p>"}, "'body'이(가) 너무 깁니다"),
        ({"service": "서" * 101}, "'service'이(가) 너무 깁니다"),
        ({"external_id": "x" * 101}, "'external_id'이(가) 너무 깁니다"),
        ({"tags": ",".join(f"키워드{n}" for n in range(100))}, "'tags'가 너무 깁니다"),
        ({"body": "<script>document.cookie</script>"}, "본문에 허용된 내용이 없습니다"),
        ({"title": ["목록"]}, "'title'은(는) 문자열이어야 합니다"),
    ],
)
def test_hostile_or_oversized_fields_are_rejected(fields, reason):
    with pytest.raises(ImportInvalid) as caught:
        run(jsonl(record(**fields)))
    assert any(reason in error.reason for error in caught.value.errors), caught.value.errors
    assert not Article.objects.exists()


# --- crash safety and dry run ------------------------------------------------------------------------------------

def test_crash_after_first_batch_leaves_database_as_before(existing, monkeypatch):
    before = snapshot()
    original = importing._write_batch
    calls = []

    def crash_on_second_batch(batch, context):
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("서버가 중간에 멈춤")
        original(batch, context)

    monkeypatch.setattr(importing, "_write_batch", crash_on_second_batch)
    records = [record(external_id="kt-old", title="첫 배치에서 바뀐 제목")]
    records += [record(title=f"새 문서 {n}", service="새 서비스") for n in range(5)]

    with pytest.raises(RuntimeError):
        run(jsonl(*records), batch_size=3)

    assert calls == [3, 3]
    assert snapshot() == before


def test_dry_run_writes_nothing_but_reports_what_it_would_do(existing, changed_calls):
    before = snapshot()
    content = jsonl(
        record(external_id="kt-old", title="바뀐 제목"),
        record(title="새 문서", category="대화/백업", platform="iOS"),
        record(title="새 문서", category="대화/백업", platform="PC"),
    )

    summary = run(content, dry_run=True)

    assert (summary.created, summary.updated, summary.unchanged) == (2, 1, 0)
    assert summary.categories_created == ["카카오톡 > 대화/백업"]
    assert summary.platforms_created == ["iOS", "PC"]
    assert summary.dry_run
    assert snapshot() == before
    assert changed_calls == []  # nothing for the search index either


# --- publish permission ------------------------------------------------------------------------------------------

def test_editor_may_import_drafts_only(existing):
    editor = staff("editor", EDITORS)

    with pytest.raises(ImportInvalid) as caught:
        run(jsonl(record(title="초안", status="draft"), record(title="게시하려는 문서")), user=editor)
    assert [(e.position, "편집자는 초안(draft)만" in e.reason) for e in caught.value.errors] == [(2, True)]
    assert Article.objects.count() == 1

    assert run(jsonl(record(title="초안", status="draft")), user=editor).created == 1


def test_editor_cannot_change_a_published_article_by_import(existing):
    before = snapshot()
    with pytest.raises(ImportInvalid) as caught:
        run(jsonl(record(external_id="kt-old", title="편집자가 바꾼 제목", status="draft")), user=staff("editor", EDITORS))
    assert "게시자만" in caught.value.errors[0].reason
    assert snapshot() == before


def test_publisher_may_publish_by_import():
    assert run(jsonl(record()), user=staff("publisher", PUBLISHERS)).created == 1


# --- the commands ---------------------------------------------------------------------------------------------------

def test_import_command_prints_summary():
    out = StringIO()
    call_command("import_articles", str(DATA / "articles.jsonl"), str(DATA / "articles.csv"), stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "문서 5건: 새로 만듦 5, 수정 0, 변경 없음 0" in text
    assert "새 플랫폼 5개: 안드로이드, iOS, 공통, 안드로이드 (원스토어), PC" in text
    assert "가져오는 중" not in text  # no progress bar when stdout is not a terminal

    out = StringIO()
    call_command("import_articles", str(DATA / "articles.jsonl"), str(DATA / "articles.csv"), stdout=out)
    assert "새로 만듦 0, 수정 0, 변경 없음 5" in out.getvalue()


def test_import_command_fails_with_every_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(jsonl(record(status="게시"), record(), record(published_at="2024/03/01")), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_articles", str(bad), str(DATA / "articles.jsonl"), stdout=StringIO())

    message = str(caught.value)
    assert "오류 2건" in message
    assert f"{bad}: 1번째 줄: 알 수 없는 상태 '게시'" in message
    assert f"{bad}: 3번째 줄: 게시 시각 '2024/03/01'" in message
    assert not Article.objects.exists() and not Service.objects.exists()


def test_import_command_dry_run_and_no_create_taxonomy(existing, tmp_path):
    before = snapshot()
    out = StringIO()
    call_command("import_articles", str(DATA / "articles.jsonl"), "--dry-run", stdout=out)
    assert "[시험 실행: 아무것도 저장하지 않았습니다] 문서 3건: 새로 만듦 3" in out.getvalue()
    assert snapshot() == before

    with pytest.raises(CommandError, match="플랫폼 '안드로이드'이\\(가\\) 없습니다"):
        call_command("import_articles", str(DATA / "articles.jsonl"), "--no-create-taxonomy", stdout=StringIO())
    assert snapshot() == before


def test_import_command_reports_unreadable_file():
    with pytest.raises(CommandError, match="파일을 읽을 수 없습니다"):
        call_command("import_articles", "/nonexistent/articles.jsonl")


def test_import_command_explicit_format(tmp_path):
    copy = tmp_path / "articles.txt"
    shutil.copy(DATA / "articles.csv", copy)
    call_command("import_articles", str(copy), "--format", "csv", stdout=StringIO())
    assert Article.objects.count() == 2


# --- taxonomy fixtures and the demo loader ---------------------------------------------------------------------------

def test_loaddata_reads_a_natural_key_taxonomy_fixture_twice():
    call_command("loaddata", str(DATA / "taxonomy.json"), verbosity=0)
    call_command("loaddata", str(DATA / "taxonomy.json"), verbosity=0)

    assert Service.objects.count() == 2 and Category.objects.count() == 2 and Platform.objects.count() == 2
    account = Category.objects.get_by_natural_key("daum-mail-account")
    assert account.service == Service.objects.get_by_natural_key("daum-mail")
    assert account.natural_key() == ("daum-mail-account",)


def test_load_demo_is_idempotent(tmp_path):
    shutil.copy(DATA / "taxonomy.json", tmp_path / "taxonomy.json")
    shutil.copy(DATA / "articles.jsonl", tmp_path / "demo_articles.jsonl")

    call_command("load_demo", "--fixtures-dir", str(tmp_path), stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("load_demo", "--fixtures-dir", str(tmp_path), stdout=out)

    assert "새로 만듦 0, 수정 0, 변경 없음 3" in out.getvalue()
    assert snapshot() == before
    # The articles landed in the fixture's categories, not in new look-alikes.
    assert Article.objects.get(external_id="kt-withdraw-ios").category.slug == "kakaotalk-account"


def test_load_demo_without_fixture_files_says_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="데모 콘텐츠 파일이 없습니다: .*taxonomy.json"):
        call_command("load_demo", "--fixtures-dir", str(tmp_path))


def test_an_uploaded_image_without_alt_is_an_error_with_its_address():
    src = "/media/images/2026/11/0123456789abcdef0123456789abcdef.png"
    with pytest.raises(ImportInvalid) as caught:
        run(jsonl(record(body=f'<p>화면</p><img src="{src}" width="10" height="10">')))
    assert f"본문의 이미지 1개에 대체 텍스트(alt)가 없습니다: {src}" in caught.value.errors[0].reason


def test_images_from_other_sites_are_dropped_like_other_unsafe_content():
    run(jsonl(record(body='<p>화면</p><img src="https://old-helpdesk.example.com/a.png" alt="예전 화면">')))
    assert Article.objects.get().body == "<p>화면</p>"
