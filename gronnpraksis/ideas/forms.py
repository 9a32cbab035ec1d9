from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import (
    HoneypotField,
    SafeModelMultipleChoiceField,
    clean_text,
)
from gronnpraksis.editions.models import Theme
from gronnpraksis.places.forms import MunicipalityField

from .models import IdeaStatus

COMMENT_MAX = 4000


class PlainTextField(forms.CharField):
    """Text stripped of control characters (NUL included) and NFC-normalised *before* it is checked,
    so text that is nothing but invisible characters counts as empty."""

    def to_python(self, value):  # type: ignore[no-untyped-def]
        return clean_text(super().to_python(value) or "")


class CommentForm(forms.Form):
    author_name = PlainTextField(
        label=_("Your name"),
        max_length=200,
        help_text=_("Shown with the comment. Your e-mail address is not."),
    )
    text = PlainTextField(
        label=_("Comment or suggestion"),
        max_length=COMMENT_MAX,
        help_text=_("Plain text, at most 4000 characters. Web addresses become links."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OfferForm(forms.Form):
    name = PlainTextField(
        label=_("Your name"),
        max_length=200,
        help_text=_("Shown as a co-owner if the owner accepts. Your e-mail address is not."),
    )
    message = PlainTextField(
        label=_("What would you like to contribute?"),
        max_length=2000,
        help_text=_("A few sentences to the owner: what you know, what you can do. At most 2000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReportForm(forms.Form):
    reason = PlainTextField(
        label=_("What is wrong with the comment? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = HoneypotField()


class IdeaForm(forms.Form):
    """The owners edit the idea."""

    title = PlainTextField(label=_("Title"), max_length=200)
    text = PlainTextField(
        label=_("The idea"),
        max_length=10000,
        help_text=_("What the idea is, what it could solve, and what help you need to take it further."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    themes = SafeModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = MunicipalityField(
        label=_("Municipality (optional)"),
        required=False,
        help_text=_("Where the idea would be tried. Start typing and choose from the list."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (IdeaStatus.FOR_DEBATE.value, IdeaStatus.FOR_DEBATE.label),
            (IdeaStatus.DEVELOPED.value, IdeaStatus.DEVELOPED.label),
        ],
        widget=forms.RadioSelect,
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


COMMENT_DECISIONS = [
    ("hide", _("Hide the comment")),
    ("keep", _("Keep it as it is")),
    ("restore", _("Show it again")),
]


class CommentModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=COMMENT_DECISIONS, widget=forms.RadioSelect)
    reason = PlainTextField(
        label=_("Reason"),
        max_length=1000,
        help_text=_("Required. Kept with the decision; the public does not see it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, hidden: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # A visible comment can be hidden or kept; a hidden one shown again or kept hidden.
        left_out = "hide" if hidden else "restore"
        self.fields["action"].choices = [c for c in COMMENT_DECISIONS if c[0] != left_out]  # type: ignore[attr-defined]


class IdeaModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish the idea")), ("hide", _("Hide the idea"))],
        widget=forms.RadioSelect,
    )
    reason = PlainTextField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        help_text=_("Required when hiding. The owners see it; the public does not."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean() or {}
        if cleaned.get("action") == "hide" and not cleaned.get("reason"):
            self.add_error("reason", _("Write why the idea is hidden."))
        return cleaned
