"""A network's logo, checked once for the admin and the back office's network page alike. Here rather
than in `editions` because it goes through the bank's upload checks (`examples.uploads`), which
editions may not import."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gronnpraksis.examples.models import AttachmentKind
from gronnpraksis.examples.uploads import check_upload


def check_logo(logo: UploadedFile) -> UploadedFile:
    """Only an image: checked and re-encoded without its metadata (`check_upload`), renamed to a random
    name. Raises ValidationError with a message that says why it is refused."""
    checked = check_upload(logo)
    if checked.kind != AttachmentKind.IMAGE:
        raise ValidationError(_("The logo must be an image: PNG, JPEG or WebP."), code="type")
    logo.name = checked.stored_name()
    return logo
