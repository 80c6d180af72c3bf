from django.contrib import admin
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from simple_history.admin import SimpleHistoryAdmin

from donors.models import Donation, Donor, IdentityView, Infusion
from donors.services import identity_view_record

IDENTITY_LOOKUPS = ("given_names", "family_name", "nicknames", "email", "phone", "date_of_birth", "city")


class IdentityAuditedAdmin(SimpleHistoryAdmin):
    """An admin whose change and history pages show someone's identity: every view of them is audited."""

    identity_kind: str = ""

    def _audit(self, request: HttpRequest, object_id: str | None, page: str) -> None:
        if object_id and str(object_id).isdigit() and self.get_object(request, object_id) is not None:
            identity_view_record(
                viewer=request.user, kind=self.identity_kind, subject_id=int(object_id), page=page
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            self._audit(request, object_id, "admin change page")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._audit(request, object_id, "admin history")
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if response.status_code == 200:
            self._audit(request, object_id, "admin past version")
        return response


@admin.register(Donor)
class DonorAdmin(IdentityAuditedAdmin):
    identity_kind = IdentityView.Kind.DONOR
    list_display = ("donor_number", "registry_country", "created_at")
    list_filter = ("registry_country",)
    search_fields = ("=donor_number",)
    raw_id_fields = ("user",)
    fieldsets = (
        (None, {"fields": ("donor_number", "registry_country", "user")}),
        (
            "Identity held by the registry (flagged wherever it appears in a letter)",
            {
                "fields": (
                    ("given_names", "family_name"),
                    "nicknames",
                    "date_of_birth",
                    ("email", "phone"),
                    ("city", "region", "postcode"),
                    "employer",
                )
            },
        ),
    )

    def lookup_allowed(self, lookup: str, value: str, request=None) -> bool:
        # The donor's identity is never a filter: it would leak through URLs and logs.
        if any(lookup.startswith(field) for field in IDENTITY_LOOKUPS):
            return False
        return super().lookup_allowed(lookup, value, request)

    @method_decorator(
        sensitive_post_parameters("date_of_birth", "email", "phone", "given_names", "family_name")
    )
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)


class InfusionInline(admin.TabularInline):
    model = Infusion
    extra = 0


@admin.register(Donation)
class DonationAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "donor", "patient", "product", "first_transplant_date", "requested_date")
    list_filter = ("product", "patient__centre__country")
    list_select_related = ("donor", "patient__centre")
    search_fields = ("=reference", "=donor__donor_number", "=patient__reference")
    raw_id_fields = ("donor", "patient")
    inlines = [InfusionInline]


@admin.register(IdentityView)
class IdentityViewAdmin(admin.ModelAdmin):
    """Who saw whose identity, and where: for the office's data-protection officer; nobody edits it."""

    list_display = ("viewed_at", "viewer", "kind", "subject_id", "page")
    list_filter = ("kind", "page")
    list_select_related = ("viewer",)
    date_hierarchy = "viewed_at"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
