"""The country rules wired into a letter's life: at screening, at approval, and when held letters are due.

`policies.rules.decide` says forward, hold (until a date or a condition) or refuse; these services
store that decision on the letter, audit it, move the letter and tell the writer.
"""

import logging
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from correspondence import events, notifications
from correspondence.models import Letter
from correspondence.selectors import decided_by_patient_standing, letter_decision
from correspondence.signals import sent_letters_announce
from correspondence.words import caseworker_hold_for_writer, hold_for_writer, refusal_for_writer
from policies import explain, rules

logger = logging.getLogger(__name__)

RELEASE_BATCH = 100

# Where a decision is taken, as recorded in the policy_decided event.
SCREENING, APPROVAL, RELEASE = "screening", "approval", "release"


def letter_policy_decide(*, letter: Letter, on: date) -> rules.Decision:
    """Return the decision for the letter on day `on`: the country rules', then the patient's side's
    (declined contact refuses; news from the centre holds for a caseworker). Stores nothing."""
    return letter_decision(letter=letter, on=on)


def letter_policy_apply(*, letter: Letter, on: date, stage: str = SCREENING) -> rules.Decision:
    """Decide for the letter on day `on`, store the decision on it and audit it (action and reasons only)."""
    decision = letter_policy_decide(letter=letter, on=on)
    _store(letter=letter, decision=decision, stage=stage)
    return decision


def _store(*, letter: Letter, decision: rules.Decision, stage: str) -> None:
    """Store the decision on the letter and audit it, in staff's words (policies.explain)."""
    reasons = list(explain.explain_all(decision.reasons))
    letter.policy_action = decision.action
    letter.policy_reasons = reasons
    letter.hold_until = decision.hold_until
    letter.hold_condition = explain.hold_condition(decision) or ""
    letter.save(
        update_fields=["policy_action", "policy_reasons", "hold_until", "hold_condition", "updated_at"]
    )
    events.policy_decided(
        letter=letter,
        stage=stage,
        action=decision.action,
        reasons=reasons,
        hold_until=decision.hold_until.isoformat() if decision.hold_until else None,
        hold_condition=explain.hold_condition(decision),
    )
    logger.info("letter id=%s policy stage=%s action=%s", letter.pk, stage, decision.action)


def letter_policy_screen(*, letter: Letter, on: date) -> rules.Decision:
    """Apply the rules at screening to a letter the caller has locked: a refusal is final at once.

    A hold is only noted (the letter still goes to review); the decision is taken again at approval.
    """
    decision = letter_policy_apply(letter=letter, on=on, stage=SCREENING)
    if decision.action == "refuse":
        letter.status = Letter.Status.REFUSED
        letter.status_reason = refusal_for_writer(decision)
        letter.save(update_fields=["status", "status_reason", "updated_at"])
        events.letter_refused(letter=letter, actor=None)
        if not decided_by_patient_standing(decision.reasons):
            notifications.writer_notify_status(letter=letter)
        logger.info("letter id=%s refused at screening", letter.pk)
    return decision


def _move(
    *,
    letter: Letter,
    decision: rules.Decision,
    actor: AbstractBaseUser | None,
    expected: str,
    refuse_reason: str | None = None,
) -> Letter:
    """Move a locked letter from `expected` to forwarded, held or refused as `decision` says.

    A refusal tells the writer the rules' reasons, or `refuse_reason` (a caseworker's words).
    """
    now = timezone.now()
    if decision.action == "forward":
        changes = {"status": Letter.Status.FORWARDED, "forwarded_at": now, "status_reason": ""}
    elif decision.action == "hold":
        changes = {"status": Letter.Status.HELD, "status_reason": hold_for_writer(decision)}
    else:
        changes = {
            "status": Letter.Status.REFUSED,
            "status_reason": refuse_reason or refusal_for_writer(decision),
        }
    # Conditional on the state the caller saw: of two dispatches of the same letter, one moves it.
    if Letter.objects.filter(pk=letter.pk, status=expected).update(updated_at=now, **changes) != 1:
        letter.refresh_from_db()
        return letter
    for field, value in changes.items():
        setattr(letter, field, value)
    if decision.action == "forward":
        events.letter_forwarded(letter=letter, actor=actor)
        sent_letters_announce(letter_ids=[letter.pk])
    elif decision.action == "hold":
        events.letter_held(letter=letter, actor=actor)
    else:
        events.letter_refused(letter=letter, actor=actor)
    # What the patient's side said is told to the donor once, kindly (a notice), or by a caseworker:
    # not again with every letter it stops or holds.
    if not decided_by_patient_standing(decision.reasons):
        notifications.writer_notify_status(letter=letter)
    if letter.direction == Letter.Direction.PATIENT_TO_DONOR and letter.status == Letter.Status.FORWARDED:
        notifications.donor_notify_reply(reply=letter)
    logger.info("letter id=%s moved %s -> %s", letter.pk, expected, letter.status)
    return letter


def _lock(letter_id: int) -> Letter | None:
    return (
        Letter.objects.select_for_update(of=("self",))
        .select_related("donation__donor", "donation__patient__centre")
        .filter(pk=letter_id)
        .first()
    )


@transaction.atomic
def letter_dispatch(*, letter: Letter, actor: AbstractBaseUser | None, on: date) -> Letter:
    """Decide again for an approved letter and forward it now, hold it, or refuse it.

    Called at approval, once the redacted version is saved. A no-op (returning the letter as it is
    now) unless the letter is still approved, so two calls cannot both dispatch it.
    """
    locked = _lock(letter.pk)
    if locked is None or locked.status != Letter.Status.APPROVED:
        return locked or letter
    decision = letter_policy_apply(letter=locked, on=on, stage=APPROVAL)
    return _move(letter=locked, decision=decision, actor=actor, expected=Letter.Status.APPROVED)


def _due(on: date) -> Q:
    """Held letters worth deciding again: their date has come, or they wait on a condition."""
    return Q(hold_until__lte=on) | Q(hold_until__isnull=True)


@transaction.atomic
def letter_release(*, letter_id: int, on: date) -> Letter | None:
    """Decide again for a held letter: forward it, refuse it, or keep holding it.

    A letter whose decision is still the same hold (same date, same condition) is left untouched,
    so the hourly sweep does not fill the audit trail.
    """
    letter = _lock(letter_id)
    if letter is None or letter.status != Letter.Status.HELD:
        return letter
    decision = letter_policy_decide(letter=letter, on=on)
    unchanged = (
        decision.action == "hold"
        and decision.hold_until == letter.hold_until
        and (explain.hold_condition(decision) or "") == letter.hold_condition
    )
    if unchanged:
        return letter
    _store(letter=letter, decision=decision, stage=RELEASE)
    if decision.action == "hold":
        # Held again, for another date or condition: tell the writer what it waits for now.
        letter.status_reason = hold_for_writer(decision)
        letter.save(update_fields=["status_reason", "updated_at"])
        events.letter_held(letter=letter, actor=None)
        return letter
    return _move(letter=letter, decision=decision, actor=None, expected=Letter.Status.HELD)


def letters_release_held(*, on: date) -> int:
    """Decide again for every held letter that is due on day `on`; returns how many moved or changed.

    Walks the held letters in batches of RELEASE_BATCH by primary key, each letter in its own
    transaction, so one failure does not undo the others and no lock is held for long.
    """
    changed = 0
    last_pk = 0
    while True:
        batch = list(
            Letter.objects.filter(_due(on), status=Letter.Status.HELD, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "hold_until", "hold_condition")[:RELEASE_BATCH]
        )
        if not batch:
            break
        for pk, hold_until, hold_condition in batch:
            letter = letter_release(letter_id=pk, on=on)
            if letter is not None and (
                letter.status != Letter.Status.HELD
                or (letter.hold_until, letter.hold_condition) != (hold_until, hold_condition)
            ):
                changed += 1
        last_pk = batch[-1][0]
    if changed:
        logger.info("released or re-decided %d held letters", changed)
    return changed


# What a caseworker may do with a held letter (letter_held_decide).
FORWARD_NOW, KEEP_HOLDING, REFUSE = "forward", "hold", "refuse"


@transaction.atomic
def letter_held_decide(
    *,
    letter: Letter,
    caseworker: AbstractBaseUser,
    action: str,
    reason: str,
    hold_until: date | None = None,
    on: date,
) -> Letter:
    """A caseworker decides a held letter: forward it now, keep holding it until a date, or refuse it.

    For letters the rules cannot decide alone (held "for a caseworker's decision", e.g. a country
    with no policy on file), which would otherwise wait for ever. Every choice needs a reason, kept
    in the audit trail; a refusal's reason is what the writer reads. Kept until a date, the letter
    is decided again on that day by the rules, and comes back to a caseworker if they still cannot
    decide.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason: it is kept in the audit trail."), code="reason_required")
    if action not in (FORWARD_NOW, KEEP_HOLDING, REFUSE):
        raise ValidationError(_("Choose to forward, to keep holding or to refuse."), code="bad_action")
    if action == KEEP_HOLDING and (hold_until is None or hold_until <= on):
        raise ValidationError(_("Choose a date after today to hold the letter until."), code="bad_hold_date")
    locked = _lock(letter.pk)
    if locked is None or locked.status != Letter.Status.HELD:
        current = locked or letter
        raise ValidationError(
            _("This letter is no longer held: it is now “%(status)s”.")
            % {"status": current.get_status_display()},
            code="not_held",
        )
    events.held_letter_decided(
        letter=locked, actor=caseworker, action=action, reason=reason, hold_until=hold_until
    )
    if action == KEEP_HOLDING:
        locked.hold_until, locked.hold_condition = hold_until, ""
        locked.status_reason = caseworker_hold_for_writer(hold_until)
        locked.save(update_fields=["hold_until", "hold_condition", "status_reason", "updated_at"])
        events.letter_held(letter=locked, actor=caseworker)
        logger.info("letter id=%s kept held by a caseworker until %s", locked.pk, hold_until)
        return locked
    # A refusal's reason is the caseworker's words, not the rules' sentences: the writer reads it.
    return _move(
        letter=locked,
        decision=rules.Decision(action, ()),  # the caseworker's decision: no rule speaks here
        actor=caseworker,
        expected=Letter.Status.HELD,
        refuse_reason=reason if action == REFUSE else None,
    )
