from django import forms


class StarForm(forms.Form):
    """Star or unstar one item; `next` is the page to return to (checked before redirecting)."""

    action = forms.ChoiceField(choices=[("star", "star"), ("unstar", "unstar")])
    next = forms.CharField(required=False, max_length=2000)
