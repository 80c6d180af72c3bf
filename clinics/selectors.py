"""Every read of the clinic API, scoped to the asking centre: the one access path for its querysets.

A centre sees donor letters to its own patients once forwarded, and only their redacted version;
anything else does not exist for it (404).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from clinics.models import TransplantCentre
from correspondence.models import Attachment, Letter, PatientReport
from correspondence.selectors import PatientStanding, direct_contact_status
from donors.models import Donation
from policies import rules

VISIBLE_TO_CENTRE = Letter.SENT


def letters_for_centre(*, centre: TransplantCentre) -> QuerySet[Letter]:
    """Donor letters forwarded to the centre's patients, loading only what the API shows of them.

    Only the listed columns are read: the original text, notes and flags are never even loaded
    for an API response (and loading fewer model fields keeps a page of 50 cheap).
    """
    return (
        Letter.objects.filter(
            donation__patient__centre=centre,
            direction=Letter.Direction.DONOR_TO_PATIENT,
            status__in=VISIBLE_TO_CENTRE,
            redacted__isnull=False,
            forwarded_at__isnull=False,
        )
        .select_related("donation__patient", "redacted", "in_reply_to")
        .only(*API_COLUMNS)
    )


API_COLUMNS = (
    "public_id",
    "status",
    "direction",
    "forwarded_at",
    "delivered_at",
    "language",
    "donation__public_id",
    "donation__reference",
    "donation__patient__reference",
    "donation__patient__centre_id",
    "redacted__text",
    "in_reply_to__public_id",
)


# What the letters list shows (clinics.api.serializers.centre_letter_rows), and the id for its audit rows.
LETTER_ROW_COLUMNS = (
    "pk",
    "public_id",
    "status",
    "donation__patient__reference",
    "donation__public_id",
    "donation__reference",
    "forwarded_at",
    "delivered_at",
    "language",
    "in_reply_to__public_id",
    "redacted__text",
)


def letter_rows_for_centre(*, centre: TransplantCentre) -> QuerySet:
    """letters_for_centre as plain rows (named tuples of LETTER_ROW_COLUMNS), for the letters list.

    The same letters (the list's filters and cursor ordering apply as before), read in one query of
    exactly these columns, with no model instances (a page of 50 would otherwise build some 200).
    """
    return letters_for_centre(centre=centre).values_list(*LETTER_ROW_COLUMNS, named=True)


def _uuid(value: object) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def letter_for_centre(*, centre: TransplantCentre, public_id: UUID | str) -> Letter:
    """One letter from letters_for_centre, or 404."""
    letter = (
        letters_for_centre(centre=centre)
        .filter(public_id=_uuid(public_id))
        .prefetch_related(
            Prefetch("redacted__attachments", queryset=Attachment.objects.order_by("created_at", "pk"))
        )
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def attachment_for_centre(
    *, centre: TransplantCentre, public_id: UUID | str, attachment_id: UUID | str
) -> Attachment:
    """A photo the caseworker released with a letter the centre may see, or 404."""
    letter = letter_for_centre(centre=centre, public_id=public_id)
    attachment = letter.redacted.attachments.filter(public_id=_uuid(attachment_id)).first()
    if attachment is None:
        raise Http404
    return attachment


REPLY_COLUMNS = (
    "public_id",
    "status",
    "status_reason",
    "submitted_at",
    "forwarded_at",
    "delivered_at",
    "updated_at",
    "donation__public_id",
    "in_reply_to__public_id",
)


def replies_for_centre(*, centre: TransplantCentre) -> QuerySet[Letter]:
    """The replies the centre sent for its patients, with their photo counts; their text is not loaded."""
    return (
        Letter.objects.filter(donation__patient__centre=centre, direction=Letter.Direction.PATIENT_TO_DONOR)
        .exclude(status=Letter.Status.DRAFT)
        .select_related("donation", "in_reply_to")
        .only(*REPLY_COLUMNS)
        .annotate(photo_count=Count("attachments"))
    )


def reply_for_centre(*, centre: TransplantCentre, public_id: UUID | str) -> Letter:
    """One of the centre's replies, or 404: another centre's reply does not exist for it."""
    reply = replies_for_centre(centre=centre).filter(public_id=_uuid(public_id)).first()
    if reply is None:
        raise Http404
    return reply


def donations_for_centre(*, centre: TransplantCentre) -> QuerySet[Donation]:
    """Donations to the centre's patients."""
    return Donation.objects.filter(patient__centre=centre).select_related("patient__centre", "donor")


def donation_for_centre(*, centre: TransplantCentre, public_id: UUID | str) -> Donation:
    """One donation to the centre's patients, or 404."""
    donation = donations_for_centre(centre=centre).filter(public_id=_uuid(public_id)).first()
    if donation is None:
        raise Http404
    return donation


def contact_status_for_donation(*, donation: Donation, on: date) -> rules.ContactStatus:
    """The policy's answer on direct contact for the donation, with both sides' current consent."""
    return direct_contact_status(donation=donation, on=on)


@dataclass(frozen=True)
class DonationOverview:
    """What a centre may know of one of its patients' donations, and what is possible now.

    Never the donor's identity: the donor appears only as their registry's country.
    """

    donation: Donation
    standing: PatientStanding
    reports: tuple[PatientReport, ...]
    declined_at: datetime | None
    to_donor: rules.Decision  # a letter (or health update) from the patient's side written today
    to_patient: rules.Decision  # a donor's letter written today
    contact: rules.ContactStatus


def donation_rows_for_centre(*, centre: TransplantCentre) -> QuerySet[Donation]:
    """Donations to the centre's patients, with what an overview reads besides (cord blood included:
    the centre should see that no letters travel for it)."""
    return (
        Donation.objects.filter(patient__centre=centre)
        .select_related("patient__centre", "donor")
        .only(
            "public_id",
            "reference",
            "product",
            "first_transplant_date",
            "requested_date",
            "created_at",
            "donor__registry_country",
            "patient__reference",
            "patient__centre__code",
            "patient__centre__country",
            "patient__centre__allows_anonymous_correspondence",
            "patient__centre__allows_direct_contact",
            "patient__centre__min_anonymity_months",
        )
        .prefetch_related("infusions")
    )


def donation_overviews(*, donations: Sequence[Donation], on: date) -> list[DonationOverview]:
    """Return the overview of each donation (from donation_rows_for_centre), in a fixed number of queries.

    The same decisions as the letters' own (the country rules, the centre's overrides, consent,
    letters already sent, then the patient's standing), read for the whole page at once.
    """
    from correspondence.models import Consent, ContactDecline
    from correspondence.selectors import (
        COUNTED_STATUSES,
        centre_override_for,
        consent_inputs_from_rows,
        contact_with_standing,
        decision_with_standing,
        patient_standings,
    )
    from policies.selectors import policy_context_from_values, rules_for

    donations = list(donations)
    if not donations:
        return []
    ids = [d.pk for d in donations]
    countries = {d.donor.registry_country for d in donations} | {d.patient.centre.country for d in donations}
    found = rules_for(*countries)
    pairs = {(d.donor_id, d.patient_id) for d in donations}
    sent: dict[tuple[int, int, str], int] = {}
    for donor_id, patient_id, direction, count in (
        Letter.objects.filter(
            donation__donor_id__in={d for d, _ in pairs},
            donation__patient_id__in={p for _, p in pairs},
            status__in=COUNTED_STATUSES,
            kind=Letter.Kind.LETTER,
        )
        .values_list("donation__donor_id", "donation__patient_id", "direction")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        sent[(donor_id, patient_id, direction)] = count
    consents: dict[int, list[tuple[str, str]]] = {pk: [] for pk in ids}
    for donation_id, side, status in (
        Consent.objects.filter(donation_id__in=ids)
        .order_by("recorded_at", "pk")
        .values_list("donation_id", "side", "status")
    ):
        consents[donation_id].append((side, status))
    standings = patient_standings(donation_ids=ids)
    declined_at = dict(
        ContactDecline.objects.filter(donation_id__in=ids, lifted_at__isnull=True).values_list(
            "donation_id", "declined_at"
        )
    )
    reports: dict[int, list[PatientReport]] = {pk: [] for pk in ids}
    for report in PatientReport.objects.filter(donation_id__in=ids).order_by("reported_at", "pk"):
        reports[report.donation_id].append(report)

    overviews = []
    for donation in donations:
        centre = donation.patient.centre
        standing = standings[donation.pk]

        def context(direction: str, donation: Donation = donation, centre: TransplantCentre = centre):
            return policy_context_from_values(
                donor_country=donation.donor.registry_country,
                recipient_country=centre.country,
                first_transplant_date=donation.first_transplant_date,
                last_transplant_date=donation.last_transplant_date,
                product=donation.product,
                requested_date=donation.requested_date,
                letters_sent=sent.get((donation.donor_id, donation.patient_id, direction), 0),
                direction=direction,
                centre=centre_override_for(centre),
                country_rules=found,
                **consent_inputs_from_rows(consents[donation.pk]),
            )

        to_donor = context(Letter.Direction.PATIENT_TO_DONOR)
        to_patient = context(Letter.Direction.DONOR_TO_PATIENT)
        overviews.append(
            DonationOverview(
                donation=donation,
                standing=standing,
                reports=tuple(reports[donation.pk]),
                declined_at=declined_at.get(donation.pk),
                to_donor=decision_with_standing(rules.decide(to_donor, on=on), standing),
                to_patient=decision_with_standing(rules.decide(to_patient, on=on), standing),
                contact=contact_with_standing(rules.direct_contact(to_patient, on=on), standing),
            )
        )
    return overviews


def donation_overview_for_centre(
    *, centre: TransplantCentre, public_id: UUID | str, on: date
) -> DonationOverview:
    """The overview of one of the centre's donations, or 404."""
    donation = donation_rows_for_centre(centre=centre).filter(public_id=_uuid(public_id)).first()
    if donation is None:
        raise Http404
    return donation_overviews(donations=[donation], on=on)[0]
