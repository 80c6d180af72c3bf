"""Every read of letters, scoped to who asks."""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

import redaction
from clinics.models import TransplantCentre
from correspondence.gifts import gift_mentions
from correspondence.models import Attachment, Consent, Flag, Letter, PendingPhoto, RedactedVersion
from correspondence.pets import pet_names_corrected
from correspondence.rendering import highlight, preview_html, render_redacted, review_highlight
from correspondence.words import (
    letter_step_for_writer,
    missing_for_donor,
    reason_for_writer,
    reasons_for_writer,
)
from donors.models import Donation, Donor
from policies import rules
from policies.explain import explain_all, hold_condition
from policies.rules import Code, ContactStatus, Decision, Reason, codes, reason
from policies.selectors import policy_context_from_values
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


def pending_photos_for_donor(*, donor: Donor, public_ids: Iterable[str]) -> list[PendingPhoto]:
    """The donor's kept photos among these ids, oldest first; malformed or unknown ids are skipped."""
    ids = []
    for public_id in public_ids:
        try:
            ids.append(uuid.UUID(str(public_id)))
        except ValueError:
            continue
    if not ids:
        return []
    return list(PendingPhoto.objects.filter(donor=donor, public_id__in=ids).order_by("created_at", "pk"))


def pending_photo_for_donor(*, donor: Donor, public_id: str) -> PendingPhoto:
    """One of the donor's kept photos, or 404."""
    return get_object_or_404(PendingPhoto, donor=donor, public_id=public_id)


@dataclass(frozen=True)
class WriterStep:
    """One step of a letter's history as its writer reads it."""

    at: datetime
    text: str


def letter_history_for_writer(*, letter: Letter) -> list[WriterStep]:
    """Return the letter's history in its writer's words, oldest first (uses prefetched events).

    Only the steps a writer is told about (see `words.letter_step_for_writer`); a step that says
    the same as the one before it (a hold decided again for the same date) is shown once.
    """
    steps: list[WriterStep] = []
    for event in letter.events.all():
        text = letter_step_for_writer(event.kind, event.data)
        if text and (not steps or steps[-1].text != text):
            steps.append(WriterStep(at=event.created_at, text=text))
    return steps


@dataclass(frozen=True)
class SentPhoto:
    attachment: Attachment
    number: int  # as the writer's page numbers the letter's photos, from 1
    reason: str = ""  # why it was held back


@dataclass(frozen=True)
class SentVersion:
    """What the recipient reads of a donor's letter: the approved redacted text and the photos let through."""

    text: str
    travelled: bool  # False while the letter is held
    photos: list[SentPhoto]
    held_back: list[SentPhoto]


def letter_as_sent(*, letter: Letter) -> SentVersion | None:
    """Return the redacted version of a held, forwarded or delivered letter, with its photos split
    into released and held back (and why); None before approval or once the letter stopped.

    Uses the letter's prefetched attachments; the version and its photos cost two queries.
    """
    if letter.status not in (Letter.Status.HELD, *Letter.SENT):
        return None
    version = RedactedVersion.objects.filter(letter=letter).prefetch_related("attachments").first()
    if version is None:
        return None
    released = {a.pk for a in version.attachments.all()}
    kept_out_by_staff = set(
        letter.flags.filter(attachment__isnull=False)
        .exclude(decision=Flag.Decision.REJECTED)
        .values_list("attachment_id", flat=True)
    )
    photos, held_back = [], []
    for number, attachment in enumerate(letter.attachments.all(), start=1):
        if attachment.pk in released:
            photos.append(SentPhoto(attachment, number))
        elif attachment.pk in kept_out_by_staff:
            reason = _("Our staff held it back: it could show who you or your recipient are.")
            held_back.append(SentPhoto(attachment, number, reason))
        else:
            reason = _("The rules that apply to this donation do not allow photos.")
            held_back.append(SentPhoto(attachment, number, reason))
    return SentVersion(
        text=version.text,
        travelled=letter.status in Letter.SENT,
        photos=photos,
        held_back=held_back,
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


def known_identities_for_letter(*, letter: Letter) -> Known:
    """known_identities_for_donation, plus the sender of a letter that came by e-mail (kept in the office)."""
    from dataclasses import replace

    from correspondence.models import Intake

    known = known_identities_for_donation(donation=letter.donation)
    sender = Intake.objects.filter(letter=letter).values_list("sender_name", "sender_address").first()
    if not sender or not any(sender):
        return known
    name, address = sender
    return replace(
        known,
        names=_distinct([*known.names, name, *re.findall(r"\w[\w'-]+", name)]),
        emails=_distinct([*known.emails, address]),
    )


def _distinct(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def consent_policy_inputs(*, donation: Donation) -> dict:
    """Return each side's newest consent and the side that gave consent first, as policy inputs."""
    rows = (
        Consent.objects.filter(donation=donation).order_by("recorded_at", "pk").values_list("side", "status")
    )
    return consent_inputs_from_rows(rows)


def consent_inputs_from_rows(rows: Iterable[tuple[str, str]]) -> dict:
    """consent_policy_inputs from a donation's (side, status) consent rows, oldest first."""
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


# A letter counts against a side's cap once a caseworker approved it (a held letter has been approved).
COUNTED_STATUSES = (Letter.Status.APPROVED, Letter.Status.HELD, *Letter.SENT)


def letters_sent_count(*, donation: Donation, direction: str, exclude_letter_id: int | None = None) -> int:
    """Return how many letters this side has sent to the other, counting every donation between them.

    Counted: letters approved, held, forwarded or delivered (COUNTED_STATUSES); a transplant
    centre's health updates are not the patient's letters and do not count. One query.
    """
    letters = Letter.objects.filter(
        donation__donor_id=donation.donor_id,
        donation__patient_id=donation.patient_id,
        direction=direction,
        status__in=COUNTED_STATUSES,
        kind=Letter.Kind.LETTER,
    )
    if exclude_letter_id is not None:
        letters = letters.exclude(pk=exclude_letter_id)
    return letters.count()


def centre_override_for(centre: TransplantCentre) -> rules.CentreOverride:
    """Return a transplant centre's own, stricter rules as a pure CentreOverride."""
    return rules.CentreOverride(
        code=centre.code,
        allows_anonymous_correspondence=centre.allows_anonymous_correspondence,
        allows_direct_contact=centre.allows_direct_contact,
        min_anonymity_months=centre.min_anonymity_months,
    )


def policy_context_for_donation(
    *, donation: Donation, direction: rules.Direction, exclude_letter_id: int | None = None
) -> rules.PolicyContext:
    """Return the PolicyContext for a letter on a donation going in `direction`, with both sides' consent.

    Costs a few queries: the patient and centre (use select_related), infusions, the letters count,
    the consents and the rules.
    """
    centre = donation.patient.centre
    return policy_context_from_values(
        donor_country=donation.donor.registry_country,
        recipient_country=centre.country,
        first_transplant_date=donation.first_transplant_date,
        last_transplant_date=donation.last_transplant_date,
        product=donation.product,
        requested_date=donation.requested_date,
        letters_sent=letters_sent_count(
            donation=donation, direction=direction, exclude_letter_id=exclude_letter_id
        ),
        direction=direction,
        centre=centre_override_for(centre),
        **consent_policy_inputs(donation=donation),
    )


def policy_context_for_letter(*, letter: Letter) -> rules.PolicyContext:
    """Return the PolicyContext for a letter; the letter itself never counts against its side's cap."""
    return policy_context_for_donation(
        donation=letter.donation, direction=letter.direction, exclude_letter_id=letter.pk
    )


def letter_decision(*, letter: Letter, on: date) -> Decision:
    """Return the decision for the letter on day `on`: the country rules', then the patient's side's
    (declined contact refuses; news from the centre holds for a caseworker)."""
    context = policy_context_for_letter(letter=letter)
    return decision_with_standing(rules.decide(context, on=on), patient_standing(donation=letter.donation))


def direct_contact_status(*, donation: Donation, on: date) -> ContactStatus:
    """Return from when direct contact could be possible for the donation, whether it is now, what is missing.

    Wires both sides' current consents, and which side asked first, into `policies.rules.direct_contact`.
    """
    context = policy_context_for_donation(donation=donation, direction="donor_to_patient")
    return contact_with_standing(rules.direct_contact(context, on=on), patient_standing(donation=donation))


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

    donor_country = donation.donor.registry_country
    recipient_country = donation.patient.centre.country
    context = rules.PolicyContext(donor_country, recipient_country, None, None, None)
    if not rules.english_required(context) or not text.strip():
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
    context = policy_context_for_donation(donation=donation, direction="donor_to_patient")
    decision = decision_with_standing(rules.decide(context, on=on), patient_standing(donation=donation))
    if decision.action == "forward":
        return None
    return decision.action, reasons_for_writer(decision.reasons)


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


# The codes the patient's standing adds to a country-rules decision (policies.explain words them for
# staff and the audit trail, correspondence.words for the writer).
PATIENT_STANDING_CODES = frozenset({Code.PATIENT_DECLINED_CONTACT, Code.LETTERS_STOPPED, Code.PATIENT_NEWS})


def decision_with_standing(decision: Decision, standing: PatientStanding) -> Decision:
    """Return the country rules' decision as the patient's standing changes it.

    Declined contact, or a caseworker's stop, refuses; news a caseworker has not decided on holds
    for that caseworker (a refusal by the country rules stays a refusal). Either way the other
    reasons are kept, so staff see everything that applies.
    """
    refusals = [
        reason(code)
        for stopped, code in (
            (standing.declined, Code.PATIENT_DECLINED_CONTACT),
            (standing.stopped, Code.LETTERS_STOPPED),
        )
        if stopped
    ]
    if refusals:
        kept = decision.reasons if decision.action == "refuse" else ()
        return replace(decision, action="refuse", reasons=(*refusals, *kept), hold_until=None)
    if standing.awaiting and decision.action != "refuse":
        return replace(
            decision, action="hold", reasons=(reason(Code.PATIENT_NEWS), *decision.reasons), hold_until=None
        )
    return decision


def decided_by_patient_standing(reasons: Iterable[Reason]) -> bool:
    """Return True when a decision's reasons come from the patient's standing (no automatic e-mail then)."""
    return any(code in PATIENT_STANDING_CODES for code in codes(reasons))


def contact_with_standing(status: ContactStatus, standing: PatientStanding) -> ContactStatus:
    """Return the direct-contact answer as the patient's standing changes it: not possible while the
    patient declines contact or letters are stopped (the date the rules give stays)."""
    missing = [
        reason(code)
        for stopped, code in (
            (standing.declined, Code.MISSING_PATIENT_WISH),
            (standing.stopped, Code.MISSING_LETTERS_RESUMED),
        )
        if stopped
    ]
    if not missing or status.never:
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


def consent_current(*, donation: Donation, side: str) -> Consent | None:
    """Return the side's newest consent record, or None when it never said anything."""
    return Consent.objects.filter(donation=donation, side=side).order_by("-recorded_at", "-pk").first()


def contact_page(*, donation: Donation, on: date) -> dict[str, Any]:
    """What the donor's "Direct contact" page shows for a donation on day `on`, in the donor's words."""
    status = direct_contact_status(donation=donation, on=on)
    never = status.never
    consent = consent_current(donation=donation, side=Consent.Side.DONOR)
    given = consent is not None and consent.status == Consent.Status.GIVEN
    return {
        "donation": donation,
        "status": status,
        "today": on,
        "never": never,
        "period_over": status.from_date is not None and status.from_date <= on,
        "why_never": [reason_for_writer(r) for r in status.reasons] if never else [],
        "missing": [missing_for_donor(m) for m in status.missing],
        "consent": consent,
        "given": given,
        "can_give": not never and not given and Code.MISSING_PATIENT_REQUEST not in codes(status.missing),
    }


def letter_check(*, donation: Donation, body: str) -> list[redaction.Flag]:
    """Return what screening would flag in the text, shown to the writer before sending; stores nothing."""
    # Only the writer's own identity: the other side's must not be probed through highlights.
    return pet_names_corrected(
        body,
        redaction.detect(
            body, known=known_identities_for_donation(donation=donation, writer_side_only="donor")
        ),
    )


def letter_check_report(*, donation: Donation, body: str, on: date) -> dict[str, Any]:
    """The "Check my letter" answer: the text highlighted where screening would flag it, the reasons
    for each kind found, the language warning and what the country rules would decide."""
    flags = letter_check(donation=donation, body=body)
    kinds = list(dict.fromkeys(f.label for f in flags))
    return {
        "html": highlight(body, flags),
        "count": len(flags),
        "reasons": [(kind, Flag.Label(kind).label, redaction.reason(kind)) for kind in kinds],
        "language_warning": language_warning_for(donation=donation, text=body),
        "policy": letter_policy_preview(donation=donation, on=on),
    }


def letter_for_review(*, public_id: Any) -> Letter:
    """A letter for the caseworker's review page and its actions, or 404."""
    return get_object_or_404(
        Letter.objects.select_related("donation__donor", "donation__patient__centre", "claimed_by"),
        public_id=public_id,
    )


def redactions_in_force(*, letter: Letter) -> QuerySet[Flag]:
    """The text flags that redact: accepted ones, and undecided ones until someone keeps them."""
    return letter.flags.filter(attachment__isnull=True).exclude(decision=Flag.Decision.REJECTED)


def redacted_text(*, letter: Letter) -> str:
    """The letter as the other side would read it now."""
    return render_redacted(letter.body, redactions_in_force(letter=letter))


def letter_preview_html(*, letter: Letter) -> SafeString:
    """The review's redacted preview of the letter as it stands, as HTML."""
    return preview_html(letter.body, redactions_in_force(letter=letter))


def letter_policy_summary(*, letter: Letter, on: date) -> dict[str, Any]:
    """The policy's answer if the letter were approved on day `on`, gifts, photos and the language warning."""
    context = policy_context_for_letter(letter=letter)
    gifts = rules.gifts_allowed(context)
    # The country rules, as the patient's side changes them (declined contact, news from the centre).
    decision = decision_with_standing(
        rules.decide(context, on=on), patient_standing(donation=letter.donation)
    )
    return {
        "gifts_allowed": gifts,
        "gift_mentions": gift_mentions(letter.body) if gifts != "yes" else [],
        "decision": decision,
        "reasons": explain_all(decision.reasons),
        "hold_condition": hold_condition(decision),
        "english_required": rules.english_required(context),
        "language_warning": letter_language_warning(letter),
        "photos_allowed": rules.photos_allowed(context),
    }


def writer_other_letters(*, letter: Letter, limit: int = 10) -> QuerySet[Letter]:
    """The writer's other letters in the same direction, newest first (the donor's, or the patient's)."""
    writer = (
        {"donation__donor": letter.donation.donor}
        if letter.direction == Letter.Direction.DONOR_TO_PATIENT
        else {"donation__patient": letter.donation.patient}
    )
    return (
        Letter.objects.filter(direction=letter.direction, **writer)
        .exclude(pk=letter.pk)
        .order_by("-created_at")[:limit]
    )


def letter_review_page(*, letter: Letter, caseworker: AbstractBaseUser, on: date) -> dict[str, Any]:
    """Everything the review page shows: the original with every flag, the redacted preview, the
    policy, the writer's other letters and the audit trail."""
    flags = list(letter.flags.select_related("attachment", "decided_by").order_by("start", "pk"))
    text_flags = [f for f in flags if f.attachment_id is None]
    for flag in text_flags:
        flag.text = letter.body[flag.start : flag.end]
    return {
        "letter": letter,
        "original_html": review_highlight(letter.body, text_flags),
        "text_flags": text_flags,
        "photo_flags": [f for f in flags if f.attachment_id is not None],
        "pending": sum(f.decision == Flag.Decision.PENDING for f in flags),
        "preview_html": letter_preview_html(letter=letter),
        "policy": letter_policy_summary(letter=letter, on=on),
        "earlier": writer_other_letters(letter=letter),
        "events": letter.events.select_related("actor").order_by("created_at", "pk"),
        "labels": [(value, label) for value, label in Flag.Label.choices if value != Flag.Label.PHOTO],
        "is_reviewable": letter.status == Letter.Status.IN_REVIEW,
        "holds_claim": letter.claimed_by_id == caseworker.pk,
        "redacted": getattr(letter, "redacted", None),
        "tomorrow": on + timedelta(days=1),  # the earliest date a held letter may be kept until
    }


def letter_review_state(*, letter: Letter) -> dict[str, Any]:
    """What the review page's script refreshes after an action: the preview and the flags left to decide."""
    return {
        "preview_html": letter_preview_html(letter=letter),
        "pending": letter.flags.filter(decision=Flag.Decision.PENDING).count(),
    }
