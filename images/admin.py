from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from helpcenter.admin import ReadOnlyAdmin

from .models import UploadedImage
from .views import upload_image


@admin.register(UploadedImage)
class UploadedImageAdmin(ReadOnlyAdmin):
    """A read-only list of uploads. They are added from the body editor and removed by `orphaned_images`
    (deleting one here could break the bodies that show it)."""

    list_display = ["preview", "alt", "dimensions", "file_size", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt", "original_name", "file"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "file", "alt", "width", "height", "size", "checksum", "original_name", "uploaded_by", "uploaded_at"]
    fields = readonly_fields

    @admin.display(description=_("미리보기"))
    def preview(self, obj):
        return format_html('<img src="{}" alt="{}" width="120" loading="lazy">', obj.url, obj.alt)

    @admin.display(description=_("크기(px)"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    @admin.display(description=_("용량"), ordering="size")
    def file_size(self, obj):
        return filesizeformat(obj.size)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(upload_image), name="images_uploadedimage_upload")
        return [upload, *super().get_urls()]
