"""One function per audited action. Events carry ids and states only, never letter text."""

from django.contrib.auth.base_user import AbstractBaseUser

from correspondence.models import Letter, LetterEvent


def _record(*, letter: Letter, kind: str, actor: AbstractBaseUser | None = None, **data) -> LetterEvent:
    return LetterEvent.objects.create(letter=letter, kind=kind, actor=actor, data=data)


def letter_created(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.CREATED, actor=actor)


def letter_updated(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.UPDATED, actor=actor)


def letter_submitted(*, letter: Letter, actor: AbstractBaseUser, photos: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.SUBMITTED, actor=actor, photos=photos)


def letter_requeued(*, letter: Letter) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.REQUEUED)


def letter_screened(*, letter: Letter, flags: int) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.SCREENED, flags=flags)


def letter_withdrawn(*, letter: Letter, actor: AbstractBaseUser) -> LetterEvent:
    return _record(letter=letter, kind=LetterEvent.Kind.WITHDRAWN, actor=actor)
