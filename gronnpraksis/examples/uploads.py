"""Checks for the images and documents people attach to an example, before anything is stored.

A file is what its first bytes say, not what its name or the browser claims: PNG, JPEG and WebP images,
PDF documents, and OpenDocument text (ODT) and Word (DOCX) files recognised by their zip contents. The
name's extension must agree with the content (a PDF called `photo.png` is refused), and the size must be
within the limit of its kind. An image's dimensions are read from its header and refused above
MAX_IMAGE_PIXELS before any pixel is decoded (image bombs), then Pillow checks the file's structure.

Nothing here writes: `check_upload` returns what is known about an accepted file, and the service stores it
under a random name (`stored_name`), never the name the person's computer gave it.
"""

import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .models import AttachmentKind

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 5000
HEADER_BYTES = 64

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileType:
    name: str  # what a person calls it
    kind: AttachmentKind
    content_type: str
    extensions: tuple[str, ...]  # the first is the one stored
    pillow_format: str = ""


PNG = FileType("PNG", AttachmentKind.IMAGE, "image/png", ("png",), "PNG")
JPEG = FileType("JPEG", AttachmentKind.IMAGE, "image/jpeg", ("jpg", "jpeg"), "JPEG")
WEBP = FileType("WebP", AttachmentKind.IMAGE, "image/webp", ("webp",), "WEBP")
PDF = FileType("PDF", AttachmentKind.DOCUMENT, "application/pdf", ("pdf",))
ODT = FileType("ODT", AttachmentKind.DOCUMENT, ODT_MIMETYPE.decode(), ("odt",))
DOCX = FileType(
    "DOCX",
    AttachmentKind.DOCUMENT,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
TYPES = (PNG, JPEG, WEBP, PDF, ODT, DOCX)
ACCEPT = ",".join(f".{ext}" for t in TYPES for ext in t.extensions)  # for <input accept>


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload: its type, size and (for images) dimensions."""

    type: FileType
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def kind(self) -> AttachmentKind:
        return self.type.kind

    @property
    def content_type(self) -> str:
        return self.type.content_type

    def stored_name(self) -> str:
        """A random file name with the type's extension: the person's own file name is never used."""
        return f"{uuid.uuid4().hex}.{self.type.extensions[0]}"


def check_upload(upload: UploadedFile) -> CheckedFile:
    """What the file is, or a ValidationError that says in plain words why it is refused.
    Reads the file (and leaves it at its start); writes nothing."""
    name = upload.name or ""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file “%(name)s” is empty."), code="empty", params={"name": name[:80]})
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(name, MAX_DOCUMENT_BYTES)
    try:
        upload.seek(0)
        file_type = _sniff(upload)
        if file_type is None:
            raise ValidationError(
                _(
                    "“%(name)s” is not a file type we accept. Images can be PNG, JPEG or WebP; documents "
                    "PDF, ODT or DOCX."
                ),
                code="type",
                params={"name": name[:80]},
            )
        _check_extension(name, file_type)
        if file_type.kind == AttachmentKind.IMAGE:
            if size > MAX_IMAGE_BYTES:
                raise _too_large(name, MAX_IMAGE_BYTES)
            width, height = _check_image(upload, name, file_type)
            return CheckedFile(file_type, size, width, height)
        return CheckedFile(file_type, size)
    finally:
        upload.seek(0)


def _too_large(name: str, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” is larger than %(limit)s, the limit for this kind of file. Make it smaller and try again."
        ),
        code="size",
        params={"name": name[:80], "limit": filesizeformat(limit)},
    )


def _sniff(upload: IO[bytes]) -> FileType | None:
    """The type the file's content shows, from its magic bytes (and, for zip files, their contents)."""
    head = upload.read(HEADER_BYTES)
    upload.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    return None


def _sniff_zip(upload: IO[bytes]) -> FileType | None:
    """ODT starts with an uncompressed `mimetype` entry naming it; DOCX has `word/document.xml` and
    `[Content_Types].xml`. Only the directory and that one small entry are read, never the rest."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return None
            names = {entry.filename for entry in entries}
            first = entries[0] if entries else None
            if (
                first is not None
                and first.filename == "mimetype"
                and first.file_size < 100
                and archive.read(first).strip() == ODT_MIMETYPE
            ):
                return ODT
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def _check_extension(name: str, file_type: FileType) -> None:
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in file_type.extensions:
        raise ValidationError(
            _(
                "“%(name)s” is a %(type)s file, but its name does not say so. Save it with the ending "
                ".%(extension)s and try again."
            ),
            code="disguised",
            params={"name": name[:80], "type": file_type.name, "extension": file_type.extensions[0]},
        )


def _check_image(upload: IO[bytes], name: str, file_type: FileType) -> tuple[int, int]:
    """The image's width and height, read from its header; refused before decoding when it would be
    too large, and refused when Pillow finds its structure broken or of another format."""
    broken = ValidationError(
        _("“%(name)s” could not be read as an image. It may be damaged; try saving it again."),
        code="broken",
        params={"name": name[:80]},
    )
    try:
        # `open` reads the header only; Pillow itself refuses far larger images (DecompressionBombError).
        with Image.open(upload, formats=[file_type.pillow_format]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels(name, f"{width} × {height}")
            image.verify()
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, _("far more than that")) from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds of errors for malformed files
        raise broken from None
    if width < 1 or height < 1:
        raise broken
    return width, height


def _too_many_pixels(name: str, dimensions: object) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” has too many pixels (%(dimensions)s). Images may have at most %(megapixels)s "
            "megapixels: make it smaller and try again."
        ),
        code="pixels",
        params={"name": name[:80], "dimensions": dimensions, "megapixels": MAX_IMAGE_PIXELS // 10**6},
    )
