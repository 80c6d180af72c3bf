"""Consent to direct contact: each side gives or withdraws it; the newest record of a side counts."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from correspondence import notifications
from correspondence.models import Consent
from correspondence.selectors import consent_current, direct_contact_status
from donors.models import Donation, Donor
from policies.rules import Code, codes


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
    """Record one side's consent (given or withdrawn) for a donation.

    When a side newly gives its consent, the other side is told (after commit): the donor by
    e-mail, the patient through their centre's contact address.
    """
    previous = consent_current(donation=donation, side=side)
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
    newly_given = status == Consent.Status.GIVEN and (previous is None or previous.status != status)
    if newly_given and side == Consent.Side.PATIENT:
        notifications.donor_notify_patient_consent(donation=donation)
    elif newly_given:
        notifications.centre_notify_donor_consent(donation=donation)
    return consent


DONOR_PAGE = "donor page"
CASEWORKER = "caseworker"


@transaction.atomic
def donor_consent_change(*, donor: Donor, donation: Donation, status: str, on: date) -> Consent:
    """Record the donor's own consent to direct contact, given or withdrawn, from their page.

    Giving is refused where direct contact can never happen, or where the rules want the patient
    to ask first and they have not; giving twice (or withdrawing twice) is refused as well.
    """
    if donation.donor_id != donor.pk:
        raise PermissionDenied("This donation is not the donor's.")
    current = consent_current(donation=donation, side=Consent.Side.DONOR)
    if status == Consent.Status.GIVEN:
        if current is not None and current.status == Consent.Status.GIVEN:
            raise ValidationError(_("You have already given your consent."), code="consent_unchanged")
        contact = direct_contact_status(donation=donation, on=on)
        if contact.never:
            raise ValidationError(
                _("Direct contact is never possible for this donation."), code="contact_never"
            )
        if Code.MISSING_PATIENT_REQUEST in codes(contact.missing):
            raise ValidationError(
                _("Your recipient must ask for direct contact first."), code="patient_asks_first"
            )
    elif status == Consent.Status.WITHDRAWN:
        if current is None or current.status != Consent.Status.GIVEN:
            raise ValidationError(_("You have not given your consent."), code="consent_unchanged")
    else:
        raise ValidationError(_("Choose to give or to withdraw consent."), code="bad_status")
    return consent_record(
        donation=donation,
        side=Consent.Side.DONOR,
        status=status,
        source=DONOR_PAGE,
        recorded_by=donor.user,
    )
