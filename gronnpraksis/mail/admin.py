from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import OutboxMail

HIDDEN = _("(hidden: the mail carries a login code or a personal link)")


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    """Read-only. A mail that carries a secret (a login code, a manage link) shows no text here:
    a staff member who could read it could act as the recipient without their authenticator."""

    list_display = ["to", "subject", "status", "carries_secret", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template", "carries_secret"]
    search_fields = ["to", "subject"]
    exclude = ["body_text", "body_html", "attachments"]
    readonly_fields = [
        *(f.name for f in OutboxMail._meta.fields if f.name not in {"body_text", "body_html", "attachments"}),
        "text",
        "html",
        "attachment_names",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("text"))
    def text(self, mail: OutboxMail) -> str:
        return str(HIDDEN) if mail.carries_secret else mail.body_text

    @admin.display(description=_("HTML"))
    def html(self, mail: OutboxMail) -> str:
        return str(HIDDEN) if mail.carries_secret else mail.body_html

    @admin.display(description=_("attachments"))
    def attachment_names(self, mail: OutboxMail) -> str:
        return ", ".join(a.get("filename", "") for a in mail.attachments)
