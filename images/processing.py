"""Checking and re-encoding an uploaded picture with Pillow.

The type is read from the content (Pillow's decoders for PNG, JPEG, GIF and WebP only), never from the
name or the browser's content type. Every accepted file is decoded and written again: what we store is
pixels we produced, without EXIF (GPS, camera), XMP, comments or anything appended to the file.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Decoder name -> (format we write, file extension). A static GIF becomes a PNG (same pixels, lossless).
# MPO is a JPEG with extra pictures (phone cameras' depth maps, previews; the JPEG decoder opens it): its
# first picture is the photo.
DECODERS = ["PNG", "GIF", "JPEG", "WEBP"]
ACCEPTED_FORMATS = {
    "PNG": ("PNG", "png"), "GIF": ("PNG", "png"), "JPEG": ("JPEG", "jpg"), "MPO": ("JPEG", "jpg"), "WEBP": ("WEBP", "webp"),
}
SAVE_OPTIONS = {"PNG": {"optimize": True}, "JPEG": {"quality": 85, "optimize": True}, "WEBP": {"quality": 85}}


class ImageRejected(Exception):
    """The upload is not an image we keep; the message says why, in Korean, for the editor to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    extension: str
    width: int
    height: int


def prepare_image(upload) -> PreparedImage:
    """Check `upload` (a Django UploadedFile) and return the re-encoded picture, or raise ImageRejected."""
    _check_size(upload.size)
    picture = _open(upload)
    try:
        _check_pixels(picture)
        if getattr(picture, "is_animated", False) and picture.format != "MPO":
            raise ImageRejected(_("움직이는 이미지(애니메이션)는 올릴 수 없습니다. 한 장면을 캡처해 PNG나 JPEG로 올려 주세요."))
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageRejected(_("이미지 파일이 손상되어 읽을 수 없습니다. 원본을 다시 저장해 올려 주세요.")) from exc
        output_format, extension = ACCEPTED_FORMATS[picture.format]
        # Phone photos are stored sideways with an EXIF "rotate me" tag; turn the pixels before the tag goes.
        upright = _scaled(ImageOps.exif_transpose(picture), settings.IMAGE_MAX_WIDTH)
        content = _encode(upright, output_format, icc_profile=picture.info.get("icc_profile"))
        return PreparedImage(content=content, extension=extension, width=upright.width, height=upright.height)
    finally:
        picture.close()


def _check_size(size: int | None) -> None:
    if not size:
        raise ImageRejected(_("빈 파일입니다. 이미지 파일을 골라 주세요."))
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if size > limit:
        raise ImageRejected(
            _("파일이 너무 큽니다(%(size)s). %(limit)s 이하의 이미지만 올릴 수 있습니다.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def _open(upload) -> Image.Image:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; we refuse either way (_check_pixels).
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(upload, formats=DECODERS)
    except Image.DecompressionBombError as exc:
        raise ImageRejected(_too_many_pixels_message()) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(
            _("PNG, JPEG, GIF, WebP 이미지만 올릴 수 있습니다. 파일 내용이 이미지가 아니거나 지원하지 않는 형식입니다.")
        ) from exc


def _too_many_pixels_message(width: int | None = None, height: int | None = None) -> str:
    limit = f"{settings.IMAGE_UPLOAD_MAX_PIXELS:,}"
    if width is None:
        return _("이미지의 화소 수가 너무 많습니다. 가로×세로가 %(limit)s 화소 이하인 이미지만 올릴 수 있습니다.") % {"limit": limit}
    return _(
        "이미지의 화소 수가 너무 많습니다(%(width)s×%(height)s). 가로×세로가 %(limit)s 화소 이하인 이미지만 올릴 수 있습니다."
    ) % {"width": f"{width:,}", "height": f"{height:,}", "limit": limit}


def _check_pixels(picture: Image.Image) -> None:
    # Read from the header before any pixel is decoded: a few kilobytes can declare gigabytes of pixels.
    width, height = picture.size
    if width < 1 or height < 1 or width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise ImageRejected(_too_many_pixels_message(width, height))


def _scaled(picture: Image.Image, max_width: int) -> Image.Image:
    picture = _with_plain_mode(picture)
    if picture.width <= max_width:
        return picture
    height = max(1, round(picture.height * max_width / picture.width))
    return picture.resize((max_width, height), Image.Resampling.LANCZOS)


def _with_plain_mode(picture: Image.Image) -> Image.Image:
    """RGB or RGBA (L and LA stay): palette images would be resized by nearest neighbour, CMYK cannot be a PNG."""
    if picture.mode in ("RGB", "RGBA", "L", "LA"):
        return picture
    has_alpha = picture.mode in ("PA", "RGBa", "La") or "transparency" in picture.info
    return picture.convert("RGBA" if has_alpha else "RGB")


def _encode(picture: Image.Image, output_format: str, icc_profile: bytes | None) -> bytes:
    if output_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    if output_format == "WEBP" and picture.mode in ("L", "LA"):
        picture = picture.convert("RGBA" if picture.mode == "LA" else "RGB")
    buffer = io.BytesIO()
    # Only the colour profile is carried over (so colours look the same); no exif= or xmp= is passed.
    options = {**SAVE_OPTIONS[output_format], **({"icc_profile": icc_profile} if icc_profile else {})}
    picture.save(buffer, format=output_format, **options)
    return buffer.getvalue()
