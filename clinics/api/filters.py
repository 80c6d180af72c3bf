from datetime import UTC, datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request
from rest_framework.views import APIView

from clinics.api.serializers import NOT_BLANK
from clinics.selectors import VISIBLE_TO_CENTRE
from correspondence.models import Letter
from donors.models import Donation


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


def _utc(value: datetime) -> datetime:
    """In UTC: PostgreSQL refuses offsets past 15:59, which ISO 8601 allows (up to 23:59)."""
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01 east of UTC, or 9999-12-31 west of it
        return datetime.min.replace(tzinfo=UTC) if value.year == 1 else datetime.max.replace(tzinfo=UTC)


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
        method="filter_since",
        label="Only letters sent (forwarded) at or after this time, ISO 8601 (e.g. 2026-05-01T00:00:00Z).",
    )
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in VISIBLE_TO_CENTRE],
        label="forwarded (not yet acknowledged) or delivered (acknowledged).",
    )
    patient = NulSafeCharFilter(
        field_name="donation__patient__reference", label="The centre's own patient reference."
    )

    def filter_since(self, queryset: QuerySet[Letter], name: str, value: datetime) -> QuerySet[Letter]:
        return queryset.filter(forwarded_at__gte=_utc(value))

    class Meta:
        model = Letter
        fields = ["since", "status", "patient"]
        form = NoEmptyParametersForm


REPLY_STATUSES = [s for s in Letter.Status if s not in (Letter.Status.DRAFT, Letter.Status.WITHDRAWN)]


class CentreReplyFilter(django_filters.FilterSet):
    """Filters of the replies list; they narrow replies_for_centre, never widen it."""

    since = django_filters.IsoDateTimeFilter(
        method="filter_since",
        label="Only replies that changed (any status) at or after this time, ISO 8601.",
    )
    status = django_filters.ChoiceFilter(choices=[(s.value, s.label) for s in REPLY_STATUSES])

    def filter_since(self, queryset: QuerySet[Letter], name: str, value: datetime) -> QuerySet[Letter]:
        return queryset.filter(updated_at__gte=_utc(value))

    class Meta:
        model = Letter
        fields = ["since", "status"]
        form = NoEmptyParametersForm


class OnlyWhenAskedFilterBackend(DjangoFilterBackend):
    """django-filter, left out when the request names none of the filters.

    A FilterSet builds and validates a form even for a bare page request, which is most of the
    requests a syncing client makes; with no filter parameter there is nothing to narrow.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet, view: APIView) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or filterset_class.base_filters.keys().isdisjoint(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class CentreDonationFilter(django_filters.FilterSet):
    """Filters of the donations list; they narrow donation_rows_for_centre, never widen it."""

    patient = NulSafeCharFilter(field_name="patient__reference", label="The centre's own patient reference.")

    class Meta:
        model = Donation
        fields = ["patient"]
        form = NoEmptyParametersForm
