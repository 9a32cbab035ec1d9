from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Gave up")


class OutboxMailQuerySet(models.QuerySet["OutboxMail"]):
    def due(self, now) -> "OutboxMailQuerySet":  # type: ignore[no-untyped-def]
        return self.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).order_by(
            "next_attempt_at", "id"
        )


class OutboxMail(models.Model):
    """A mail waiting to be sent, written in the same transaction as the change that causes it.

    `manage.py worker` sends due rows, retrying with exponential backoff when the mail
    server fails; nothing is sent from inside a request.
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="[{filename, mimetype, content}] (text content)"
    )
    template = models.CharField(_("template"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    carries_secret = models.BooleanField(
        _("carries a secret"),
        default=False,
        help_text=_(
            "A login code or a personal link. The text is hidden in the admin, removed once sent, and the row "
            "is deleted after MAIL_SECRET_RETENTION_HOURS."
        ),
    )

    objects = OutboxMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbox mail")
        verbose_name_plural = _("outbox mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["carries_secret", "created_at"], name="outbox_secret_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
