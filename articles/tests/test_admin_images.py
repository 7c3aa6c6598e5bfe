"""Images in the admin form: one without a text alternative, or from another site, is refused at save
with a clear message; a proper one is stored as written."""

import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITORS

from .test_admin import change_url, draft, form_data, staff

pytestmark = pytest.mark.django_db
UPLOAD = "/media/images/2026/11/0123456789abcdef0123456789abcdef.png"


@pytest.fixture
def editor_client(client):
    client.force_login(staff("editor", EDITORS))
    return client


def save(client, article, body):
    return client.post(change_url(article), form_data(article, body=body))


def test_an_image_with_alt_width_and_height_is_saved_as_written(editor_client, taxonomy):
    article = draft(taxonomy)
    body = f'<p>설정을 엽니다.</p><img src="{UPLOAD}" alt="설정 화면의 계정 메뉴" width="800" height="450">'

    response = save(editor_client, article, body)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body


def test_an_image_without_alt_is_refused_and_named(editor_client, taxonomy):
    article = draft(taxonomy)
    body = f'<p>설정을 엽니다.</p><img src="{UPLOAD}" width="800" height="450">'

    response = save(editor_client, article, body)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["body"])
    assert "대체 텍스트가 없는 이미지가 1개" in errors and UPLOAD in errors
    article.refresh_from_db()
    assert "<img" not in article.body


def test_an_image_from_another_site_is_refused_rather_than_dropped_in_silence(editor_client, taxonomy):
    article = draft(taxonomy)

    response = save(editor_client, article, '<p>화면</p><img src="https://cdn.example.com/shot.png" alt="화면">')

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["body"])
    assert "이 사이트에 올린 이미지만" in errors and "https://cdn.example.com/shot.png" in errors


def test_both_staff_roles_hold_the_upload_permission():
    for name in (EDITORS, "게시자"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert "add_uploadedimage" in codenames, name
