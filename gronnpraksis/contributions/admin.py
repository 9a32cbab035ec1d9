from django.contrib import admin

from .models import Contribution, Contributor


class ContributorInline(admin.TabularInline):
    model = Contributor
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "kind", "state", "municipality", "wished_format", "submitted_at"]
    list_filter = ["edition", "kind", "state", "themes", "wished_format", "municipality__county"]
    search_fields = [
        "title",
        "summary",
        "description",
        "contributors__name",
        "contributors__email",
        "organisation_name",
    ]
    list_select_related = ["edition", "municipality"]
    autocomplete_fields = ["municipality", "organisation"]
    filter_horizontal = ["themes", "goals"]
    raw_id_fields = ["registration", "example", "idea", "created_by"]
    readonly_fields = ["submitted_at", "created_at", "updated_at"]
    inlines = [ContributorInline]
