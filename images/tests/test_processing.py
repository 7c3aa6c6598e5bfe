"""Pillow checks: type by content, byte and pixel limits, EXIF removed, resized, animation refused."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from images.processing import ImageRejected, prepare_image

from .conftest import picture


def upload(content: bytes, name: str = "screenshot.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def reopened(prepared) -> Image.Image:
    return Image.open(io.BytesIO(prepared.content))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width × height but carries a few bytes of pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_a_png_is_re_encoded_and_measured():
    prepared = prepare_image(upload(picture("PNG", (640, 360))))
    assert (prepared.extension, prepared.width, prepared.height) == ("png", 640, 360)
    assert reopened(prepared).format == "PNG"


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "png")]
)
def test_jpeg_and_webp_keep_their_type_and_a_static_gif_becomes_png(fmt, extension):
    prepared = prepare_image(upload(picture(fmt), name="화면.png"))  # the name says nothing
    assert prepared.extension == extension
    assert reopened(prepared).format == {"jpg": "JPEG", "webp": "WEBP", "png": "PNG"}[extension]


@pytest.mark.parametrize(
    "content",
    [
        "<p>이건 이미지가 아닙니다</p>".encode(),
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj",
        picture("BMP"),  # a real image, of a type we do not take
        picture("TIFF"),
    ],
    ids=["html", "svg", "pdf", "bmp", "tiff"],
)
def test_other_content_named_png_is_refused(content):
    with pytest.raises(ImageRejected, match="PNG, JPEG, GIF, WebP 이미지만"):
        prepare_image(upload(content, name="screenshot.png"))


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ImageRejected, match="파일이 너무 큽니다"):
        prepare_image(upload(picture("BMP", (100, 100))))  # 30 KB, and not even a type we take


def test_an_empty_file_is_refused():
    with pytest.raises(ImageRejected, match="빈 파일"):
        prepare_image(upload(b""))


def test_too_many_pixels_are_refused_from_the_header_before_decoding(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
    bomb = png_header_only(7000, 7000)  # 49 million pixels declared in 100 bytes
    assert len(bomb) < 200
    with pytest.raises(ImageRejected, match="7,000×7,000"):
        prepare_image(upload(bomb))


def test_a_decompression_bomb_pillow_itself_would_refuse_gets_the_same_clear_error():
    with pytest.raises(ImageRejected, match="화소 수가 너무 많습니다"):
        prepare_image(upload(png_header_only(100_000, 100_000)))


def test_a_truncated_image_is_reported_as_damaged():
    whole = picture("PNG", (300, 300), color=(10, 20, 30))
    noisy = io.BytesIO()
    Image.effect_noise((300, 300), 60).save(noisy, format="PNG")
    with pytest.raises(ImageRejected, match="손상"):
        prepare_image(upload(noisy.getvalue()[: len(noisy.getvalue()) // 2]))
    assert prepare_image(upload(whole)).width == 300


def test_exif_is_removed_and_the_photo_turned_upright():
    exif = Image.Exif()
    exif[0x0110] = "Galaxy S99"  # camera model
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0)}  # GPS
    photo = picture("JPEG", (400, 300), exif=exif.tobytes())
    assert Image.open(io.BytesIO(photo)).getexif()[0x0110] == "Galaxy S99"

    prepared = prepare_image(upload(photo, name="photo.jpg"))

    stored = reopened(prepared)
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert b"Galaxy" not in prepared.content
    assert (prepared.width, prepared.height) == (300, 400)  # stored upright


def test_text_chunks_in_a_png_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "김직원 010-1234-5678")
    prepared = prepare_image(upload(picture("PNG", pnginfo=info)))
    assert b"010-1234-5678" not in prepared.content


def test_wide_images_are_scaled_to_the_maximum_width_keeping_the_aspect_ratio(settings):
    settings.IMAGE_MAX_WIDTH = 1600
    prepared = prepare_image(upload(picture("PNG", (3200, 1000))))
    assert (prepared.width, prepared.height) == (1600, 500)
    assert reopened(prepared).size == (1600, 500)
    narrow = prepare_image(upload(picture("PNG", (1200, 2400))))
    assert (narrow.width, narrow.height) == (1200, 2400)  # only width is limited: long phone captures stay sharp


def test_an_animated_gif_is_refused():
    frames = [Image.new("RGB", (50, 50), color) for color in ((255, 0, 0), (0, 255, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    with pytest.raises(ImageRejected, match="움직이는 이미지"):
        prepare_image(upload(buffer.getvalue(), name="steps.gif"))


def test_a_phone_photo_with_extra_pictures_mpo_is_stored_as_its_main_jpeg():
    photo, depth_map = Image.new("RGB", (300, 200), (200, 10, 10)), Image.new("RGB", (300, 200), (10, 10, 200))
    buffer = io.BytesIO()
    photo.save(buffer, format="MPO", save_all=True, append_images=[depth_map])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    prepared = prepare_image(upload(buffer.getvalue(), name="portrait.jpg"))

    assert prepared.extension == "jpg" and reopened(prepared).format == "JPEG"
    assert reopened(prepared).getpixel((150, 100))[0] > 150  # the photo, not the second picture


def test_transparency_survives_and_cmyk_becomes_rgb():
    transparent = prepare_image(upload(picture("PNG", mode="RGBA", color=(0, 0, 0, 0))))
    assert reopened(transparent).mode == "RGBA"
    cmyk = prepare_image(upload(picture("JPEG", mode="CMYK", color=(0, 0, 0, 255)), name="print.jpg"))
    assert reopened(cmyk).mode == "RGB"
