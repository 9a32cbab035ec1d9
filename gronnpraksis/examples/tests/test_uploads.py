"""Images and documents attached to examples: a file is what its bytes say, within its size, and an image
bomb is refused from its header. Whatever is refused leaves nothing behind, in the database or on disk.
An accepted image is stored re-encoded, the right way up and without its EXIF (GPS), XMP or text."""

import html
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms, PngImagePlugin

from gronnpraksis.examples import uploads
from gronnpraksis.examples.models import Attachment, AttachmentKind, Example
from tests.factories import UserFactory

from .helpers import form_data, image_bytes, nb

# --- Files to upload ----------------------------------------------------------------------------------------


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size but holds the pixels of one row at most: a few hundred bytes that
    would decode to gigabytes. Refusing it proves the size was read from the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * min(width * 3 + 1, 100_000))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


GPS_IFD = 0x8825
ORIENTATION = 0x0112
SECRET = "Heimevegen 7, 59.9139 N 10.7522 E"  # stands for anything the metadata gives away
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="{SECRET}"/>'
    "</rdf:RDF></x:xmpmeta>"
).encode()
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def telling_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: the camera, the orientation and where the photo was taken."""
    exif = Image.Exif()
    exif[0x010F] = "Telefonprodusent"  # Make
    exif[0x010E] = SECRET  # ImageDescription
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (59.0, 54.0, 50.04), 3: "E", 4: (10.0, 45.0, 7.92)}
    return exif


def marked_image(size: tuple[int, int] = (40, 30), mode: str = "RGB") -> Image.Image:
    """Green, with a red top-left corner: where the corner ends up shows how the image was turned."""
    image = Image.new(mode, size, (30, 120, 80))
    image.paste((220, 20, 20), (0, 0, size[0] // 4, size[1] // 4))
    return image


def phone_jpeg(orientation: int = 6) -> bytes:
    """A 40 × 30 JPEG as a phone stores a portrait photo: sideways, with orientation 6 ("turn 90° clockwise
    to show"), GPS, XMP, a comment and an ICC profile."""
    buffer = io.BytesIO()
    marked_image().save(
        buffer,
        format="JPEG",
        exif=telling_exif(orientation),
        xmp=XMP,
        comment=SECRET,
        icc_profile=SRGB,
    )
    return buffer.getvalue()


def png_with_text() -> bytes:
    """A PNG with text chunks (tEXt, zTXt, iTXt with XMP) and an eXIf chunk with GPS."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_text("Location", SECRET, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    marked_image().save(buffer, format="PNG", pnginfo=info, exif=telling_exif())
    return buffer.getvalue()


def webp_with_metadata(*, lossless: bool) -> bytes:
    buffer = io.BytesIO()
    marked_image().save(
        buffer, format="WEBP", lossless=lossless, exif=telling_exif(6), xmp=XMP, icc_profile=SRGB
    )
    return buffer.getvalue()


def animated(fmt: str) -> bytes:
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (20, 20), "red"), Image.new("RGB", (20, 20), "blue")
    first.save(buffer, format=fmt, save_all=True, append_images=[second], duration=200)
    return buffer.getvalue()


def assert_no_metadata(content: bytes) -> Image.Image:
    """The stored image, once it is clear that nothing of the metadata is left in it."""
    image = Image.open(io.BytesIO(content))
    image.load()
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "Location"} & set(image.info)
    assert getattr(image, "text", {}) == {}  # PNG text chunks
    for telltale in (
        b"Exif",
        SECRET.encode(),
        b"Telefonprodusent",
        b"xmpmeta",
        b"tEXt",
        b"zTXt",
        b"iTXt",
        b"eXIf",
    ):
        assert telltale not in content
    return image


def is_red(pixel: float | tuple[int, ...] | None) -> bool:
    assert isinstance(pixel, tuple)
    red, green, _blue = pixel[:3]
    return red > 150 and green < 90


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if (i == 0 and stored_first) else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    return zip_bytes([("mimetype", uploads.ODT_MIMETYPE), ("content.xml", b"<office:document-content/>")])


def docx_bytes() -> bytes:
    return zip_bytes([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload(name, content))
    return caught.value


def english(error: ValidationError) -> str:
    with translation.override("en"):
        return str(error.message % error.params)


# --- What is accepted -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "content_type", "kind"),
    [
        ("foto.png", lambda: image_bytes("PNG"), "image/png", AttachmentKind.IMAGE),
        ("foto.JPG", lambda: image_bytes("JPEG"), "image/jpeg", AttachmentKind.IMAGE),
        ("foto.jpeg", lambda: image_bytes("JPEG"), "image/jpeg", AttachmentKind.IMAGE),
        ("foto.webp", lambda: image_bytes("WEBP"), "image/webp", AttachmentKind.IMAGE),
        ("rapport.pdf", pdf_bytes, "application/pdf", AttachmentKind.DOCUMENT),
        ("notat.odt", odt_bytes, "application/vnd.oasis.opendocument.text", AttachmentKind.DOCUMENT),
        (
            "plan.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            AttachmentKind.DOCUMENT,
        ),
    ],
)
def test_real_images_and_documents_are_accepted_by_their_content(name, make, content_type, kind):
    checked = uploads.check_upload(
        upload(name, make(), content_type="text/html")
    )  # the browser's claim is ignored

    assert (checked.content_type, checked.kind) == (content_type, kind)
    assert checked.stored_name().endswith("." + checked.type.extensions[0])


def test_an_image_s_dimensions_are_read_and_the_stored_name_is_random():
    checked = uploads.check_upload(upload("../../etc/passwd.png", image_bytes("PNG", (40, 30))))

    assert (checked.width, checked.height) == (40, 30)
    first, second = checked.stored_name(), checked.stored_name()
    assert first != second
    assert "passwd" not in first and "/" not in first


# --- What is refused ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("side.html", b"<html><script>alert(1)</script></html>", "type", "not a file type we accept"),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "type", "not a file type we accept"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "type", "not a file type"),
        ("animasjon.gif", b"GIF89a\x01\x00\x01\x00", "type", "not a file type"),
        ("program.exe", b"MZ\x90\x00", "type", "not a file type"),
        ("arkiv.docx", zip_bytes([("a.txt", b"hei")]), "type", "not a file type"),
        ("ikke-zip.docx", b"PK\x03\x04 not really a zip", "type", "not a file type"),
        ("tom.png", b"", "empty", "is empty"),
    ],
)
def test_wrong_types_are_refused_with_a_clear_message(name, content, code, words):
    error = refusal(name, content)

    assert error.code == code
    assert words in english(error)


@pytest.mark.parametrize(
    ("name", "content", "actual"),
    [
        ("bilde.png", pdf_bytes(), "PDF"),  # a PDF dressed up as an image
        ("bilde.jpg", image_bytes("PNG"), "PNG"),
        ("rapport.pdf", image_bytes("JPEG"), "JPEG"),
        ("dokument.docx", odt_bytes(), "ODT"),
        ("uten-endelse", image_bytes("PNG"), "PNG"),
    ],
)
def test_a_disguised_type_is_refused(name, content, actual):
    error = refusal(name, content)

    assert error.code == "disguised"
    assert f"is a {actual} file, but its name does not say so" in english(error)


def test_a_broken_image_is_refused():
    error = refusal("bilde.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200)

    assert error.code == "broken"


def test_oversized_files_are_refused_with_the_limit():
    image = image_bytes("PNG") + b"\x00" * uploads.MAX_IMAGE_BYTES
    document = pdf_bytes() + b"\x00" * uploads.MAX_DOCUMENT_BYTES

    image_error, document_error = refusal("stor.png", image), refusal("stor.pdf", document)

    assert (image_error.code, document_error.code) == ("size", "size")
    assert english(image_error).startswith("“stor.png” is larger than 5")
    assert english(document_error).startswith("“stor.pdf” is larger than 10")


def test_an_image_that_would_be_stored_larger_than_the_limit_is_refused(monkeypatch):
    """A photo saved at low quality grows when it is saved again at ours (85): the stored file, not
    only the upload, must keep within the limit."""
    noisy = Image.effect_noise((400, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=5)
    small = buffer.getvalue()
    monkeypatch.setattr(uploads, "MAX_IMAGE_BYTES", len(small) + 1)  # the upload itself is within it

    error = refusal("foto.jpg", small)

    assert error.code == "size"
    assert english(error).startswith("“foto.jpg” would be larger than")


@pytest.mark.parametrize(("width", "height"), [(8000, 6000), (20_000, 20_000), (1, 50_000_000)])
def test_an_image_bomb_is_refused_from_its_header_before_decoding(width, height):
    error = refusal("bombe.png", png_header_only(width, height))

    assert error.code == "pixels"
    assert "Images may have at most 40 megapixels" in english(error)


def test_an_image_at_the_pixel_limit_is_accepted():
    checked = uploads.check_upload(upload("stor.png", png_header_only(8000, 5000)))

    assert (checked.width, checked.height) == (8000, 5000)


def test_a_jpeg_cut_off_halfway_is_refused_as_damaged():
    """Its header and structure are fine; only decoding the pixels to store them anew finds the gap."""
    content = image_bytes("JPEG", (400, 300))

    error = refusal("bilde.jpg", content[: len(content) // 2])

    assert error.code == "broken"


@pytest.mark.parametrize(("name", "fmt"), [("animasjon.png", "PNG"), ("animasjon.webp", "WEBP")])
def test_an_animated_image_is_refused(name, fmt):
    error = refusal(name, animated(fmt))

    assert error.code == "animated"
    assert f"“{name}” is an animated image. Only still images are accepted" in english(error)


# --- Stored without metadata ----------------------------------------------------------------------------------


def test_a_phone_photo_loses_its_gps_and_is_turned_the_right_way_up():
    original = upload("IMG_0042.jpg", phone_jpeg(orientation=6))
    assert dict(Image.open(io.BytesIO(phone_jpeg())).getexif().get_ifd(GPS_IFD))  # the test's own premise

    checked = uploads.check_upload(original)

    assert original.tell() == 0
    content = original.read()
    stored = assert_no_metadata(content)
    assert (stored.format, stored.size, (checked.width, checked.height)) == ("JPEG", (30, 40), (30, 40))
    assert is_red(stored.getpixel((29, 0))) and not is_red(stored.getpixel((0, 0)))  # top-left → top-right
    assert stored.info.get("icc_profile") == SRGB  # colours are kept
    assert checked.size == original.size == len(content)


@pytest.mark.parametrize(
    ("name", "make", "fmt", "size"),
    [
        ("kart.png", png_with_text, "PNG", (40, 30)),
        ("foto.webp", lambda: webp_with_metadata(lossless=False), "WEBP", (30, 40)),
        ("tegning.webp", lambda: webp_with_metadata(lossless=True), "WEBP", (30, 40)),
        ("foto.jpg", lambda: phone_jpeg(orientation=1), "JPEG", (40, 30)),
    ],
)
def test_every_image_type_is_stored_without_metadata_in_its_own_format(name, make, fmt, size):
    original = upload(name, make())

    checked = uploads.check_upload(original)

    content = original.read()
    stored = assert_no_metadata(content)
    assert (stored.format, stored.size, (checked.width, checked.height)) == (fmt, size, size)
    assert checked.size == len(content)


@pytest.mark.parametrize("lossless", [True, False])
def test_a_webp_stays_lossless_or_lossy_as_it_came(lossless):
    original = upload("bilde.webp", webp_with_metadata(lossless=lossless))

    uploads.check_upload(original)

    assert (b"VP8L" in original.read()) is lossless


def test_a_png_keeps_its_transparency():
    image = Image.new("P", (20, 20), 1)
    image.putpalette([255, 255, 255, 30, 120, 80])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)
    original = upload("logo.png", buffer.getvalue())

    uploads.check_upload(original)

    stored = Image.open(io.BytesIO(original.read()))
    assert (stored.mode, stored.info.get("transparency")) == ("P", 0)


# --- Through the share form: refused means nothing stored ----------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sharer(db):
    return UserFactory(email="siri.deler@example.no", name="Siri Deler")


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bilde.png", pdf_bytes()),
        ("side.pdf", b"<html></html>"),
        ("bombe.png", png_header_only(20_000, 20_000)),
        ("stor.png", image_bytes("PNG") + b"\x00" * uploads.MAX_IMAGE_BYTES),
    ],
)
def test_a_refused_file_stores_nothing_and_keeps_what_was_typed(client, sharer, media, name, content):
    client.force_login(sharer)
    good = upload("kart.png", image_bytes("PNG"))
    data = form_data(**{"files-0-title": "Kart over området", "files-1-title": "Det som ble avvist"})

    response = client.post(
        "/eksempler/del/", {**data, "files-0-file": good, "files-1-file": upload(name, content)}
    )

    page = html.unescape(response.content.decode())
    with translation.override("nb"):
        message = str(refusal(name, content).messages[0])
    assert response.status_code == 200
    assert message in page
    assert nb("Choose your files again: files are not kept when the form must be corrected.") in page
    assert 'value="Matsvinn til matglede"' in page  # what was typed is still there
    assert (Example.objects.count(), Attachment.objects.count()) == (0, 0)
    assert stored_files(media) == []


@pytest.mark.django_db
def test_accepted_files_are_stored_under_random_names_with_their_checked_type(client, sharer, media):
    client.force_login(sharer)
    data = form_data(**{"files-0-title": "Kantina", "files-1-title": "Rapporten"})

    client.post(
        "/eksempler/del/",
        {
            **data,
            "files-0-file": upload("IMG_0001 kantina.jpg", image_bytes("JPEG", (64, 48)), "text/plain"),
            "files-1-file": upload("rapport.pdf", pdf_bytes(), "image/png"),
        },
    )

    example = Example.objects.get()
    document, image = example.attachments.order_by("kind")
    assert (document.kind, document.content_type, document.title) == (
        "document",
        "application/pdf",
        "Rapporten",
    )
    assert (image.kind, image.content_type, image.width, image.height) == ("image", "image/jpeg", 64, 48)
    assert image.file.name and document.file.name
    assert "kantina" not in image.file.name and "rapport" not in document.file.name
    assert sorted(p.name for p in stored_files(media)) == sorted(
        [image.file.name.rsplit("/", 1)[1], document.file.name.rsplit("/", 1)[1]]
    )


@pytest.mark.django_db
def test_a_file_without_a_title_is_refused_and_nothing_is_stored(client, sharer, media):
    client.force_login(sharer)

    response = client.post(
        "/eksempler/del/", {**form_data(), "files-0-file": upload("kart.png", image_bytes())}
    )

    message = nb("Give the file a title; for an image, say what it shows.")
    assert message in html.unescape(response.content.decode())
    assert (Example.objects.count(), stored_files(media)) == (0, [])


@pytest.mark.django_db
@pytest.mark.parametrize("memory_limit", [None, 0], ids=["in-memory", "temporary-file"])
def test_a_shared_photo_is_stored_without_metadata_and_recorded_as_stored(
    client, sharer, media, settings, memory_limit
):
    """Through the share form, for uploads kept in memory and for those Django writes to a temporary file
    (which the storage moves into place as it is)."""
    if memory_limit is not None:
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_limit
    client.force_login(sharer)
    data = form_data(**{"files-0-title": "Kantina", "files-1-title": "Kart"})

    client.post(
        "/eksempler/del/",
        {
            **data,
            "files-0-file": upload("IMG_0042.jpg", phone_jpeg(orientation=6), "image/jpeg"),
            "files-1-file": upload("kart.png", png_with_text(), "image/png"),
        },
    )

    photo, chart = Example.objects.get().attachments.order_by("content_type")
    for attachment, fmt, size in ((photo, "JPEG", (30, 40)), (chart, "PNG", (40, 30))):
        path = media / attachment.file.name
        content = path.read_bytes()
        stored = assert_no_metadata(content)
        assert (stored.format, stored.size) == (fmt, size)
        assert (attachment.width, attachment.height) == size
        assert attachment.size == path.stat().st_size == len(content)
    assert is_red(Image.open(media / photo.file.name).getpixel((29, 0)))
    assert len(stored_files(media)) == 2
