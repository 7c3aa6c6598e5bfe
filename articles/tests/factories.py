"""Small factories for tests: taxonomy by name, articles published unless told otherwise."""

from datetime import timedelta
from itertools import count

from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article, Category, Platform, Service

_serial = count(1)


def make_service(name: str = "카카오톡", **fields) -> Service:
    service, _ = Service.objects.get_or_create(name=name, defaults=fields)
    return service


def make_category(name: str = "계정", service: Service | str = "카카오톡", **fields) -> Category:
    if isinstance(service, str):
        service = make_service(service)
    category, _ = Category.objects.get_or_create(service=service, name=name, defaults=fields)
    return category


def make_platform(name: str = "안드로이드", **fields) -> Platform:
    platform, _ = Platform.objects.get_or_create(name=name, defaults=fields)
    return platform


def make_article(**overrides) -> Article:
    """An Article saved through `save()`. `service`, `category` and `platform` may be names
    (created when missing) or instances; published a minute ago unless `status`/`published_at` say otherwise."""
    service = overrides.pop("service", "카카오톡")
    if isinstance(service, str):
        service = make_service(service)
    category = overrides.pop("category", "계정")
    if isinstance(category, str):
        category = make_category(category, service=service)
    platform = overrides.pop("platform", "안드로이드")
    if isinstance(platform, str):
        platform = make_platform(platform)
    fields = {
        "title": f"도움말 문서 {next(_serial)}",
        "body": "<p>도움말 본문입니다.</p>",
        "status": Article.Status.PUBLISHED,
        **overrides,
    }
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(minutes=1))
    article = Article(service=service, category=category, platform=platform, **fields)
    article.save()
    return article


def make_staff(username: str, group: str | None = None) -> User:
    """A staff user, in one of the role groups (articles.roles) when `group` is given."""
    user = User.objects.create_user(username, password="pw-not-used", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def staff_client(client, group: str, *, username: str = ""):
    """`client` logged in as a staff user of `group`."""
    client.force_login(make_staff(username or group, group))
    return client
