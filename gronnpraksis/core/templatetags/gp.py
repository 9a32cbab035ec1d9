from django import forms, template
from django.forms.boundfield import BoundField

from gronnpraksis.core import findable
from gronnpraksis.core.dates import format_when
from gronnpraksis.core.languages import language_links as _language_links

register = template.Library()

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.inclusion_tag("core/field.html")
def field(bound: BoundField, size: str = "") -> dict:
    """Render a form field with Designsystemet markup: label, description, input, error message,
    with aria-describedby and aria-invalid set so screen readers read them together."""
    widget = bound.field.widget
    description_id = f"{bound.auto_id}-description" if bound.help_text else ""
    error_id = f"{bound.auto_id}-error" if bound.errors else ""
    described_by = " ".join(part for part in [description_id, error_id] if part)
    attrs: dict[str, str | bool] = {"class": "ds-input"}
    if described_by:
        attrs["aria-describedby"] = described_by
    if bound.errors:
        attrs["aria-invalid"] = "true"
    if bound.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["aria-required"] = "true"
    kind = "text"
    if isinstance(widget, CHOICE_WIDGETS):
        kind = "choices"
        # The group's description and error are announced once, from the fieldset.
        widget.attrs.update(
            {k: v for k, v in attrs.items() if k not in {"aria-required", "aria-describedby"}}
        )
    elif isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
        widget.attrs.update(attrs)
    elif isinstance(widget, forms.HiddenInput):
        kind = "hidden"
    return {
        "field": bound,
        "kind": kind,
        "attrs": attrs,
        "rendered": bound.as_widget(attrs=attrs) if kind in {"text", "checkbox"} else "",
        "description_id": description_id,
        "error_id": error_id,
        "size": size,
    }


@register.filter
def first_error_id(bound: BoundField) -> str:
    """The id to link to from the error summary: the input, or the first choice in a group."""
    if isinstance(bound.field.widget, CHOICE_WIDGETS):
        return f"{bound.auto_id}_0"
    return bound.auto_id


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms_or_formsets: forms.BaseForm | forms.BaseFormSet | None) -> dict[str, object]:
    """One list of every error in the given forms and formsets, each linking to its field."""
    errors: list[tuple[str, str]] = []  # (href, text)
    for item in forms_or_formsets:
        if item is None:
            continue
        group = list(item) if isinstance(item, forms.BaseFormSet) else [item]
        if isinstance(item, forms.BaseFormSet):
            errors += [("", str(e)) for e in item.non_form_errors()]
        for form in group:
            errors += [("", str(e)) for e in form.non_field_errors()]
            for bound in form.visible_fields():
                errors += [
                    (f"#{first_error_id(bound)}", f"{str(bound.label).rstrip('.')}: {e}")
                    for e in bound.errors
                ]
    return {"errors": errors}


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """`mapping[key]` in a template, or None: `{{ counts|get_item:item.id }}`."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list:
    """The same page in each language, for the header: `{% language_links as languages %}`."""
    request = context.get("request")
    return _language_links(request) if request is not None else []


@register.filter(expects_localtime=True, is_safe=False)
def when(value: object, style: str) -> str:
    """A date or time in the active language's format for `style` (see `core.dates`):
    `{{ edition.starts_on|when:"date" }}` → "15. mai 2027" / "15 May 2027"."""
    if value in (None, ""):
        return ""
    return format_when(value, style)  # type: ignore[arg-type]


@register.inclusion_tag("core/page_links.html", takes_context=True)
def page_links(context: template.Context) -> dict:
    """The canonical link, the `hreflang` alternates and `og:url`/`og:locale` for the page's `<head>`.
    A search page sets `canonical_query` (its recognised parameters) in its context."""
    request = context.get("request")
    if request is None:
        return {}
    path = findable.canonical_path(request, str(context.get("canonical_query") or ""))
    locale, other_locales = findable.og_locales()
    return {
        "canonical": findable.absolute(path),
        "alternates": findable.alternates(path),
        "og_locale": locale,
        "og_other_locales": other_locales,
    }


@register.simple_tag
def default_og_image() -> str:
    """The absolute address of the default social-preview image."""
    return findable.default_image()
