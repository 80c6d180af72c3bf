"""Every read of the clinic API, scoped to the asking centre: the one access path for its querysets.

A centre sees donor letters to its own patients once forwarded, and only their redacted version;
anything else does not exist for it (404).
"""

from datetime import date
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from clinics.models import TransplantCentre
from correspondence.models import Attachment, Letter
from correspondence.selectors import direct_contact_status
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
