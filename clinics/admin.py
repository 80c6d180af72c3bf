from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from clinics.models import CentreAPIKey, Patient, TransplantCentre
from donors.admin import IdentityAuditedAdmin
from donors.models import IdentityView


@admin.register(TransplantCentre)
class TransplantCentreAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "name",
        "country",
        "contact_email",
        "allows_anonymous_correspondence",
        "allows_direct_contact",
    )
    list_filter = ("country", "allows_anonymous_correspondence", "allows_direct_contact")
    search_fields = ("code", "name")


@admin.register(Patient)
class PatientAdmin(IdentityAuditedAdmin):
    identity_kind = IdentityView.Kind.PATIENT
    list_display = ("reference", "centre")
    list_filter = ("centre__country", "centre")
    list_select_related = ("centre",)
    search_fields = ("=reference",)
    raw_id_fields = ("centre",)

    def lookup_allowed(self, lookup: str, value: str, request=None) -> bool:
        if lookup.startswith(("given_names", "family_name", "nicknames", "city")):
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(CentreAPIKey)
class CentreAPIKeyAdmin(APIKeyModelAdmin):
    """Keys are shown once, when created; revoking one here locks its client out at once."""

    list_display = (*APIKeyModelAdmin.list_display, "centre")
    list_filter = (*APIKeyModelAdmin.list_filter, "revoked", "centre")
    list_select_related = ("centre",)
    search_fields = (*APIKeyModelAdmin.search_fields, "centre__code")
    raw_id_fields = ("centre",)
