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


def _same_text(letter: Letter, flag: Flag) -> list[Flag]:
    """The letter's text flags over the same words as `flag` (any case) and of the same kind, `flag` first."""
    words = letter.body[flag.start : flag.end].casefold()
    twins = [
        other
        for other in Flag.objects.filter(letter=letter, attachment__isnull=True, label=flag.label)
        .exclude(pk=flag.pk)
        .order_by("start")
        if letter.body[other.start : other.end].casefold() == words
    ]
    return [flag, *twins]


@transaction.atomic
def flag_change(
    *, flag: Flag, caseworker: AbstractBaseUser, label: str = "", decision: str = ""
) -> list[Flag]:
    """Change a flag's kind (with every flag of that kind over the same words), its decision, or both
    at once (the review page's row sends either). Returns the flags changed, `flag` first."""
    changed = [flag]
    if label:
        changed = flag_relabel(flag=flag, caseworker=caseworker, label=label)
    if decision:
        flag_decide(flag=flag, caseworker=caseworker, decision=decision)
    return changed


@transaction.atomic
def flag_relabel(*, flag: Flag, caseworker: AbstractBaseUser, label: str) -> list[Flag]:
    """Change the kind of a flag, and of every flag of the same kind over the same words.

    The kind decides the placeholder readers see ("[name]", "[organisation]"), so a pet's name the
    screening took for an organisation reads "[name]" everywhere once corrected. Returns the flags
    changed, `flag` first; each change is audited.
    """
    if label not in Flag.Label.values or label == Flag.Label.PHOTO or flag.attachment_id is not None:
        raise ValidationError(_("This kind cannot be given to a text flag."), code="bad_label")
    letter = _lock_for_review(letter=flag.letter, caseworker=caseworker)
    flag.refresh_from_db()
    if flag.label == label:
        return [flag]
    changed = _same_text(letter, flag)
    for each in changed:
        previous = each.label
        each.label = label
        each.save(update_fields=["label"])
        events.flag_relabelled(letter=letter, actor=caseworker, flag=each, previous=previous)
    return changed


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
    wider = [f for f in overlapped if f.start <= start and end <= f.end and (f.start, f.end) != (start, end)]
    if wider:
        # Adding would only take the whole flag again: the caseworker wants it narrower.
        raise ValidationError(
            _("“%(words)s” lies inside the flag “%(flag)s”: narrow that flag to it, or split the flag there.")
            % {"words": letter.body[start:end], "flag": letter.body[wider[0].start : wider[0].end]},
            code="inside_flag",
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


ADD, NARROW, SPLIT = "add", "narrow", "split"


@transaction.atomic
def redaction_add(
    *,
    letter: Letter,
    caseworker: AbstractBaseUser,
    label: str,
    text: str = "",
    start: int | None = None,
    end: int | None = None,
    mode: str = ADD,
) -> list[Flag]:
    """Add the caseworker's redaction: the selected characters (start, end), or every occurrence of the
    words typed when nothing is selected. With `mode` "narrow" or "split", the wider flag the
    selection (or each occurrence of the words) lies in is narrowed to it or split there instead."""
    if mode not in (ADD, NARROW, SPLIT):
        raise ValidationError(_("Choose to add, narrow or split."), code="bad_mode")
    if start is not None and end is not None:
        if mode == NARROW:
            return [flag_narrow(letter=letter, caseworker=caseworker, start=start, end=end, label=label)]
        if mode == SPLIT:
            return flag_split(letter=letter, caseworker=caseworker, start=start, end=end, label=label)
        return [flag_add(letter=letter, caseworker=caseworker, start=start, end=end, label=label)]
    if text and mode == ADD:
        return flag_add_text(letter=letter, caseworker=caseworker, text=text, label=label)
    if text:
        return flags_reshape_text(
            letter=letter, caseworker=caseworker, text=text, label=label, split=mode == SPLIT
        )
    raise ValidationError(_("Select the words to redact first."), code="no_selection")


# What is left at the edges of a split flag's rest: spaces, punctuation and joining words, which
# identify nobody ("Labrador, " of "Labrador, Biscuit").
_EDGE = r"(?:[\s,;:.!?/&()\[\]\"'\u2018\u2019\u201c\u201d-]|\b(?:and|or|und|et)\b)+"
_LEADING = re.compile(_EDGE, re.IGNORECASE)  # used with match(): from the span's start
_TRAILING = re.compile(f"{_EDGE}$", re.IGNORECASE)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without the spaces, punctuation and joining words at its edges; None when nothing is left."""
    leading = _LEADING.match(text, start, end)
    if leading:
        start = leading.end()
    trailing = _TRAILING.search(text, start, end)
    if trailing:
        end = trailing.start()
    return (start, end) if end > start else None


def _containing_flag(*, letter: Letter, start: int, end: int) -> Flag:
    """The one text flag that holds the selection and is wider than it, or a clear error."""
    if not (0 <= start < end <= len(letter.body)):
        raise ValidationError(
            _("That selection lies outside the letter's text (0 to %(length)d).")
            % {"length": len(letter.body)},
            code="offsets_out_of_range",
        )
    flag = (
        Flag.objects.filter(letter=letter, attachment__isnull=True, start__lte=start, end__gte=end)
        .exclude(start=start, end=end)
        .first()
    )
    if flag is None:
        raise ValidationError(
            _("“%(words)s” is not part of a wider flag: add it as a redaction instead.")
            % {"words": letter.body[start:end]},
            code="not_inside_flag",
        )
    return flag


def _check_text_label(label: str) -> None:
    if label not in Flag.Label.values or label == Flag.Label.PHOTO:
        raise ValidationError(_("Choose the kind of detail to redact."), code="bad_label")


def _redact_only(*, flag: Flag, caseworker: AbstractBaseUser, start: int, end: int, label: str) -> None:
    """Make the flag cover [start, end) only, redacted as `label` by this caseworker."""
    flag.start, flag.end, flag.label = start, end, label
    flag.decision, flag.decided_by, flag.decided_at = Flag.Decision.ACCEPTED, caseworker, timezone.now()
    flag.full_clean()
    flag.save(update_fields=["start", "end", "label", "decision", "decided_by", "decided_at"])


@transaction.atomic
def flag_narrow(*, letter: Letter, caseworker: AbstractBaseUser, start: int, end: int, label: str) -> Flag:
    """Narrow the flag that holds the selection to the selection, redacted as `label`; the rest is kept.

    For a flag the screening drew too wide ("Labrador, Biscuit" when only "Biscuit" identifies).
    """
    _check_text_label(label)
    letter = _lock_for_review(letter=letter, caseworker=caseworker)
    flag = _containing_flag(letter=letter, start=start, end=end)
    previous = (flag.start, flag.end, flag.label)
    _redact_only(flag=flag, caseworker=caseworker, start=start, end=end, label=label)
    events.flag_narrowed(letter=letter, actor=caseworker, flag=flag, previous=previous)
    return flag


@transaction.atomic
def flag_split(
    *, letter: Letter, caseworker: AbstractBaseUser, start: int, end: int, label: str
) -> list[Flag]:
    """Split the flag that holds the selection there: the selection is redacted as `label`, and the
    words before and after it become flags of their own (the flag's kind, undecided, to decide).

    Returns the flags the old one became, in the letter's order.
    """
    _check_text_label(label)
    letter = _lock_for_review(letter=letter, caseworker=caseworker)
    flag = _containing_flag(letter=letter, start=start, end=end)
    previous = (flag.start, flag.end, flag.label)
    rests = [
        piece
        for piece in (_trimmed(letter.body, flag.start, start), _trimmed(letter.body, end, flag.end))
        if piece is not None
    ]
    pieces = [
        Flag(
            letter=letter,
            start=piece_start,
            end=piece_end,
            label=flag.label,
            source=flag.source,
            confidence=flag.confidence,
        )
        for piece_start, piece_end in rests
    ]
    _redact_only(flag=flag, caseworker=caseworker, start=start, end=end, label=label)
    for piece in pieces:
        piece.full_clean()
        piece.save()
    events.flag_split(letter=letter, actor=caseworker, flag=flag, previous=previous, pieces=pieces)
    return sorted([flag, *pieces], key=lambda f: f.start)


def _occurrences_inside_flags(*, letter: Letter, text: str) -> list[tuple[int, int]]:
    """Where the typed words occur inside a wider flag (any case), for narrowing or splitting by text."""
    needle = text.strip()
    if not needle:
        raise ValidationError(_("Type the words to redact."), code="empty")
    spans = [(f.start, f.end) for f in Flag.objects.filter(letter=letter, attachment__isnull=True)]
    found = [
        (m.start(), m.end())
        for m in re.finditer(re.escape(needle), letter.body, flags=re.IGNORECASE)
        if any(s <= m.start() and m.end() <= e and (s, e) != (m.start(), m.end()) for s, e in spans)
    ]
    if not found:
        raise ValidationError(
            _("“%(words)s” is not part of a wider flag: add it as a redaction instead.") % {"words": needle},
            code="not_inside_flag",
        )
    return found


@transaction.atomic
def flags_reshape_text(
    *, letter: Letter, caseworker: AbstractBaseUser, text: str, label: str, split: bool
) -> list[Flag]:
    """Narrow (or split) every flag that holds the typed words there; returns the flags that result.

    The path without a selection (no JavaScript, or words typed in): each occurrence inside a wider
    flag is treated as if it had been selected.
    """
    changed: list[Flag] = []
    for start, end in _occurrences_inside_flags(letter=letter, text=text):
        try:
            if split:
                changed += flag_split(letter=letter, caseworker=caseworker, start=start, end=end, label=label)
            else:
                changed.append(
                    flag_narrow(letter=letter, caseworker=caseworker, start=start, end=end, label=label)
                )
        except ValidationError as error:
            # A second occurrence in a flag the first one already narrowed: that flag is done.
            if error.code != "not_inside_flag" or not changed:
                raise
    return changed


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


def reason_required(reason: str) -> str:
    """Return the reason for the writer, stripped; an empty one is refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the writer a reason."), code="reason_required")
    return reason


def _close(*, letter: Letter, caseworker: AbstractBaseUser, status: str, reason: str) -> Letter:
    reason = reason_required(reason)
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
