"""Every read of letters, scoped to who asks."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from correspondence.models import Letter
from donors.models import Donation, Donor
from redaction import Known


def donations_for_donor(*, donor: Donor) -> QuerySet[Donation]:
    return (
        Donation.objects.filter(donor=donor)
        .exclude(product=Donation.Product.CORD)
        .order_by("-first_transplant_date", "pk")
    )


def letters_for_donor(*, donor: Donor) -> QuerySet[Letter]:
    """The donor's own letters, newest first, with their photo counts."""
    return (
        Letter.objects.filter(donation__donor=donor, direction=Letter.Direction.DONOR_TO_PATIENT)
        .select_related("donation")
        .annotate(photo_count=Count("attachments"))
        .order_by("-created_at")
    )


def letter_for_donor(*, donor: Donor, public_id: str) -> Letter:
    """The donor's own letter, or 404: another donor's letter does not exist for them."""
    return get_object_or_404(
        Letter.objects.select_related("donation").prefetch_related("attachments", "events"),
        public_id=public_id,
        donation__donor=donor,
        direction=Letter.Direction.DONOR_TO_PATIENT,
    )


def known_identities_for_donation(*, donation: Donation) -> Known:
    """What the registry knows of the donor and the centre shares of the patient, for the redaction pipeline.

    Both sides are passed whichever way the letter travels: a donor may name the patient's town,
    and a patient may quote the donor's first name from an earlier letter.
    """
    donor, patient = donation.donor, donation.patient
    names: list[str] = []
    for person in (donor, patient):
        full = " ".join(part for part in (person.given_names, person.family_name) if part)
        names += [full, person.given_names, person.family_name, *person.nickname_list]
    places = [donor.city, donor.region, donor.postcode, patient.city]
    organisations = [donor.employer, patient.centre.name]
    dates = [donor.date_of_birth.isoformat()] if donor.date_of_birth else []
    return Known(
        names=_distinct(names),
        places=_distinct(places),
        organisations=_distinct(organisations),
        phones=_distinct([donor.phone]),
        emails=_distinct([donor.email]),
        dates=tuple(dates),
    )


def _distinct(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))
