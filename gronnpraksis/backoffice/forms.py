from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin
from gronnpraksis.editions.models import TeamRole


class TeamMemberForm(TextInputCleaningMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.REVIEWER)
