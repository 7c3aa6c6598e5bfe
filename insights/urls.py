from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("click/<int:search_id>/<int:article_id>/<int:position>/", views.click, name="click"),
]
