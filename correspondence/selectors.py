"""Every read of letters, scoped to who asks."""

from datetime import date

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from correspondence.models import Letter
from donors.models import Donation, Donor
from policies.rules import ContactStatus
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


def known_identities_for_donation(*, donation: Donation, writer_side_only: str | None = None) -> Known:
    """What the registry knows of the donor and the centre shares of the patient, for the redaction pipeline.

    Screening passes both sides whichever way the letter travels: a donor may name the patient's
    town, and a patient may quote the donor's first name from an earlier letter. What a writer is
    shown before sending ("Check my letter") uses only their own side (`writer_side_only="donor"`
    or `"patient"`): highlighting the other side's identity would let the writer probe for it.
    """
    donor, patient = donation.donor, donation.patient
    people = {"donor": (donor,), "patient": (patient,)}.get(writer_side_only or "", (donor, patient))
    names: list[str] = []
    for person in people:
        full = " ".join(part for part in (person.given_names, person.family_name) if part)
        names += [full, person.given_names, person.family_name, *person.nickname_list]
    places, organisations, phones, emails, dates = [], [], [], [], []
    if donor in people:
        places += [donor.city, donor.region, donor.postcode]
        organisations.append(donor.employer)
        phones.append(donor.phone)
        emails.append(donor.email)
        dates += [donor.date_of_birth.isoformat()] if donor.date_of_birth else []
    if patient in people:
        places.append(patient.city)
        organisations.append(patient.centre.name)
    return Known(
        names=_distinct(names),
        places=_distinct(places),
        organisations=_distinct(organisations),
        phones=_distinct(phones),
        emails=_distinct(emails),
        dates=tuple(dates),
    )


def _distinct(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def consent_policy_inputs(*, donation: Donation) -> dict:
    """Return each side's newest consent and the side that gave consent first, as policy inputs."""
    from correspondence.models import Consent

    newest: dict[str, str] = {}
    first_given = None
    for side, status in (
        Consent.objects.filter(donation=donation).order_by("recorded_at", "pk").values_list("side", "status")
    ):
        newest[side] = status
        if first_given is None and status == Consent.Status.GIVEN:
            first_given = side
    return {
        "donor_consent": newest.get(Consent.Side.DONOR),
        "patient_consent": newest.get(Consent.Side.PATIENT),
        "contact_requested_by": first_given,
    }


def direct_contact_status(*, donation: Donation, on: date) -> ContactStatus:
    """Return from when direct contact could be possible for the donation, whether it is now, what is missing.

    Wires both sides' current consents, and which side asked first, into `policies.rules.direct_contact`.
    """
    from policies.rules import direct_contact
    from policies.selectors import policy_context_for_donation

    context = policy_context_for_donation(
        donation, "donor_to_patient", **consent_policy_inputs(donation=donation)
    )
    return direct_contact(context, on=on)


def donation_for_donor(*, donor: Donor, public_id: str) -> Donation:
    """The donor's own donation (never a cord blood one), or 404: another donor's does not exist for them."""
    return get_object_or_404(
        donations_for_donor(donor=donor).select_related("patient__centre"), public_id=public_id
    )


def language_warning_for(*, donation: Donation, text: str, for_staff: bool = False) -> str | None:
    """Return a warning when the countries require English and the text is not (nor carries a translation).

    For the writer only a clearly detected other language warns; staff are also told when the
    language could not be told.
    """
    from correspondence.language import detect_language, has_english, language_name
    from policies.rules import PolicyContext, english_required

    donor_country = donation.donor.registry_country
    recipient_country = donation.patient.centre.country
    context = PolicyContext(donor_country, recipient_country, None, None, None)
    if not english_required(context) or not text.strip():
        return None
    language = detect_language(text)
    if language == "en" or has_english(text):
        return None
    if not language:
        if not for_staff:
            return None
        return _(
            "Could not tell this letter's language. Letters between %(donor)s and %(recipient)s must be "
            "in English or come with an English translation: check it."
        ) % {"donor": donor_country, "recipient": recipient_country}
    if for_staff:
        return _(
            "This letter seems to be in %(language)s. Letters between %(donor)s and %(recipient)s must be "
            "in English or come with an English translation."
        ) % {"language": language_name(language), "donor": donor_country, "recipient": recipient_country}
    return _(
        "Your letter seems to be in %(language)s. Your recipient is cared for in another country, so "
        "letters must be in English, or come with an English translation. Please write it in English "
        "or add a translation below your letter; otherwise our staff may have to return it to you."
    ) % {"language": language_name(language)}


def letter_language_warning(letter: Letter) -> str | None:
    """Return the caseworker's warning when English is required and the letter is not in English."""
    return language_warning_for(donation=letter.donation, text=letter.body, for_staff=True)


def letter_policy_preview(*, donation: Donation, on: date) -> tuple[str, str] | None:
    """Return ("refuse" or "hold", the reasons in plain words) when a new letter would not go straight on.

    Shown at "Check my letter", so the writer learns before sending what screening would decide.
    """
    from correspondence.services.policy import policy_reasons_plain
    from policies.rules import decide
    from policies.selectors import policy_context_for_donation

    context = policy_context_for_donation(
        donation, "donor_to_patient", **consent_policy_inputs(donation=donation)
    )
    decision = decide(context, on=on)
    if decision.action == "forward":
        return None
    return decision.action, policy_reasons_plain(decision.reasons)


REPLY_VISIBLE = Letter.SENT


def replies_for_donor(*, donor: Donor) -> QuerySet[Letter]:
    """Replies to the donor that a caseworker forwarded, newest first; their original text is not loaded."""
    return (
        Letter.objects.filter(
            donation__donor=donor,
            direction=Letter.Direction.PATIENT_TO_DONOR,
            status__in=REPLY_VISIBLE,
            redacted__isnull=False,
        )
        .select_related("donation", "redacted", "in_reply_to")
        .defer("body", "status_reason", "in_reply_to__body")
        .order_by("-forwarded_at", "-pk")
    )


def reply_for_donor(*, donor: Donor, public_id: str) -> Letter:
    """One forwarded reply to the donor, or 404: unforwarded and other donors' replies do not exist here."""
    return get_object_or_404(
        replies_for_donor(donor=donor).prefetch_related("redacted__attachments"), public_id=public_id
    )
