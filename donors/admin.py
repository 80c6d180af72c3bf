from django.contrib import admin
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from simple_history.admin import SimpleHistoryAdmin

from donors.models import Donation, Donor, Infusion

IDENTITY_LOOKUPS = ("given_names", "family_name", "nicknames", "email", "phone", "date_of_birth", "city")


@admin.register(Donor)
class DonorAdmin(SimpleHistoryAdmin):
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
