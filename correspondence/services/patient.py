"""The patient's side: declining contact, news from the centre (died, relapsed), health updates.

What the patient's side says changes what the country rules decide for every letter about the
donation (correspondence.selectors.decision_with_standing): declined contact refuses letters in
both directions until it is lifted; news from the centre holds them for a caseworker, who decides
whether letters may travel again and what the donor is told.
"""

import logging
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinics.models import TransplantCentre
from correspondence import events
from correspondence.models import ContactDecline, DonorNotice, Letter, PatientReport
from correspondence.selectors import patient_standing
from correspondence.services.letters import _screening_queuer
from correspondence.services.office import notice_send
from correspondence.services.policy import letter_release
from donors.models import Donation

logger = logging.getLogger(__name__)

CLINIC_API = "clinic API"
CASEWORKER = "caseworker"


def _check_centre(*, donation: Donation, centre: TransplantCentre | None) -> None:
    if centre is not None and donation.patient.centre_id != centre.pk:
        raise PermissionDenied("This donation is not to one of the centre's patients.")


def letters_stopped_check(*, donation: Donation) -> None:
    """Raise a ValidationError (code contact_declined or letters_stopped) when no letter may travel now."""
    standing = patient_standing(donation=donation)
    if standing.declined:
        raise ValidationError(
            _("The patient declined contact for this donation. Lift it first if they changed their mind."),
            code="contact_declined",
        )
    if standing.stopped:
        raise ValidationError(
            _("A caseworker stopped letters about this donation after news about the patient."),
            code="letters_stopped",
        )


def _redecide_held(*, donation: Donation) -> int:
    """Decide again, now, for the donation's held letters (both directions); returns how many changed.

    Each goes through the same release as the hourly sweep, so the patient's standing applies at
    once: a decline refuses them, news holds them for a caseworker, a caseworker's decision
    releases them or refuses them.
    """
    today = timezone.localdate()
    changed = 0
    held = Letter.objects.filter(donation=donation, status=Letter.Status.HELD).order_by("pk")
    for pk, hold_until, condition in held.values_list("pk", "hold_until", "hold_condition"):
        letter = letter_release(letter_id=pk, on=today)
        if letter is not None and (
            letter.status != Letter.Status.HELD
            or (letter.hold_until, letter.hold_condition) != (hold_until, condition)
        ):
            changed += 1
    return changed


@transaction.atomic
def contact_decline(
    *,
    donation: Donation,
    via: str,
    actor: AbstractBaseUser | None = None,
    centre: TransplantCentre | None = None,
) -> tuple[ContactDecline, bool]:
    """Record that the patient declined contact; returns (the open decline, whether it is new).

    Declining again while declined changes nothing. The donor is told once, kindly, on their pages
    and by an e-mail without content; held letters are refused now, and every later letter either
    way is refused by the policy until the decline is lifted.
    """
    _check_centre(donation=donation, centre=centre)
    Donation.objects.select_for_update().filter(pk=donation.pk).first()  # one decline at a time
    existing = ContactDecline.objects.filter(donation=donation, lifted_at__isnull=True).first()
    if existing is not None:
        return existing, False
    decline = ContactDecline(donation=donation, declined_via=via, declined_by=actor)
    decline.full_clean()
    try:
        with transaction.atomic():
            decline.save()
    except IntegrityError:  # Only where the row lock above is not taken (SQLite).
        return ContactDecline.objects.get(donation=donation, lifted_at__isnull=True), False
    refused = _redecide_held(donation=donation)
    events.contact_declined(
        donation=donation,
        actor=actor,
        via=via,
        centre_code=centre.code if centre else "",
        letters_refused=refused,
    )
    notice_send(donor=donation.donor, donation=donation, kind=DonorNotice.Kind.CONTACT_DECLINED, actor=actor)
    logger.info("contact declined donation id=%s via=%s", donation.pk, via)
    return decline, True


@transaction.atomic
def contact_resume(
    *,
    donation: Donation,
    via: str,
    actor: AbstractBaseUser | None = None,
    centre: TransplantCentre | None = None,
) -> bool:
    """Lift the patient's decline (they changed their mind); returns False when none was open.

    The donor is told on their pages (and by e-mail) that letters may travel again; letters refused
    while it lasted stay refused.
    """
    _check_centre(donation=donation, centre=centre)
    lifted = ContactDecline.objects.filter(donation=donation, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_via=via, lifted_by=actor
    )
    if not lifted:
        return False
    events.contact_resumed(donation=donation, actor=actor, via=via, centre_code=centre.code if centre else "")
    notice_send(donor=donation.donor, donation=donation, kind=DonorNotice.Kind.CONTACT_RESUMED, actor=actor)
    logger.info("contact resumed donation id=%s via=%s", donation.pk, via)
    return True


@transaction.atomic
def patient_report_record(
    *,
    donation: Donation,
    kind: str,
    occurred_on: date | None,
    via: str,
    actor: AbstractBaseUser | None = None,
    centre: TransplantCentre | None = None,
) -> tuple[PatientReport, bool]:
    """Record that the patient died or relapsed; returns (the report, whether it is new).

    Nothing is sent to the donor. Letters about the donation are held for a caseworker from now on,
    those already held at once; reporting the same news again while it waits changes nothing.
    """
    _check_centre(donation=donation, centre=centre)
    if occurred_on is not None and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("This date is in the future.")}, code="future_date")
    Donation.objects.select_for_update().filter(pk=donation.pk).first()
    existing = PatientReport.objects.filter(donation=donation, kind=kind, decided_at__isnull=True).first()
    if existing is not None:
        return existing, False
    report = PatientReport(
        donation=donation, kind=kind, occurred_on=occurred_on, reported_via=via, reported_by=actor
    )
    report.full_clean()
    report.save()
    held = _redecide_held(donation=donation)
    events.patient_reported(
        report=report, actor=actor, centre_code=centre.code if centre else "", letters_held=held
    )
    logger.info("patient report id=%s kind=%s via=%s", report.pk, kind, via)
    return report, True


@transaction.atomic
def patient_report_decide(
    *,
    report: PatientReport,
    caseworker: AbstractBaseUser,
    outcome: str,
    donor_message: str = "",
    email_donor: bool = False,
) -> PatientReport:
    """Decide on news about the patient: letters travel again or stop, and what the donor is told.

    The message (if any) is left on the donor's Messages page; the donor is e-mailed that it is
    waiting only if the caseworker asks for it. Held letters are decided again at once.
    """
    if outcome not in PatientReport.Outcome.values:
        raise ValidationError({"outcome": _("Choose whether letters may travel again.")}, code="bad_outcome")
    donor_message = (donor_message or "").replace("\r\n", "\n").strip()
    if email_donor and not donor_message:
        raise ValidationError(
            {"donor_message": _("Write the message the donor will read before e-mailing them.")},
            code="message_required",
        )
    now = timezone.now()
    decided = PatientReport.objects.filter(pk=report.pk, decided_at__isnull=True).update(
        outcome=outcome,
        donor_message=donor_message,
        donor_emailed=email_donor,
        decided_at=now,
        decided_by=caseworker,
    )
    if decided != 1:
        raise ValidationError(_("A caseworker has already decided on this news."), code="already_decided")
    report.refresh_from_db()
    donation = report.donation
    if donor_message:
        notice_send(
            donor=donation.donor,
            donation=donation,
            kind=DonorNotice.Kind.OFFICE_MESSAGE,
            text=donor_message,
            actor=caseworker,
            email=email_donor,
        )
    letters = _redecide_held(donation=donation)
    events.patient_report_decided(report=report, actor=caseworker, letters=letters)
    logger.info("patient report id=%s decided outcome=%s", report.pk, outcome)
    return report


@transaction.atomic
def health_update_submit(
    *, centre: TransplantCentre, donation: Donation, health_status: str, text: str = ""
) -> Letter:
    """Store a health update from the patient's centre (a status, and words if any) as submitted.

    It is screened and reviewed like a letter, the country rules decide as for the patient's
    letters (it does not count against their letter limit), and the donor reads it, redacted,
    among the letters from their recipient.
    """
    _check_centre(donation=donation, centre=centre)
    letters_stopped_check(donation=donation)
    update = Letter(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        kind=Letter.Kind.HEALTH_UPDATE,
        health_status=health_status,
        body=(text or "").strip(),
        status=Letter.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    update.full_clean()
    update.save()
    events.reply_submitted(letter=update, centre_code=centre.code, photos=0)
    transaction.on_commit(_screening_queuer(update.pk), robust=True)
    logger.info("health update id=%s submitted by centre id=%s", update.pk, centre.pk)
    return update
