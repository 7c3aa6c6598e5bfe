from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("articles.urls")),
]

handler404 = "helpcenter.errors.not_found"
handler500 = "helpcenter.errors.server_error"
