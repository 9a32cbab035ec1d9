from django import forms
from django.contrib import admin
from django.http import HttpRequest

from . import services
from .models import Example


@admin.register(Example)
class ExampleAdmin(admin.ModelAdmin):
    """Staff may change examples here, so every save brings the search index up to date (a delete needs
    nothing: the index's triggers remove the example's rows, migration 0005)."""

    list_display = ["title", "owner_name", "state", "stage", "created_at"]
    list_filter = ["state", "stage", "themes", "is_demo"]
    search_fields = ["title", "summary", "owner_name"]
    filter_horizontal = ["themes", "goals"]
    autocomplete_fields = ["municipalities", "owner_organisation"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseInlineFormSet],
        change: bool,
    ) -> None:
        # The admin always calls this right after save_model (change form and list_editable alike), and
        # only here are the themes, goals and municipalities saved: the one place to index, once.
        super().save_related(request, form, formsets, change)
        services.index_example(form.instance)
