"""The caseworker's review: claiming, deciding flags, adding redactions, approving, returning, refusing."""

import logging
import re

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from correspondence import events, notifications
from correspondence.models import Flag, Letter, RedactedVersion
from correspondence.selectors import policy_context_for_letter, redacted_text

logger = logging.getLogger(__name__)

REVIEWABLE = (Letter.Status.IN_REVIEW,)


class ReviewConflict(ValidationError):
    """Someone else changed the letter first; the message says who or what."""


def _holder_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return _("nobody")
    return user.get_full_name() or user.get_username()


def _require_reviewable(letter: Letter) -> None:
    if letter.status not in REVIEWABLE:
        raise ReviewConflict(
            _("This letter is no longer in review: it is now “%(status)s”.")
            % {"status": letter.get_status_display()},
            code="not_in_review",
        )


def letter_original_open(
    *, letter: Letter, caseworker: AbstractBaseUser, attachment: str | None = None
) -> None:
    """Audit that a caseworker opened the original letter (or one of its photos, by public id)."""
    events.original_opened(letter=letter, actor=caseworker, attachment=attachment)


@transaction.atomic
def letter_claim(*, letter: Letter, caseworker: AbstractBaseUser, take_over: bool = False) -> Letter:
    """Claim the letter for this caseworker, so nobody else works it unknowingly.

    A letter another caseworker holds is only taken over on purpose (`take_over`), and the take-over
    is audited.
    """
    _require_reviewable(letter)
    now = timezone.now()
    free = Q(claimed_by__isnull=True) | Q(claimed_by=caseworker)
    rows = Letter.objects.filter(pk=letter.pk, status__in=REVIEWABLE)
    if not take_over:
        rows = rows.filter(free)
    if rows.update(claimed_by=caseworker, claimed_at=now) != 1:
        letter.refresh_from_db()
        _require_reviewable(letter)
        raise ReviewConflict(
            _("%(name)s is already working on this letter.") % {"name": _holder_name(letter.claimed_by)},
            code="claimed",
        )
    previous = letter.claimed_by_id
    letter.refresh_from_db()
    if previous != caseworker.pk:
        events.letter_claimed(letter=letter, actor=caseworker, took_over_from=previous)
    return letter


@transaction.atomic
def letter_unclaim(*, letter: Letter, caseworker: AbstractBaseUser) -> Letter:
    """Release the caseworker's claim on the letter."""
    if (
        Letter.objects.filter(pk=letter.pk, claimed_by=caseworker).update(claimed_by=None, claimed_at=None)
        == 1
    ):
        events.letter_unclaimed(letter=letter, actor=caseworker)
    letter.refresh_from_db()
    return letter


def _lock_for_review(*, letter: Letter, caseworker: AbstractBaseUser) -> Letter:
    """Lock the letter's row for this change, check it is still in review and this caseworker's.

    Every change of a letter under review goes through here, inside the caller's transaction, so
    a flag decided while another caseworker approves waits for the approval and then fails
    cleanly instead of changing a letter whose redacted version is already stored. A letter
    nobody holds is claimed on the first change: nobody works a letter unknowingly.
    """
    locked = Letter.objects.select_for_update(of=("self",)).select_related("claimed_by").get(pk=letter.pk)
    _require_reviewable(locked)
    if locked.claimed_by_id is None:
        now = timezone.now()
        Letter.objects.filter(pk=locked.pk).update(claimed_by=caseworker, claimed_at=now)
        locked.claimed_by, locked.claimed_at = caseworker, now
        events.letter_claimed(letter=locked, actor=caseworker, took_over_from=None)
    elif locked.claimed_by_id != caseworker.pk:
        raise ReviewConflict(
            _("%(name)s is working on this letter. Take it over first if you need to.")
            % {"name": _holder_name(locked.claimed_by)},
            code="claimed",
        )
    return locked


@transaction.atomic
def flag_decide(*, flag: Flag, caseworker: AbstractBaseUser, decision: str) -> Flag:
    """Accept (redact) or reject (keep) a flag."""
    if decision not in (Flag.Decision.ACCEPTED, Flag.Decision.REJECTED):
        raise ValidationError(_("Choose to redact or to keep."), code="bad_decision")
    letter = _lock_for_review(letter=flag.letter, caseworker=caseworker)
    flag.decision = decision
    flag.decided_by = caseworker
    flag.decided_at = timezone.now()
    flag.save(update_fields=["decision", "decided_by", "decided_at"])
    record = events.flag_accepted if decision == Flag.Decision.ACCEPTED else events.flag_rejected
    record(letter=letter, actor=caseworker, flag=flag)
    return flag


@transaction.atomic
def flag_change(*, flag: Flag, caseworker: AbstractBaseUser, label: str = "", decision: str = "") -> Flag:
    """Change a flag's kind, its decision, or both at once (the review page's row sends either)."""
    if label:
        flag_relabel(flag=flag, caseworker=caseworker, label=label)
    if decision:
        flag_decide(flag=flag, caseworker=caseworker, decision=decision)
    return flag


@transaction.atomic
def flag_relabel(*, flag: Flag, caseworker: AbstractBaseUser, label: str) -> Flag:
    """Change the kind of a flag (which also changes its placeholder in the redacted letter)."""
    if label not in Flag.Label.values or label == Flag.Label.PHOTO or flag.attachment_id is not None:
        raise ValidationError(_("This kind cannot be given to a text flag."), code="bad_label")
    _lock_for_review(letter=flag.letter, caseworker=caseworker)
    previous = flag.label
    flag.label = label
    flag.save(update_fields=["label"])
    events.flag_relabelled(letter=flag.letter, actor=caseworker, flag=flag, previous=previous)
    return flag


@transaction.atomic
def flag_add(*, letter: Letter, caseworker: AbstractBaseUser, start: int, end: int, label: str) -> Flag:
    """Add a redaction the caseworker marked; it absorbs the flags it overlaps, so flags stay disjoint."""
    if not (0 <= start < end <= len(letter.body)):
        raise ValidationError(
            _("That selection lies outside the letter's text (0 to %(length)d).")
            % {"length": len(letter.body)},
            code="offsets_out_of_range",
        )
    if label not in Flag.Label.values or label == Flag.Label.PHOTO:
        raise ValidationError(_("Choose the kind of detail to redact."), code="bad_label")
    letter = _lock_for_review(letter=letter, caseworker=caseworker)
    overlapped = list(
        Flag.objects.filter(letter=letter, attachment__isnull=True, start__lt=end, end__gt=start).order_by(
            "start"
        )
    )
    if overlapped:
        start = min(start, *(f.start for f in overlapped))
        end = max(end, *(f.end for f in overlapped))
        Flag.objects.filter(pk__in=[f.pk for f in overlapped]).delete()
    flag = Flag(
        letter=letter,
        start=start,
        end=end,
        label=label,
        source=Flag.CASEWORKER,
        decision=Flag.Decision.ACCEPTED,
        decided_by=caseworker,
        decided_at=timezone.now(),
    )
    flag.full_clean()
    flag.save()
    events.flag_added(letter=letter, actor=caseworker, flag=flag, absorbed=len(overlapped))
    return flag


@transaction.atomic
def flag_add_text(*, letter: Letter, caseworker: AbstractBaseUser, text: str, label: str) -> list[Flag]:
    """Redact every occurrence of `text` (any case) that no accepted flag covers yet."""
    needle = text.strip()
    if not needle:
        raise ValidationError(_("Type the words to redact."), code="empty")
    covered = [
        (f.start, f.end)
        for f in Flag.objects.filter(letter=letter, attachment__isnull=True, decision=Flag.Decision.ACCEPTED)
    ]
    added = []
    for match in re.finditer(re.escape(needle), letter.body, flags=re.IGNORECASE):
        if any(s <= match.start() and match.end() <= e for s, e in covered):
            continue
        added.append(
            flag_add(letter=letter, caseworker=caseworker, start=match.start(), end=match.end(), label=label)
        )
    if not added:
        raise ValidationError(
            _("“%(text)s” does not appear in the letter.") % {"text": needle}, code="not_found"
        )
    return added


@transaction.atomic
def redaction_add(
    *,
    letter: Letter,
    caseworker: AbstractBaseUser,
    label: str,
    text: str = "",
    start: int | None = None,
    end: int | None = None,
) -> list[Flag]:
    """Add the caseworker's redaction: the selected characters (start, end), or every occurrence of the
    words typed when nothing is selected."""
    if start is not None and end is not None:
        return [flag_add(letter=letter, caseworker=caseworker, start=start, end=end, label=label)]
    if text:
        return flag_add_text(letter=letter, caseworker=caseworker, text=text, label=label)
    raise ValidationError(_("Select the words to redact first."), code="no_selection")


@transaction.atomic
def letter_approve(*, letter: Letter, caseworker: AbstractBaseUser) -> Letter:
    """Approve the redactions, store the redacted version, then let the policy forward or hold it.

    The row is locked first, so of two caseworkers approving (or one approving while another
    refuses) exactly one succeeds; the other gets a clear message.
    """
    from correspondence.services.policy import letter_dispatch
    from policies import rules

    locked = _lock_for_review(letter=letter, caseworker=caseworker)
    if locked.flags.filter(decision=Flag.Decision.PENDING).exists():
        raise ValidationError(_("Decide every flag before approving."), code="flags_undecided")
    photos_allowed = rules.photos_allowed(policy_context_for_letter(letter=locked))
    released = (
        [f.attachment for f in locked.flags.filter(attachment__isnull=False, decision=Flag.Decision.REJECTED)]
        if photos_allowed
        else []
    )
    version = RedactedVersion(letter=locked, text=redacted_text(letter=locked), approved_by=caseworker)
    version.save()
    version.attachments.set(released)
    locked.status = Letter.Status.APPROVED
    locked.claimed_by = None
    locked.claimed_at = None
    locked.save(update_fields=["status", "claimed_by", "claimed_at", "updated_at"])
    events.letter_approved(letter=locked, actor=caseworker, photos_released=len(released))
    logger.info("letter id=%s approved", locked.pk)
    return letter_dispatch(letter=locked, actor=caseworker, on=timezone.localdate())


APPROVE, RETURN, REFUSE = "approve", "return", "refuse"


@transaction.atomic
def letter_decide(*, letter: Letter, caseworker: AbstractBaseUser, action: str, reason: str = "") -> Letter:
    """Approve, return or refuse the letter, as the caseworker chose; return and refuse need a reason."""
    if action == APPROVE:
        return letter_approve(letter=letter, caseworker=caseworker)
    if action == RETURN:
        return letter_return(letter=letter, caseworker=caseworker, reason=reason)
    if action == REFUSE:
        return letter_refuse(letter=letter, caseworker=caseworker, reason=reason)
    raise ValidationError(_("Choose approve, return or refuse."), code="bad_action")


def _close(*, letter: Letter, caseworker: AbstractBaseUser, status: str, reason: str) -> Letter:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the writer a reason."), code="reason_required")
    locked = _lock_for_review(letter=letter, caseworker=caseworker)
    locked.status = status
    locked.status_reason = reason
    locked.claimed_by = None
    locked.claimed_at = None
    locked.save(update_fields=["status", "status_reason", "claimed_by", "claimed_at", "updated_at"])
    notifications.writer_notify_status(letter=locked)
    return locked


@transaction.atomic
def letter_return(*, letter: Letter, caseworker: AbstractBaseUser, reason: str) -> Letter:
    """Return the letter to its writer with a reason; they may revise and send a new version."""
    letter = _close(letter=letter, caseworker=caseworker, status=Letter.Status.RETURNED, reason=reason)
    events.letter_returned(letter=letter, actor=caseworker)
    return letter


@transaction.atomic
def letter_refuse(*, letter: Letter, caseworker: AbstractBaseUser, reason: str) -> Letter:
    """Refuse the letter with a reason the writer sees."""
    letter = _close(letter=letter, caseworker=caseworker, status=Letter.Status.REFUSED, reason=reason)
    events.letter_refused(letter=letter, actor=caseworker)
    return letter


@transaction.atomic
def letter_revise(*, letter: Letter, writer: AbstractBaseUser) -> Letter:
    """Start a new version of a returned letter as a draft; the returned version is kept as it was."""
    if letter.status != Letter.Status.RETURNED:
        raise ValidationError(_("Only a returned letter can be revised."), code="not_returned")
    existing = letter.revisions.filter(status=Letter.Status.DRAFT).first()
    if existing is not None:
        return existing
    revision = Letter(
        donation=letter.donation,
        direction=letter.direction,
        body=letter.body,
        version=letter.version + 1,
        revision_of=letter,
        in_reply_to=letter.in_reply_to,
    )
    revision.full_clean()
    revision.save()
    events.letter_created(letter=revision, actor=writer)
    events.letter_revised(letter=letter, actor=writer, version=revision.version)
    return revision
