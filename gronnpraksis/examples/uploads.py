"""Checks for the images and documents people attach to an example, before anything is stored.

A file is what its first bytes say, not what its name or the browser claims: PNG, JPEG and WebP images,
PDF documents, and OpenDocument text (ODT) and Word (DOCX) files recognised by their zip contents. The
name's extension must agree with the content (a PDF called `photo.png` is refused), and the size must be
within the limit of its kind. An image's dimensions are read from its header and refused above
MAX_IMAGE_PIXELS before any pixel is decoded (image bombs), then Pillow checks the file's structure.

Every accepted image is then decoded and written anew by Pillow, so that what is stored carries no
metadata: a phone photo's EXIF holds the GPS position where it was taken (often the person's home), the
camera and the time. The EXIF orientation is applied to the pixels first, so the picture still shows the
right way up; then the image is saved in its own format (JPEG at quality 85, PNG optimised, WebP lossy or
lossless as it came) with its ICC colour profile (and a PNG's transparency) and nothing else: no EXIF, no
XMP, no comments, no PNG text chunks. An image whose pixels Pillow cannot decode (a JPEG cut off
halfway, say) is refused as damaged. Animated images (APNG, animated WebP) are refused: a still image is
all an example needs, and refusing is simpler and safer than re-encoding every frame. GIF is not accepted.
The stored image may be somewhat larger or smaller than the upload; what is recorded is the stored size,
and an image that would be stored larger than MAX_IMAGE_BYTES is refused.

`check_upload` writes nothing to storage. For an image it replaces the upload's own content (the
in-memory buffer or the temporary file) with the clean re-encoding, and the size, width and height it
returns describe that content, so the service stores and records exactly the clean file, under a random
name (`stored_name`), never the name the person's computer gave it. Documents are left as they came.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .models import AttachmentKind

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 5000
HEADER_BYTES = 64
JPEG_QUALITY = 85
WEBP_QUALITY = 85

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
    """An accepted upload: its type, size and (for images) dimensions, those of the clean re-encoding."""

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
    Leaves the file at its start. An accepted image's content is replaced by its re-encoding without
    metadata (see the module docstring); nothing is written to storage."""
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
            _check_image(upload, name, file_type)
            clean, width, height = _reencode_image(upload, name, file_type)
            if len(clean) > MAX_IMAGE_BYTES:  # a JPEG saved at low quality grows at ours
                raise ValidationError(
                    _(
                        "“%(name)s” would be larger than %(limit)s once saved again without its hidden "
                        "information (such as where the picture was taken). Make it smaller and try again."
                    ),
                    code="size",
                    params={"name": name[:80], "limit": filesizeformat(MAX_IMAGE_BYTES)},
                )
            _replace_content(upload, clean)
            return CheckedFile(file_type, len(clean), width, height)
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


def _check_image(upload: IO[bytes], name: str, file_type: FileType) -> None:
    """Refuses the image before decoding when its header says it would be too large, and when Pillow
    finds its structure broken or of another format."""
    broken = _broken(name)
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


def _reencode_image(upload: IO[bytes], name: str, file_type: FileType) -> tuple[bytes, int, int]:
    """The image decoded, turned by its EXIF orientation and saved again in its own format with only its
    pixels, ICC profile and transparency, and the width and height of the result. Called once
    `_check_image` has accepted the header, so the pixels decoded here are within MAX_IMAGE_PIXELS."""
    lossless = file_type == WEBP and _is_lossless_webp(upload)
    upload.seek(0)
    try:
        with Image.open(upload, formats=[file_type.pillow_format]) as image:
            if getattr(image, "n_frames", 1) > 1:
                raise ValidationError(
                    _(
                        "“%(name)s” is an animated image. Only still images are accepted: save one frame "
                        "as PNG, JPEG or WebP and try again."
                    ),
                    code="animated",
                    params={"name": name[:80]},
                )
            ImageOps.exif_transpose(image, in_place=True)  # decodes the pixels: damage shows here
            kept = {key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info}
            image.info = {}  # some encoders fall back to `info` (a JPEG's comment, for one)
            options: dict[str, object] = {"icc_profile": kept.get("icc_profile")}
            if file_type == JPEG:
                options |= {"quality": JPEG_QUALITY, "optimize": True}
            elif file_type == PNG:
                options |= {"optimize": True}
                if "transparency" in kept:
                    options["transparency"] = kept["transparency"]
            else:
                options |= {"lossless": lossless, "quality": WEBP_QUALITY, "method": 4}
            output = io.BytesIO()
            image.save(output, format=file_type.pillow_format, **options)
            width, height = image.size
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds of errors for malformed files
        raise _broken(name) from None
    return output.getvalue(), width, height


def _is_lossless_webp(upload: IO[bytes]) -> bool:
    """Whether the WebP's image data is lossless (a `VP8L` chunk rather than `VP8 `): a drawing or
    screenshot stays lossless, and a photo is not blown up by being stored lossless. Reads chunk headers
    only."""
    upload.seek(12)  # past "RIFF", the length and "WEBP"
    for _chunk in range(16):
        header = upload.read(8)
        if len(header) < 8:
            return False
        fourcc, length = header[:4], int.from_bytes(header[4:], "little")
        if fourcc in (b"VP8L", b"VP8 "):
            return fourcc == b"VP8L"
        upload.seek(length + (length & 1), io.SEEK_CUR)
    return False


def _replace_content(upload: UploadedFile, content: bytes) -> None:
    """Writes `content` over the upload's own file. In place, not by swapping `upload.file`: the storage
    moves a large upload's temporary file from `temporary_file_path()`, which must hold the clean bytes."""
    upload.seek(0)
    upload.truncate()
    upload.write(content)
    upload.flush()
    upload.seek(0)
    upload.size = len(content)


def _broken(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” could not be read as an image. It may be damaged; try saving it again."),
        code="broken",
        params={"name": name[:80]},
    )


def _too_many_pixels(name: str, dimensions: object) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” has too many pixels (%(dimensions)s). Images may have at most %(megapixels)s "
            "megapixels: make it smaller and try again."
        ),
        code="pixels",
        params={"name": name[:80], "dimensions": dimensions, "megapixels": MAX_IMAGE_PIXELS // 10**6},
    )
