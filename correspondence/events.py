"""One function per audited action. Events carry ids and states only, never letter text."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.utils import timezone

from correspondence.models import Letter, LetterEvent, OfficeEvent


def _record(*, letter: Letter, kind: str, actor: AbstractBaseUser | None = None, **data) -> LetterEvent:
    return LetterEvent.objects.create(letter=letter, kind=kind, actor=actor, data=data)


def letter_created(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.CREATED, actor=actor)


def letter_updated(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.UPDATED, actor=actor)


def letter_submitted(*, letter: Letter, actor: AbstractBaseUser, photos: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.SUBMITTED, actor=actor, photos=photos)


def letter_taken_in(*, letter: Letter, actor: AbstractBaseUser, source: str, photos: int) -> LetterEvent:
    """A letter that came on paper or by e-mail, submitted by the caseworker who took it in."""
    return _record(letter=letter, kind=LetterEvent.Kind.SUBMITTED, actor=actor, via=source, photos=photos)


def letter_requeued(*, letter: Letter) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.REQUEUED)


def letter_screened(*, letter: Letter, flags: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.SCREENED, flags=flags)


def letter_withdrawn(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.WITHDRAWN, actor=actor)


def letter_claimed(*, letter: Letter, actor: AbstractBaseUser, took_over_from: int | None) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.CLAIMED, actor=actor, took_over_from=took_over_from)


def letter_unclaimed(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.UNCLAIMED, actor=actor)


def original_opened(*, letter: Letter, actor: AbstractBaseUser, attachment: str | None = None) -> LetterEvent:
    if attachment is None:
        return _record(letter=letter, kind=LetterEvent.Kind.ORIGINAL_OPENED, actor=actor)
    return _record(letter=letter, kind=LetterEvent.Kind.ORIGINAL_OPENED, actor=actor, attachment=attachment)


def letter_printed(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.PRINTED, actor=actor)


def _flag_data(flag) -> dict:
    return {"flag": flag.pk, "label": flag.label, "start": flag.start, "end": flag.end, "source": flag.source}


def flag_accepted(*, letter: Letter, actor: AbstractBaseUser, flag) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.FLAG_ACCEPTED, actor=actor, **_flag_data(flag))


def flag_rejected(*, letter: Letter, actor: AbstractBaseUser, flag) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.FLAG_REJECTED, actor=actor, **_flag_data(flag))


def flag_added(*, letter: Letter, actor: AbstractBaseUser, flag, absorbed: int) -> LetterEvent:
    return _record(
        letter=letter, kind=LetterEvent.Kind.FLAG_ADDED, actor=actor, absorbed=absorbed, **_flag_data(flag)
    )


def flag_relabelled(*, letter: Letter, actor: AbstractBaseUser, flag, previous: str) -> LetterEvent:
    return _record(
        letter=letter,
        kind=LetterEvent.Kind.FLAG_RELABELLED,
        actor=actor,
        previous=previous,
        **_flag_data(flag),
    )


def _reshaped(
    *, kind: str, letter: Letter, actor: AbstractBaseUser, flag, previous: tuple, **extra
) -> LetterEvent:
    start, end, label = previous
    return _record(
        letter=letter,
        kind=kind,
        actor=actor,
        previous_start=start,
        previous_end=end,
        previous_label=label,
        **extra,
        **_flag_data(flag),
    )


def flag_narrowed(*, letter: Letter, actor: AbstractBaseUser, flag, previous: tuple) -> LetterEvent:
    """The flag now covers less; `previous` is its (start, end, label) before."""
    return _reshaped(
        kind=LetterEvent.Kind.FLAG_NARROWED, letter=letter, actor=actor, flag=flag, previous=previous
    )


def flag_split(
    *, letter: Letter, actor: AbstractBaseUser, flag, previous: tuple, pieces: list
) -> LetterEvent:
    """The flag became the selection (`flag`) and `pieces` (the rest, new flags); offsets only, no text."""
    return _reshaped(
        kind=LetterEvent.Kind.FLAG_SPLIT,
        letter=letter,
        actor=actor,
        flag=flag,
        previous=previous,
        pieces=[{"flag": p.pk, "start": p.start, "end": p.end} for p in pieces],
    )


def letter_approved(*, letter: Letter, actor: AbstractBaseUser, photos_released: int) -> LetterEvent:
    return _record(
        letter=letter, kind=LetterEvent.Kind.APPROVED, actor=actor, photos_released=photos_released
    )


def letter_returned(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.RETURNED, actor=actor)


def letter_refused(*, letter: Letter, actor: AbstractBaseUser | None) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.REFUSED, actor=actor)


def letter_revised(*, letter: Letter, actor: AbstractBaseUser, version: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.REVISED, actor=actor, version=version)


def reply_submitted(*, letter: Letter, centre_code: str, photos: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.SUBMITTED, centre=centre_code, photos=photos)


def letter_acknowledged(*, letter: Letter, centre_code: str) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.DELIVERED, centre=centre_code)


def reply_opened(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.DELIVERED, actor=actor)


API_READ = "api_read"


def letters_read_by_centre(*, letter_ids: Iterable[int], centre_code: str, via: str) -> int:
    """Record that a centre read these letters through the API: one row each, in one statement.

    A list page reads 50 letters per request, so this is the API's hottest write. It skips
    bulk_create's model instances and its transaction (one INSERT is atomic on its own), and sends
    the shared values once; they go through the model fields' own database conversions.
    Returns the rows written.
    """
    ids = list(letter_ids)
    if not ids:
        return 0
    fields = [LetterEvent._meta.get_field(name) for name in ("letter", "kind", "data", "created_at")]
    quote = connection.ops.quote_name
    # A VALUES list's column is "column1" in both PostgreSQL and SQLite.
    sql = "INSERT INTO {} ({}) SELECT column1, %s, %s, %s FROM (VALUES {}) AS letter_ids".format(
        quote(LetterEvent._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["(%s)"] * len(ids)),
    )
    params = [
        API_READ,
        fields[2].get_db_prep_save({"centre": centre_code, "via": via}, connection),
        fields[3].get_db_prep_save(timezone.now(), connection),
        *ids,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return len(ids)


def policy_decided(*, letter: Letter, stage: str, action: str, reasons: list[str], **hold) -> LetterEvent:
    """The country rules' decision at a stage (screening, approval, release): action and reasons, no text."""
    return _record(
        letter=letter,
        kind=LetterEvent.Kind.POLICY_DECIDED,
        stage=stage,
        action=action,
        reasons=reasons,
        **hold,
    )


def letter_held(*, letter: Letter, actor: AbstractBaseUser | None) -> LetterEvent:
    hold_until = letter.hold_until.isoformat() if letter.hold_until else None
    return _record(
        letter=letter,
        kind=LetterEvent.Kind.HELD,
        actor=actor,
        hold_until=hold_until,
        hold_condition=letter.hold_condition,
    )


def letter_forwarded(*, letter: Letter, actor: AbstractBaseUser | None) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.FORWARDED, actor=actor)


# What is not a letter: questions, declined contact, news about the patient, notices (OfficeEvent).


def _office(*, kind: str, actor: AbstractBaseUser | None = None, **fields) -> OfficeEvent:
    data = fields.pop("data", {})
    return OfficeEvent.objects.create(kind=kind, actor=actor, data=data, **fields)


def question_asked(*, question, actor: AbstractBaseUser) -> OfficeEvent:
    return _office(kind=OfficeEvent.Kind.QUESTION_ASKED, actor=actor, question=question)


def question_answered(*, question, actor: AbstractBaseUser, emailed: bool) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.QUESTION_ANSWERED, actor=actor, question=question, data={"emailed": emailed}
    )


def answer_read(*, question, actor: AbstractBaseUser) -> OfficeEvent:
    return _office(kind=OfficeEvent.Kind.ANSWER_READ, actor=actor, question=question)


def contact_declined(
    *, donation, actor: AbstractBaseUser | None, via: str, centre_code: str = "", letters_refused: int = 0
) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.CONTACT_DECLINED,
        actor=actor,
        donation=donation,
        data={"via": via, "centre": centre_code, "letters_refused": letters_refused},
    )


def contact_resumed(
    *, donation, actor: AbstractBaseUser | None, via: str, centre_code: str = ""
) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.CONTACT_RESUMED,
        actor=actor,
        donation=donation,
        data={"via": via, "centre": centre_code},
    )


def patient_reported(
    *, report, actor: AbstractBaseUser | None, centre_code: str = "", letters_held: int = 0
) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.PATIENT_REPORTED,
        actor=actor,
        donation=report.donation,
        data={
            "report": str(report.public_id),
            "kind": report.kind,
            "via": report.reported_via,
            "centre": centre_code,
            "letters_held": letters_held,
        },
    )


def patient_report_decided(*, report, actor: AbstractBaseUser, letters: int) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.PATIENT_REPORT_DECIDED,
        actor=actor,
        donation=report.donation,
        data={
            "report": str(report.public_id),
            "outcome": report.outcome,
            "donor_told": bool(report.donor_message),
            "emailed": report.donor_emailed,
            "letters": letters,
        },
    )


def notice_sent(*, notice, actor: AbstractBaseUser | None, emailed: bool) -> OfficeEvent:
    return _office(
        kind=OfficeEvent.Kind.NOTICE_SENT,
        actor=actor,
        donation=notice.donation,
        data={"notice": str(notice.public_id), "kind": notice.kind, "emailed": emailed},
    )


def held_letter_decided(
    *, letter: Letter, actor: AbstractBaseUser, action: str, reason: str, hold_until
) -> LetterEvent:
    """A caseworker decided a held letter (forward, hold, refuse), with the reason they gave."""
    return _record(
        letter=letter,
        kind=LetterEvent.Kind.HELD_DECIDED,
        actor=actor,
        action=action,
        reason=reason,
        hold_until=hold_until.isoformat() if hold_until else None,
    )
