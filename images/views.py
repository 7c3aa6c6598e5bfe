"""The editor's upload endpoint (JSON, inside the admin) and the development media server."""

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django.views.static import serve

from articles.roles import can_upload_images

from .processing import ImageRejected
from .services import image_upload


class ImageUploadForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": gettext_lazy("올릴 이미지 파일을 고르세요."),
            "empty": gettext_lazy("빈 파일입니다. 이미지 파일을 골라 주세요."),
        },
    )
    alt = forms.CharField(
        max_length=300,
        error_messages={
            "required": gettext_lazy("이미지를 설명하는 대체 텍스트를 입력하세요. 화면을 볼 수 없는 사람에게 읽어 주는 글입니다."),
            "max_length": gettext_lazy("대체 텍스트는 %(limit_value)d자 이하로 써 주세요."),
        },
    )


@require_POST
def upload_image(request: HttpRequest) -> JsonResponse:
    """POST file + alt (multipart, CSRF token in X-CSRFToken) → 201 {url, width, height, alt} or {error}."""
    if not can_upload_images(request.user):
        return JsonResponse({"error": _("이미지를 올릴 권한이 없습니다. 편집자나 게시자 역할이 필요합니다.")}, status=403)
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        return JsonResponse({"error": errors[0], "field": field}, status=400)
    try:
        image = image_upload(file=form.cleaned_data["file"], alt=form.cleaned_data["alt"], user=request.user)
    except ImageRejected as rejected:
        return JsonResponse({"error": rejected.message, "field": "file"}, status=400)
    return JsonResponse(
        {"url": image.url, "width": image.width, "height": image.height, "alt": form.cleaned_data["alt"]}, status=201
    )


@require_safe
def serve_media(request: HttpRequest, path: str):
    """Local uploads when SERVE_MEDIA is on; otherwise the web server in front (or the bucket) serves them."""
    if not settings.SERVE_MEDIA:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Stored names are random and never reused, so a file at a name never changes.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
