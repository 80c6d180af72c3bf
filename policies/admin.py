from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from policies.models import CountryRule


@admin.register(CountryRule)
class CountryRuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "country",
        "registry",
        "verified_badge",
        "anonymous_letters",
        "direct_contact",
        "anonymity_months",
        "max_letters_per_side",
        "last_reviewed",
    ]
    list_filter = ["verified", "anonymous_letters", "direct_contact", "gifts"]
    search_fields = ["country", "registry", "source", "notes"]
    ordering = ["country"]
    history_list_display = ["verified", "last_reviewed"]
    fieldsets = [
        (None, {"fields": ["country", "registry"]}),
        (
            _("Anonymous letters"),
            {
                "fields": [
                    "anonymous_letters",
                    "max_letters_per_side",
                    "letter_window_months",
                    "photos",
                    "gifts",
                ]
            },
        ),
        (
            _("Direct contact"),
            {"fields": ["direct_contact", "anonymity_months", "anonymity_anchor", "initiator"]},
        ),
        (_("Source"), {"fields": ["source", "notes", "verified", "last_reviewed"]}),
    ]

    @admin.display(description=_("verified"), ordering="verified")
    def verified_badge(self, obj: CountryRule) -> str:
        """Return the verified state, unverified rows marked so they stand out in the list."""
        if obj.verified:
            return format_html('<span class="policy-verified">{}</span>', _("verified"))
        return format_html('<strong class="policy-unverified">⚠ {}</strong>', _("unverified"))
