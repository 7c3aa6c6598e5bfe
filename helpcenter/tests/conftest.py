import pytest

from .servers import start_server, stop_server


@pytest.fixture
def run_server(tmp_path):
    """Start gunicorn subprocesses (DEBUG off) with extra environment; all are stopped afterwards."""
    started = []

    def start(**env):
        server = start_server(tmp_path, **env)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)


@pytest.fixture
def fresh_cache():
    """Rate-limit counters live in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def help_center(db):
    """A small published help center: two services, three categories, three platforms, linked platform twins."""
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from articles.models import Article, Category, Platform, Service

    talk = Service.objects.create(name="카카오톡", slug="kakaotalk", order=1)
    account = Service.objects.create(name="카카오계정", slug="account", order=2)
    hc = SimpleNamespace(
        talk=talk,
        account_service=account,
        backup=Category.objects.create(service=talk, name="톡서랍/백업", slug="backup", order=1),
        restrict=Category.objects.create(service=talk, name="신고/이용제한/정책", slug="restrict", order=2),
        login=Category.objects.create(service=account, name="카카오계정/로그인/인증", slug="login", order=1),
        common=Platform.objects.create(name="공통", slug="common", order=0),
        android=Platform.objects.create(name="안드로이드", slug="android", order=1),
        ios=Platform.objects.create(name="iOS", slug="ios", order=2),
    )
    published = timezone.now() - timedelta(days=2)

    def make(title, category, platform, body="", **fields):
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault("published_at", published)
        return Article.objects.create(
            title=title,
            body=body or f"<p>{title}에 대한 안내입니다. <strong>설정</strong>에서 확인해 주세요.</p>",
            service=category.service,
            category=category,
            platform=platform,
            **fields,
        )

    hc.make = make
    hc.backup_android = make("대화내용을 백업하고 싶어요", hc.backup, hc.android, question_key="backup", tags="백업, 복원")
    hc.backup_ios = make("대화내용을 백업하고 싶어요", hc.backup, hc.ios, question_key="backup", tags="백업, 복원")
    hc.restricted = make("카카오톡 이용이 제한되었어요", hc.restrict, hc.common, tags="이용제한, 정지")
    hc.password = make("카카오계정 비밀번호를 잊어버렸어요", hc.login, hc.common, tags="비밀번호, 재설정")
    return hc
