"""Every read of letters, scoped to who asks."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from correspondence.models import Letter
from donors.models import Donation, Donor
from policies.rules import ContactStatus, Decision
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

    rows = (
        Consent.objects.filter(donation=donation).order_by("recorded_at", "pk").values_list("side", "status")
    )
    return consent_inputs_from_rows(rows)


def consent_inputs_from_rows(rows: Iterable[tuple[str, str]]) -> dict:
    """consent_policy_inputs from a donation's (side, status) consent rows, oldest first."""
    from correspondence.models import Consent

    newest: dict[str, str] = {}
    first_given = None
    for side, status in rows:
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
    return contact_with_standing(direct_contact(context, on=on), patient_standing(donation=donation))


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
    decision = decision_with_standing(decide(context, on=on), patient_standing(donation=donation))
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


# The patient's side: declined contact and news from the centre (died, relapsed) --------------------


@dataclass(frozen=True)
class PatientStanding:
    """What the patient's side said that stops or holds letters about a donation, whatever the countries.

    `declined`: the patient declined contact (no letter travels either way until it is lifted).
    `awaiting`: kinds of news from the centre a caseworker has not decided on yet (letters wait).
    `stopped`: a caseworker decided, after such news, that no further letters travel.
    """

    declined: bool = False
    awaiting: tuple[str, ...] = ()
    stopped: bool = False

    @property
    def letters_stopped(self) -> bool:
        return self.declined or self.stopped


def patient_standing(*, donation: Donation) -> PatientStanding:
    """Return the patient's standing for the donation (two small queries)."""
    from correspondence.models import ContactDecline, PatientReport

    declined = ContactDecline.objects.filter(donation=donation, lifted_at__isnull=True).exists()
    reports = PatientReport.objects.filter(donation=donation).values_list("kind", "decided_at", "outcome")
    return _standing(declined=declined, reports=reports)


def _standing(*, declined: bool, reports: Iterable[tuple[str, object, str]]) -> PatientStanding:
    from correspondence.models import PatientReport

    awaiting, stopped = [], False
    for kind, decided_at, outcome in reports:
        if decided_at is None:
            awaiting.append(kind)
        elif outcome == PatientReport.Outcome.STOP:
            stopped = True
    return PatientStanding(declined=declined, awaiting=tuple(dict.fromkeys(awaiting)), stopped=stopped)


def patient_standings(*, donation_ids: Iterable[int]) -> dict[int, PatientStanding]:
    """Return {donation id: standing} for many donations in two queries."""
    from correspondence.models import ContactDecline, PatientReport

    ids = list(donation_ids)
    declined = set(
        ContactDecline.objects.filter(donation_id__in=ids, lifted_at__isnull=True).values_list(
            "donation_id", flat=True
        )
    )
    reports: dict[int, list] = {pk: [] for pk in ids}
    for donation_id, *row in PatientReport.objects.filter(donation_id__in=ids).values_list(
        "donation_id", "kind", "decided_at", "outcome"
    ):
        reports[donation_id].append(row)
    return {pk: _standing(declined=pk in declined, reports=reports[pk]) for pk in ids}


# Reasons the patient's standing adds to a country-rules decision: for staff and the audit trail,
# in the rules' own form ("Refused: … (rule …; source: …).") so that they read alike.
PATIENT_DECLINED_REASON = (
    "Refused: the patient declined contact through their transplant centre "
    "(rule patient declined contact; source: the transplant centre)."
)
PATIENT_STOPPED_REASON = (
    "Refused: after news from the transplant centre, a caseworker decided that no further letters "
    "travel for this donation (rule patient report; source: the caseworker's decision)."
)
PATIENT_NEWS_CONDITION = "a caseworker's decision (news from the patient's transplant centre)"
PATIENT_NEWS_REASON = (
    "Held for a caseworker: the transplant centre reported news about the patient "
    "(rule patient report; source: the transplant centre)."
)
PATIENT_STANDING_REASONS = (PATIENT_DECLINED_REASON, PATIENT_STOPPED_REASON, PATIENT_NEWS_REASON)


def decision_with_standing(decision: Decision, standing: PatientStanding) -> Decision:
    """Return the country rules' decision as the patient's standing changes it.

    Declined contact, or a caseworker's stop, refuses; news a caseworker has not decided on holds
    for that caseworker (a refusal by the country rules stays a refusal). Either way the other
    reasons are kept, so staff see everything that applies.
    """
    refusals = [
        reason
        for stopped, reason in (
            (standing.declined, PATIENT_DECLINED_REASON),
            (standing.stopped, PATIENT_STOPPED_REASON),
        )
        if stopped
    ]
    if refusals:
        kept = decision.reasons if decision.action == "refuse" else ()
        return replace(
            decision, action="refuse", reasons=(*refusals, *kept), hold_until=None, hold_condition=None
        )
    if standing.awaiting and decision.action != "refuse":
        conditions = "; ".join(c for c in (PATIENT_NEWS_CONDITION, decision.hold_condition) if c)
        return replace(
            decision,
            action="hold",
            reasons=(PATIENT_NEWS_REASON, *decision.reasons),
            hold_until=None,
            hold_condition=conditions,
        )
    return decision


def decided_by_patient_standing(reasons: Iterable[str]) -> bool:
    """Return True when a decision's reasons come from the patient's standing (no automatic e-mail then)."""
    return any(reason in PATIENT_STANDING_REASONS for reason in reasons)


PATIENT_DECLINED_CONTACT = "the patient's wish to be in contact (they declined contact)"
LETTERS_STOPPED = "letters travelling again (a caseworker stopped them after news from the centre)"


def contact_with_standing(status: ContactStatus, standing: PatientStanding) -> ContactStatus:
    """Return the direct-contact answer as the patient's standing changes it: not possible while the
    patient declines contact or letters are stopped (the date the rules give stays)."""
    missing = [
        item
        for stopped, item in (
            (standing.declined, PATIENT_DECLINED_CONTACT),
            (standing.stopped, LETTERS_STOPPED),
        )
        if stopped
    ]
    never = status.from_date is None and not status.missing
    if not missing or never:
        return status
    return replace(status, possible_now=False, missing=(*status.missing, *missing))


# The donor's pages: what they may write about, notices and questions -------------------------------


def _letters_stopped_q(prefix: str = "") -> Q:
    """Donations whose patient declined contact, or whose letters a caseworker stopped."""
    from correspondence.models import ContactDecline, PatientReport

    declined = ContactDecline.objects.filter(donation=OuterRef(f"{prefix}pk"), lifted_at__isnull=True)
    stopped = PatientReport.objects.filter(
        donation=OuterRef(f"{prefix}pk"), outcome=PatientReport.Outcome.STOP
    )
    return Exists(declined) | Exists(stopped)


def donations_writable_for_donor(*, donor: Donor, keep_id: int | None = None) -> QuerySet[Donation]:
    """The donor's donations they may write about now (not where the patient declined contact, nor
    where letters were stopped): the choices of the letter form. `keep_id` keeps a draft's own
    donation among them (the policy refuses it when sent, with the reason)."""
    return donations_for_donor(donor=donor).filter(~_letters_stopped_q() | Q(pk=keep_id))


def donations_paused_for_donor(*, donor: Donor) -> QuerySet[Donation]:
    """The donor's donations no letter travels for now (the patient declined, or letters were stopped)."""
    return donations_for_donor(donor=donor).filter(_letters_stopped_q())


def notices_for_donor(*, donor: Donor) -> QuerySet:
    """What the office told the donor on their pages, newest first."""
    from correspondence.models import DonorNotice

    return DonorNotice.objects.filter(donor=donor).select_related("donation").order_by("-created_at", "-pk")


def questions_for_donor(*, donor: Donor) -> QuerySet:
    """The donor's questions to the office, with the answers, newest first."""
    from correspondence.models import DonorQuestion

    return DonorQuestion.objects.filter(donor=donor).select_related("donation").order_by("-asked_at", "-pk")


def unread_messages_count(*, donor: Donor) -> int:
    """How many notices and answers the donor has not seen yet (two counts)."""
    from correspondence.models import DonorNotice, DonorQuestion

    notices = DonorNotice.objects.filter(donor=donor, read_at__isnull=True).count()
    answers = DonorQuestion.objects.filter(
        donor=donor, answered_at__isnull=False, answer_read_at__isnull=True
    ).count()
    return notices + answers
