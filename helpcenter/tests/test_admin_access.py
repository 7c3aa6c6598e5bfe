"""The staff admin: staff only, failed logins throttled by django-axes, URL configurable."""

import importlib

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import clear_url_caches

from .servers import read_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff_user():
    return User.objects.create_user("운영자", password="올바른-비밀번호-2024!", is_staff=True)


def login(client, username, password, ip="198.51.100.9"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    for path in ["/admin/", "/admin/articles/article/", "/admin/articles/article/add/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_non_staff_account_cannot_enter_the_admin(client):
    User.objects.create_user("방문자", password="방문자-비밀번호-2024!")
    response = login(client, "방문자", "방문자-비밀번호-2024!")
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session
    client.force_login(User.objects.get(username="방문자"))
    assert client.get("/admin/").status_code == 302


def test_staff_can_log_in(client, staff_user):
    response = login(client, "운영자", "올바른-비밀번호-2024!")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_five_failed_logins_lock_the_account_out_even_with_the_right_password(client, staff_user):
    for _ in range(5):
        response = login(client, "운영자", "틀린-비밀번호")
    assert response.status_code == 429
    assert "로그인이 잠시 제한되었습니다" in response.content.decode()
    assert int(response["Retry-After"]) == 3600

    locked = login(client, "운영자", "올바른-비밀번호-2024!")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address_so_the_owner_elsewhere_can_still_log_in(client, staff_user):
    for _ in range(5):
        login(client, "운영자", "틀린-비밀번호", ip="203.0.113.66")
    assert login(client, "운영자", "올바른-비밀번호-2024!", ip="203.0.113.66").status_code == 429
    assert login(client, "운영자", "올바른-비밀번호-2024!", ip="198.51.100.9").status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, staff_user):
    for _ in range(4):
        assert login(client, "운영자", "틀린-비밀번호").status_code == 200
    assert login(client, "운영자", "올바른-비밀번호-2024!").status_code == 302


@pytest.fixture
def admin_at_custom_path():
    import helpcenter.urls

    with override_settings(ADMIN_URL="staff-7f3a9c/"):
        importlib.reload(helpcenter.urls)
        clear_url_caches()
        yield "/staff-7f3a9c/"
    importlib.reload(helpcenter.urls)
    clear_url_caches()


def test_admin_answers_at_the_configured_path_only(client, staff_user, admin_at_custom_path):
    assert client.get("/admin/").status_code == 404
    response = client.get(admin_at_custom_path)
    assert response.status_code == 302
    assert response["Location"].startswith(admin_at_custom_path + "login/")
    client.force_login(staff_user)
    assert client.get(admin_at_custom_path).status_code == 200


def test_admin_url_comes_from_the_environment():
    code = (
        "from django.urls import resolve, Resolver404\n"
        "print(resolve('/관리-콘솔/').app_name)\n"
        "try:\n    resolve('/admin/'); print('still at /admin/')\nexcept Resolver404:\n    print('gone')"
    )
    result = read_settings(code, ADMIN_URL="/관리-콘솔/")
    assert result.stdout.split() == ["admin", "gone"], result.stderr
