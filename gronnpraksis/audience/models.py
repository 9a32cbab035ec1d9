from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailKind(models.TextChoices):
    """What a group mail is about, which decides who may receive it."""

    # About the registration the person made (practical information, changes): everyone in the segment.
    REGISTRATION = "registration", _("About their registration (practical information, changes)")
    # Anything else (news, the next edition): only those who consented, with a one-click unsubscribe.
    NEWS = "news", _("News (only to those who want news)")


class GroupMailTemplate(models.Model):
    """An organiser's reusable mail to a group, kept per edition and copied to the next one.

    Placeholders in braces (`services.PLACEHOLDERS`) are filled in per recipient by plain substitution.
    """

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="group_mail_templates",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name of the template"), max_length=100)
    kind = models.CharField(_("kind of mail"), max_length=20, choices=MailKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("group mail template")
        verbose_name_plural = _("group mail templates")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="group_mail_template_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GroupMail(models.Model):
    """A mail that was sent to a segment: what, to whom (the segment's definition), how many, and by whom.

    Its outbox rows are linked through `GroupMailRecipient`.
    """

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="group_mails", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind of mail"), max_length=20, choices=MailKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    # The segment as the form's cleaned values (ids and codes), and as the organiser read it.
    segment = models.JSONField(_("segment"), default=dict)
    segment_description = models.TextField(_("who it went to"), blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("group mail")
        verbose_name_plural = _("group mails")

    def __str__(self) -> str:
        return self.subject


class GroupMailRecipient(models.Model):
    """One outbox row of a group mail, and the registration it went to."""

    group_mail = models.ForeignKey(GroupMail, on_delete=models.CASCADE, related_name="recipients")
    outbox_mail = models.OneToOneField(
        "mail.OutboxMail", on_delete=models.CASCADE, related_name="group_mail_recipient"
    )
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("group mail recipient")
        verbose_name_plural = _("group mail recipients")

    def __str__(self) -> str:
        return f"{self.group_mail_id} → {self.outbox_mail_id}"
