import django_filters
from django import forms
from django.utils.translation import gettext as _

from clinics.api.serializers import NOT_BLANK
from clinics.selectors import VISIBLE_TO_CENTRE
from correspondence.models import Letter


class NoEmptyParametersForm(forms.Form):
    """Refuse `?since=`: an empty parameter is a client's mistake, not "no filter"."""

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and not NOT_BLANK.regex.search(str(self.data.get(name))):
                self.add_error(
                    name, forms.ValidationError(_("Give a value or leave the parameter out."), code="empty")
                )
        return cleaned


class NulSafeCharField(forms.CharField):
    """A NUL (which PostgreSQL cannot take in a query) becomes U+FFFD, and so matches nothing."""

    def __init__(self, **kwargs) -> None:
        super().__init__(strip=False, **kwargs)

    def to_python(self, value: object) -> str:
        return super().to_python(value).replace("\x00", "\ufffd")


class NulSafeCharFilter(django_filters.CharFilter):
    field_class = NulSafeCharField


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
    patient = NulSafeCharFilter(
        field_name="donation__patient__reference", label="The centre's own patient reference."
    )

    class Meta:
        model = Letter
        fields = ["since", "status", "patient"]
        form = NoEmptyParametersForm
