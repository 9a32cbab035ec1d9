from django.contrib import admin

from . import services
from .models import Example


@admin.register(Example)
class ExampleAdmin(admin.ModelAdmin):
    """Staff may change examples here, so every save and delete brings the search index up to date."""

    list_display = ["title", "owner_name", "state", "stage", "created_at"]
    list_filter = ["state", "stage", "themes", "is_demo"]
    search_fields = ["title", "summary", "owner_name"]
    filter_horizontal = ["themes", "goals"]
    autocomplete_fields = ["municipalities", "owner_organisation"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        # The admin always calls this right after save_model (change form and list_editable alike), and
        # only here are the themes, goals and municipalities saved: the one place to index, once.
        super().save_related(request, form, formsets, change)
        services.index_example(form.instance)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        pk = obj.pk
        super().delete_model(request, obj)
        services.index_examples([pk])  # an example no longer in the database leaves the index

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        services.index_examples(ids)
