import json

import pytest

from articles.sanitize import outline_headings, sanitize_html

ATTACKS = [
    ('<p>안내</p><script>alert("xss")</script>', "<script"),
    ('<img src="/static/a.png" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">고객센터</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">고객센터</a>', "javascript:"),
    ('<p onclick="steal()">클릭</p>', "onclick"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ("<style>body{display:none}</style>", "<style"),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style="),
    ("<p>\x00제어\x07문자</p>", "\x00"),
]


@pytest.mark.parametrize(("html", "forbidden"), ATTACKS)
def test_attacks_are_stripped(html, forbidden):
    assert forbidden not in sanitize_html(html).lower()


def test_help_formatting_survives():
    html = (
        "<h3>백업 방법</h3><ol><li><strong>더보기 &gt; 설정 &gt; 채팅</strong></li><li>대화 백업</li></ol>"
        '<table><thead><tr><th scope="col">항목</th></tr></thead><tbody><tr><td>대화</td></tr></tbody></table>'
        '<p><a href="https://example.com/help">자세히</a> <img src="/media/images/2026/11/0123456789abcdef0123456789abcdef.png" alt="화면"></p>'
    )
    clean = sanitize_html(html)
    for kept in ("<h3>", "<ol>", "<li>", "<strong>", "<table>", '<th scope="col">', 'href="https://example.com/help"', 'alt="화면"'):
        assert kept in clean
    assert 'rel="noopener noreferrer nofollow"' in clean


def test_article_body_is_sanitised_on_save(db):
    from articles.models import Article, Category, Platform, Service

    service = Service.objects.create(name="카카오톡")
    saved = Article.objects.create(
        service=service,
        category=Category.objects.create(service=service, name="일반"),
        platform=Platform.objects.create(name="공통"),
        title="보안 테스트<script>",
        body='<p onmouseover="x()">본문</p><script>alert(1)</script>',
    )
    saved.refresh_from_db()
    assert saved.body == "<p>본문</p>"


BIDI = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f"


def test_bidirectional_controls_are_removed_from_bodies_even_as_entities():
    from articles.sanitize import sanitize_html

    body = f"<p>결제{BIDI}취소는 &#x202E;설정에서 &#8238;할 수 있어요</p>"
    assert sanitize_html(body) == "<p>결제취소는 설정에서 할 수 있어요</p>"


@pytest.mark.django_db
def test_bidirectional_controls_are_removed_on_save_and_import(make_article):
    from articles.importing import ImportSource, import_articles
    from articles.models import Article

    article = make_article("환불\u202e요청 방법", body="<p>환불은\u2067 고객센터에서</p>", tags="환불\u200f, 결제")
    article.refresh_from_db()
    assert (article.title, article.body, article.tags) == ("환불요청 방법", "<p>환불은 고객센터에서</p>", "환불, 결제")

    line = json.dumps({"service": "카카오톡", "category": "결제", "platform": "공통", "title": "\u202e선물하기 취소",
                       "body": "선물\u2066하기 취소 안내", "tags": ["선물\u202d"]}, ensure_ascii=False)
    import_articles(sources=[ImportSource(name="a.jsonl", data=(line + "\n").encode())])
    imported = Article.objects.get(title="선물하기 취소")
    assert imported.body == "<p>선물하기 취소 안내</p>" and imported.tags == "선물"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("<h3>백업 방법</h3><p>설정에서</p><h4>비밀번호</h4><h3>복원</h3>", "<h2>백업 방법</h2><p>설정에서</p><h3>비밀번호</h3><h2>복원</h2>"),
        ("<h2>계정</h2><h4>잠금 해제</h4>", "<h2>계정</h2><h3>잠금 해제</h3>"),  # no skipped level inside either
        ("<h4>주의</h4><h2>탈퇴 방법</h2>", "<h2>주의</h2><h2>탈퇴 방법</h2>"),
        ("<p>제목 없는 본문 &lt;h3&gt;</p>", "<p>제목 없는 본문 &lt;h3&gt;</p>"),
    ],
)
def test_body_headings_sit_under_the_pages_h1(written, shown):
    assert outline_headings(written) == shown


def test_article_page_shows_body_headings_from_h2(client, make_article):
    article = make_article("대화 백업하기", body="<p>백업해 두세요.</p><h3>백업 방법</h3><h4>비밀번호</h4>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>백업 방법</h2><h3>비밀번호</h3>" in html and "<h4>" not in html


UPLOAD = "/media/images/2026/11/0123456789abcdef0123456789abcdef.png"


def test_an_uploaded_image_keeps_src_alt_width_and_height_and_nothing_else():
    html = f'<p>설정 화면</p><img src="{UPLOAD}" alt="설정 &gt; 계정 화면" width="800" height="450" data-file="3" class="x" onload="x()">'
    assert sanitize_html(html) == f'<p>설정 화면</p><img src="{UPLOAD}" alt="설정 &gt; 계정 화면" width="800" height="450">'


@pytest.mark.parametrize(
    "src",
    [
        "https://example.com/images/2026/11/0123456789abcdef0123456789abcdef.png",  # another site
        "//evil.example/media/images/a.png",  # protocol-relative
        "/static/favicon.svg",  # ours, but not an upload
        "/media/../admin/logout.png",  # climbs out of the media folder
        "/media/images/a.svg",  # not a type we store
        "/media/images/a.png?x=1",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
    ],
)
def test_images_from_anywhere_but_our_uploads_are_removed_whole(src):
    assert sanitize_html(f'<p>앞</p><img src="{src}" alt="화면"><p>뒤</p>') == "<p>앞</p><p>뒤</p>"


def test_width_and_height_must_be_plain_pixel_numbers():
    clean = sanitize_html(f'<img src="{UPLOAD}" alt="화면" width="100%" height="0">')
    assert clean == f'<img src="{UPLOAD}" alt="화면">'


def test_with_an_absolute_media_url_only_that_host_is_ours(settings):
    settings.MEDIA_URL = "https://media.example.com/help/"
    ours = "https://media.example.com/help/images/2026/11/0123456789abcdef0123456789abcdef.webp"
    assert sanitize_html(f'<img src="{ours}" alt="화면">') == f'<img src="{ours}" alt="화면">'
    assert sanitize_html(f'<img src="{UPLOAD}" alt="화면">') == ""
    assert sanitize_html('<img src="https://media.example.com.evil.example/help/images/a.png" alt="화면">') == ""


def test_images_without_alt_are_named():
    from articles.sanitize import images_without_alt

    other = UPLOAD.replace("0123", "9999")
    clean = sanitize_html(f'<img src="{UPLOAD}" alt="로그인 화면"><img src="{other}"><img src="{other}" alt="  ">')
    assert images_without_alt(clean) == [other, other]
    assert images_without_alt(sanitize_html(f'<img src="{UPLOAD}" alt="로그인 화면">')) == []


def test_foreign_images_are_listed_before_the_sanitiser_drops_them():
    from articles.sanitize import foreign_image_sources

    html = f'<p>x</p><img src="https://cdn.example.com/a.png" alt="a"><img src="{UPLOAD}" alt="b"><IMG SRC="/static/b.gif">'
    assert foreign_image_sources(html) == ["https://cdn.example.com/a.png", "/static/b.gif"]
    assert foreign_image_sources("<p>이미지 없는 본문</p>") == []
