import pytest

from articles.sanitize import sanitize_html

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
        '<p><a href="https://example.com/help">자세히</a> <img src="https://example.com/a.png" alt="화면"></p>'
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
