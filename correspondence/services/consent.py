"""Consent to direct contact: each side gives or withdraws it; the newest record of a side counts."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from correspondence.models import Consent
from donors.models import Donation


@transaction.atomic
def consent_record(
    *,
    donation: Donation,
    side: str,
    status: str,
    source: str,
    recorded_by: AbstractBaseUser | None = None,
    signed_form_reference: str = "",
    signed_on: date | None = None,
) -> Consent:
    """Record one side's consent (given or withdrawn) for a donation."""
    consent = Consent(
        donation=donation,
        side=side,
        status=status,
        source=source,
        recorded_by=recorded_by,
        signed_form_reference=signed_form_reference,
        signed_on=signed_on,
    )
    consent.full_clean()
    consent.save()
    return consent


def consent_current(*, donation: Donation, side: str) -> Consent | None:
    """Return the side's newest consent record, or None when it never said anything."""
    return Consent.objects.filter(donation=donation, side=side).order_by("-recorded_at", "-pk").first()


def contact_requested_by(*, donation: Donation) -> str | None:
    """Return the side that first gave consent ("donor" or "patient"): the one who asked for contact."""
    first = (
        Consent.objects.filter(donation=donation, status=Consent.Status.GIVEN)
        .order_by("recorded_at", "pk")
        .first()
    )
    return first.side if first else None
