from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Capacity, Edition, EditionDay, EditionOrganisation, Goal, Theme, TicketType


class EditionOrganisationInline(admin.TabularInline):
    model = EditionOrganisation
    extra = 1
    autocomplete_fields = ["organisation"]


class EditionDayInline(admin.TabularInline):
    model = EditionDay
    extra = 0
    fields = ["date", "label", "starts_at", "ends_at", "capacity"]
    raw_id_fields = ["capacity"]


class TicketTypeInline(admin.TabularInline):
    model = TicketType
    extra = 0
    fields = ["name", "description", "price", "capacity", "is_active", "position"]
    raw_id_fields = ["capacity"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "starts_on", "host_municipality", "phase", "is_demo"]
    list_filter = ["phase", "is_demo"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["host_municipality"]
    raw_id_fields = ["capacity"]
    inlines = [EditionOrganisationInline, EditionDayInline, TicketTypeInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "headline", "phase", "is_demo")}),
        (_("Time and place"), {"fields": ("starts_on", "ends_on", "timezone", "venue_name", "venue_address", "host_municipality")}),
        (_("Deadlines"), {"fields": ("registration_deadline", "contribution_deadline", "nomination_deadline")}),
        (_("Texts"), {"fields": ("intro", "audience", "perspective", "award_text", "contact_email")}),
        (_("Film and parallel programme"), {"fields": ("film_url", "film_title", "partner_programme_name", "partner_programme_url", "partner_programme_text")}),
        (_("Seats"), {"fields": ("capacity",)}),
    )


class CapacityForm(forms.ModelForm):
    class Meta:
        model = Capacity
        fields = ["edition", "label", "limit"]

    def clean_limit(self) -> int:
        limit = self.cleaned_data["limit"]
        if self.instance.pk and limit < self.instance.taken:
            raise forms.ValidationError(
                _("%(taken)s seats are already taken; the limit cannot be lower.") % {"taken": self.instance.taken}
            )
        return limit


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    """Seat counters. Raising a limit gives the new seats to the waitlist at once."""

    form = CapacityForm
    list_display = ["label", "edition", "limit", "taken"]
    list_filter = ["edition"]
    search_fields = ["label"]
    readonly_fields = ["taken"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from gronnpraksis.registrations.services import set_capacity_limit

        if not change:
            super().save_model(request, obj, form, change)
            return
        new_limit = obj.limit
        obj.limit = Capacity.objects.get(pk=obj.pk).limit
        obj.label = form.cleaned_data["label"]
        obj.save(update_fields=["label"])
        set_capacity_limit(capacity=obj, limit=new_limit)
        messages.info(request, _("Seats updated; anyone waiting who now fits has been given a seat."))


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
