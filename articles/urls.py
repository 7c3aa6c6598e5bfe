from django.urls import path

from . import api, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/feedback/", views.article_feedback, name="feedback"),
    path("services/<str:service_slug>/", views.service_detail, name="service"),
    path("services/<str:service_slug>/<str:category_slug>/", views.category_detail, name="category"),
    path("api/search/", api.search_api, name="api-search"),
    path("api/articles/<int:pk>/", api.article_api, name="api-article"),
    path("api/suggest/", api.suggest_api, name="api-suggest"),
]
