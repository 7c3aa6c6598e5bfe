from django.urls import path, register_converter

from . import api, views


class UnicodeSlugConverter:
    """Hangul slugs such as 신고-이용제한-정책; anything else (NUL bytes, slashes) never reaches a view."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/feedback/", views.article_feedback, name="feedback"),
    path("services/<uslug:service_slug>/", views.service_detail, name="service"),
    path("services/<uslug:service_slug>/<uslug:category_slug>/", views.category_detail, name="category"),
    path("api/search/", api.search_api, name="api-search"),
    path("api/articles/<int:pk>/", api.article_api, name="api-article"),
    path("api/suggest/", api.suggest_api, name="api-suggest"),
]
