from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.text import slugify


class IdeaStatus(models.TextChoices):
    FOR_DEBATE = "til-debatt", _("For debate")
    DEVELOPED = "videreutviklet", _("Developed further")
    BECAME_EXAMPLE = "blitt-eksempel", _("Became a practice example")


class IdeaVisibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class IdeaQuerySet(models.QuerySet["Idea"]):
    def published(self) -> "IdeaQuerySet":
        return self.filter(visibility=IdeaVisibility.PUBLISHED)


class Idea(models.Model):
    """An unfinished idea (uferdig idé), brought for debate and development.

    The owner (and the co-owners: accepted `HelpOffer`s) edit it, publish it and promote it to a
    practice example; moderators publish and hide it. Only published ideas are public.
    """

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    owner_name = models.CharField(_("owner"), max_length=200)
    themes = models.ManyToManyField(
        "editions.Theme", related_name="ideas", blank=True, verbose_name=_("themes")
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="ideas"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.FOR_DEBATE
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=IdeaVisibility.choices, default=IdeaVisibility.DRAFT
    )
    example = models.OneToOneField(
        "examples.Example",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        verbose_name=_("practice example"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unfinished idea")
        verbose_name_plural = _("unfinished ideas")
        permissions = [("moderate_idea", "Can moderate ideas and comments")]
        # The public list: published ideas, newest first.
        indexes = [models.Index(fields=["visibility", "created_at"], name="idea_visibility_created")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """`/ideer/<id>-<title as slug>/`: the id finds the idea, an old slug redirects."""
        return reverse("ideas:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(self.title, max_length=80, fallback="ide")

    @property
    def is_published(self) -> bool:
        return self.visibility == IdeaVisibility.PUBLISHED


class Comment(models.Model):
    """A suggestion on an idea, by a logged-in person. Plain text: shown escaped, links made clickable.

    A hidden comment keeps its text for the moderators, but the public only sees that it was hidden.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("name"), max_length=200)
    text = models.TextField(_("comment"))
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["idea", "created_at"], name="idea_comment_idea_created")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"


class CommentReport(models.Model):
    """Someone thinks a comment breaks the rules. Open until a moderator decides on the comment.

    `reporter_key` is the reporter's account ("u:<id>") or a keyed hash of their IP address
    ("ip:<hash>"): it keeps one report per person and comment, and limits how many a person sends.
    """

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_key = models.CharField(max_length=80)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="comment_report_once"),
        ]
        indexes = [
            models.Index(fields=["reporter_key", "created_at"], name="comment_report_rate"),
            models.Index(fields=["resolved_at", "comment"], name="comment_report_open"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason[:60]}"


class ModerationAction(models.TextChoices):
    HIDE_COMMENT = "hide-comment", _("Comment hidden")
    RESTORE_COMMENT = "restore-comment", _("Comment shown again")
    KEEP_COMMENT = "keep-comment", _("Comment kept (reports dismissed)")
    PUBLISH_IDEA = "publish-idea", _("Idea published")
    HIDE_IDEA = "hide-idea", _("Idea hidden")


class ModerationRecord(models.Model):
    """Who did what to which comment or idea, when and why. Rows are only ever added."""

    action = models.CharField(_("action"), max_length=20, choices=ModerationAction.choices)
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="moderation_records", verbose_name=_("idea")
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_records"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moderator_name = models.CharField(_("by"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation record")
        verbose_name_plural = _("moderation records")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.moderator_name})"


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class HelpOffer(models.Model):
    """ "Vil bidra": a logged-in person offers to help develop an idea. Accepted, they are a co-owner."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="offers", verbose_name=_("idea"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_offers")
    name = models.CharField(_("name"), max_length=200)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    language = models.CharField(max_length=10, default="nb")
    created_at = models.DateTimeField(_("offered"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("offer to help")
        verbose_name_plural = _("offers to help")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_offer_once")]

    def __str__(self) -> str:
        return f"{self.name} → {self.idea_id}"


class NotificationOptOut(models.Model):
    """The person wants no more mails about this idea (one click from any of its mails; reversible)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="opt_outs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stopped notification")
        verbose_name_plural = _("stopped notifications")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user_id} × {self.idea_id}"
