"""axe-core on our own admin pages (the import pages, the article list and forms, the search insights):
no critical violation anywhere, and no serious one outside two libraries' stock widgets left as they
ship: Django's autocomplete (select2, whose empty selection has no name) and django-prose-editor's
toolbar (icon-font buttons whose visible ligature can differ from their title, and disabled buttons
drawn in low contrast)."""

import json

import pytest
from django.urls import reverse

from articles.import_jobs import ImportJob
from articles.models import Article
from insights.models import SearchLog

from .axe import SERIOUS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db", "fresh_cache", "plain_http_cookies")]

expect = pytest.importorskip("playwright.sync_api").expect
LIBRARY_WIDGETS = (".prose-menubar",)  # django-prose-editor's toolbar, as the library ships it


@pytest.fixture
def content(help_center, make_article):
    article = make_article("비밀번호를 잊어버렸어요", tags="비밀번호, 재설정")
    make_article("채팅방 비밀번호 설정하기", category=help_center.chat, status=Article.Status.DRAFT)
    for query, count in [("비밀번호", 2), ("비번", 0), ("비밀번호", 2), ("환불계좌", 0)]:
        SearchLog.objects.create(query=query, result_count=count)
    return article


def test_our_admin_pages_have_no_critical_violations(staff_page, content, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    page = staff_page
    pages = {
        "article list": reverse("admin:articles_article_changelist"),
        "article list, filtered": reverse("admin:articles_article_changelist") + "?status__exact=draft&q=비밀번호",
        "article add": reverse("admin:articles_article_add"),
        "article change": reverse("admin:articles_article_change", args=[content.pk]),
        "article history": reverse("admin:articles_article_history", args=[content.pk]),
        "import form": reverse("admin:articles_article_import"),
        "insights report": reverse("admin:insights_searchlog_report"),
        "insights, one article": reverse("admin:insights_searchlog_article", args=[content.pk]),
    }
    found, critical = {}, {}

    def audit(name):
        if page.locator(".prose-editor").count():
            page.locator(".prose-menubar").first.wait_for()  # the editor built: its toolbar is audited too
        critical[name] = axe_violations(page, ("critical",))
        found[name] = axe_violations(page, SERIOUS, exclude=LIBRARY_WIDGETS)

    for name, url in pages.items():
        page.goto(url)
        audit(name)

    # The import status page, for a file that failed its check (the error table shown).
    page.goto(pages["import form"])
    record = {"service": "토크톡", "category": "계정/로그인", "platform": "Android", "title": "", "body": "본문"}
    page.set_input_files("input[type=file]", files=[{
        "name": "articles.jsonl", "mimeType": "application/json",
        "buffer": json.dumps(record, ensure_ascii=False).encode() + b"\n",
    }])
    page.locator("form [type=submit]").last.click()
    expect(page).to_have_url(ImportJob.objects.get().get_absolute_url())
    audit("import status")

    assert {name: problems for name, problems in critical.items() if problems} == {}
    ours = {name: [line for line in problems if "select2" not in line] for name, problems in found.items()}
    assert {name: problems for name, problems in ours.items() if problems} == {}
