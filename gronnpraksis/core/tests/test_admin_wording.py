"""The admin speaks Norwegian: filter titles, column headings and model names come from translatable
verbose names (issue 18, item 11: "Etter edition", "Etter county"), and Django's own admin strings that
its nb/nn catalogues lack are translated in ours ("Show counts", "Run", "Search påmeldinger")."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import translation
from django.utils.functional import Promise

from gronnpraksis.registrations.models import Registration
from tests.factories import EditionFactory


def our_admins() -> list[tuple[type[Model], ModelAdmin]]:
    return [
        (model, ma)
        for model, ma in admin.site._registry.items()
        if model.__module__.startswith("gronnpraksis")
    ]


def test_every_filter_and_column_has_a_translatable_name():
    untranslatable = []
    for model, model_admin in our_admins():
        for name in [*model_admin.list_filter, *model_admin.list_display]:
            if not isinstance(name, str) or name == "__str__":
                continue
            try:
                field = get_fields_from_path(model, name)[-1]
            except (FieldDoesNotExist, NotRelationField):  # a method, named by its own description
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslatable.append(f"{model._meta.label}.{name}: {field.verbose_name!r}")
        for attribute in ("verbose_name", "verbose_name_plural"):
            if not isinstance(getattr(model._meta, attribute), Promise):
                untranslatable.append(f"{model._meta.label} Meta.{attribute}")
    assert not untranslatable, "\n".join(untranslatable)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/nn"])
def test_the_registration_list_is_norwegian(client, organiser, edition, prefix):
    EditionFactory(slug="gp30", name="Grønn Praksis 30")  # two editions: the edition filter shows
    client.force_login(organiser)

    page = client.get(f"{prefix}/admin/registrations/registration/?_facets=1").content.decode()

    with translation.override(prefix.strip("/") or "nb"):
        edition = str(Registration._meta.get_field("edition").verbose_name)
    assert edition == "årgang"
    assert re.search(rf"Etter\s+{edition}", page) and re.search(r"Etter\s+fylke", page)
    for english in [
        "Hide counts",
        "Show counts",
        ">Run<",
        "Start typing to filter",
        "Search påmeldinger",
        "Etter edition",
        "Etter county",
    ]:
        assert english not in page, english
