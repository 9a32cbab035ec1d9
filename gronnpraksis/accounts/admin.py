from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "name"]
    # Accounts are deleted only through the privacy app's action, which anonymises what must stay and
    # logs it (privacy/admin.py adds it to this admin).
    fieldsets = (
        (None, {"fields": ("email", "name", "password")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # An account's address changes only through the proven flow on Min side (a code sent to
        # the new address), never by typing it here.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "email"] if obj is not None else readonly

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
