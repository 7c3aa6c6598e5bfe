from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("services/<str:service_slug>/", views.service_detail, name="service"),
    path("services/<str:service_slug>/<str:category_slug>/", views.category_detail, name="category"),
]
