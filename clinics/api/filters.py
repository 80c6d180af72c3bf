import django_filters

from clinics.selectors import VISIBLE_TO_CENTRE
from correspondence.models import Letter


class CentreLetterFilter(django_filters.FilterSet):
    """Filters of the letters list; they narrow letters_for_centre, never widen it."""

    since = django_filters.IsoDateTimeFilter(
        field_name="forwarded_at",
        lookup_expr="gte",
        label="Only letters sent (forwarded) at or after this time, ISO 8601 (e.g. 2026-05-01T00:00:00Z).",
    )
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in VISIBLE_TO_CENTRE],
        label="forwarded (not yet acknowledged) or delivered (acknowledged).",
    )
    patient = django_filters.CharFilter(
        field_name="donation__patient__reference", label="The centre's own patient reference."
    )

    class Meta:
        model = Letter
        fields = ["since", "status", "patient"]
