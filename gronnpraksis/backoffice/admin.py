"""The networks in the admin: their name, look, host name and team. Here rather than in `editions`
because a logo is checked by the bank's upload checks (`backoffice.logos`), which editions may not import."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.core.files.uploadedfile import UploadedFile

from gronnpraksis.editions.models import Network, NetworkMember

from .logos import check_logo


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "name",
            "slug",
            "description",
            "about",
            "logo",
            "logo_description",
            "colour",
            "host",
            "contact_email",
            "is_national",
            "is_demo",
        ]

    def clean_logo(self) -> object:
        """Only an image, checked and re-encoded without its metadata, stored under a random name."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return check_logo(logo)
        return logo

    def clean_host(self) -> str:
        return str(self.cleaned_data.get("host", "")).strip().lower().removesuffix(".")


class NetworkMemberInline(admin.TabularInline):
    model = NetworkMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    form = NetworkForm
    list_display = ["name", "slug", "host", "colour", "is_national", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines: ClassVar[list[type[InlineModelAdmin[Any, Any]]]] = [NetworkMemberInline]
