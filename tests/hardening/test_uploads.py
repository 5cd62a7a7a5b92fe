"""Uploads in the admin: images are checked for type and pixel count (decompression bombs are
refused with a readable error, never a 500), documents keep to WAGTAILDOCS_EXTENSIONS, and
documents are served as downloads that browsers may not sniff."""

import io
import struct
import warnings
import zlib

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.helpers import soup


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width, height):
    """A valid 1-bit greyscale PNG of ``width`` x ``height`` black pixels: a few kilobytes that
    would take width x height bytes of memory once decoded."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte, then the packed pixels
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def real_image(fmt="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser(
        username="upload.editor", email="upload@example.org", password="Correct-horse-battery-9"
    )
    client.force_login(user)
    return user


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "An upload",
            "description": "A test upload",
            "file": SimpleUploadedFile(name, content),
        },
    )


def field_errors(response):
    document = soup(response)
    return " ".join(
        item.get_text(" ", strip=True)
        for item in document.select(".error-message, .w-field__errors, .help-critical")
    )


def test_the_bomb_is_a_real_bomb():
    data = bomb_png(20_000, 20_000)
    assert len(data) < 200_000
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(data))


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_in_the_form(client, editor):
    images = get_image_model().objects.count()
    response = upload_image(client, "bomb.png", bomb_png(20_000, 20_000))
    assert response.status_code == 200
    assert "too many pixels" in field_errors(response)
    assert soup(response).select_one("form input[name=title]")["value"] == "An upload"
    assert get_image_model().objects.count() == images


@pytest.mark.django_db
def test_an_image_over_the_portals_pixel_limit_is_refused(client, editor):
    """Below Pillow's own bomb limit, above WAGTAILIMAGES_MAX_IMAGE_PIXELS."""
    side = 8_100
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < side * side < PILImage.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        response = upload_image(client, "huge.png", bomb_png(side, side))
    assert response.status_code == 200
    errors = field_errors(response)
    assert "too many pixels" in errors and f"{side * side}" in errors


@pytest.mark.django_db
def test_a_bomb_in_the_multiple_uploader_answers_with_the_reason(client, editor):
    images = get_image_model().objects.count()
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("bomb.png", bomb_png(20_000, 20_000))},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "too many pixels" in answer["error_message"]
    assert get_image_model().objects.count() == images


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"just some text, not an image\n" * 10, "Upload a valid image"),
        ("page.png", b"<html><script>alert(1)</script></html>", "does not match the file format"),
        ("photo.png", real_image("GIF"), "does not match the file format"),
        ("drawing.svg", SVG, "Not a supported image format"),
        ("drawing.png", SVG, "does not match the file format (svg)"),
        ("program.exe", b"MZ\x90\x00" + bytes(200), "Upload a valid image"),
    ],
    ids=["text-as-png", "html-as-png", "gif-as-png", "svg", "svg-as-png", "exe"],
)
def test_an_image_that_is_not_what_it_says_is_refused(client, editor, name, content, message):
    images = get_image_model().objects.count()
    response = upload_image(client, name, content)
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors and message in errors
    assert get_image_model().objects.count() == images


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "photo.webp"])
def test_a_real_image_is_accepted(client, editor, name):
    fmt = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
    response = upload_image(client, name, real_image(fmt))
    assert response.status_code == 302, field_errors(response)
    image = get_image_model().objects.latest("pk")
    assert (image.width, image.height) == (40, 30)


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "A document", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(200)),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("page.htm", b"<html><script>alert(1)</script></html>"),
        ("drawing.svg", SVG),
        ("script.js", b"alert(1)"),
        ("archive.zip", b"PK\x03\x04" + bytes(100)),
        ("noextension", b"plain"),
    ],
)
def test_documents_outside_the_allow_list_are_refused(client, editor, name, content):
    documents = get_document_model().objects.count()
    response = upload_document(client, name, content)
    assert response.status_code == 200
    assert "File extension" in field_errors(response) and "is not allowed" in field_errors(response)
    assert get_document_model().objects.count() == documents

    multiple = client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(name, content)}
    )
    assert multiple.status_code == 200 and multiple.json()["success"] is False
    assert get_document_model().objects.count() == documents


@pytest.mark.django_db
def test_an_allowed_document_is_accepted(client, editor):
    response = upload_document(client, "report.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302, field_errors(response)
    assert get_document_model().objects.latest("pk").file_extension == "pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("notes.txt", b"<html><script>alert(1)</script></html>"),
        ("figures.csv", b"a,b\n1,2\n"),
    ],
)
def test_documents_are_served_as_downloads_that_are_not_sniffed(client, db, name, content):
    document = get_document_model().objects.create(
        title="Served", file=ContentFile(content, name=name)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content
