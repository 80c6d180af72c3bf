"""The donor and the correspondence office: notices on the donor's pages, questions and answers.

Nothing here is forwarded to the other side. E-mails only say that something is waiting.
"""

import logging

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from correspondence import events, notifications
from correspondence.models import DonorNotice, DonorQuestion
from donors.models import Donation, Donor

logger = logging.getLogger(__name__)

ANSWER_MAX_CHARS = 4_000
# A donor's questions waiting for an answer at once: enough for anyone, a stop for a runaway script.
QUESTIONS_WAITING_MAX = 5


def _messages_path() -> str:
    return reverse("correspondence:messages")


@transaction.atomic
def notice_send(
    *,
    donor: Donor,
    kind: str,
    donation: Donation | None = None,
    text: str = "",
    actor: AbstractBaseUser | None = None,
    email: bool = True,
) -> DonorNotice:
    """Leave the donor a notice on their Messages page and, if `email`, e-mail that one is waiting."""
    notice = DonorNotice(donor=donor, donation=donation, kind=kind, text=text.strip(), created_by=actor)
    notice.full_clean()
    notice.save()
    events.notice_sent(notice=notice, actor=actor, emailed=email)
    if email:
        notifications.donor_notify_news(donor=donor, news="notice", path=_messages_path())
    logger.info("notice id=%s kind=%s for donor id=%s", notice.pk, kind, donor.pk)
    return notice


@transaction.atomic
def question_ask(*, donor: Donor, text: str, donation: Donation | None = None) -> DonorQuestion:
    """Store the donor's question to the office; a caseworker answers it in the admin."""
    if donation is not None and donation.donor_id != donor.pk:
        raise PermissionDenied("This donation is not the donor's.")
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("Write your question first.")}, code="empty")
    waiting = DonorQuestion.objects.filter(donor=donor, answered_at__isnull=True).count()
    if waiting >= QUESTIONS_WAITING_MAX:
        raise ValidationError(
            _(
                "You have %(count)d questions waiting for an answer. Please wait for our answers before "
                "asking more; you can add to a question by asking again once it is answered."
            )
            % {"count": waiting},
            code="too_many_waiting",
        )
    question = DonorQuestion(donor=donor, donation=donation, text=text)
    question.full_clean()
    question.save()
    events.question_asked(question=question, actor=donor.user)
    logger.info("question id=%s asked by donor id=%s", question.pk, donor.pk)
    return question


@transaction.atomic
def question_answer(*, question: DonorQuestion, caseworker: AbstractBaseUser, answer: str) -> DonorQuestion:
    """Answer the question; the donor is e-mailed that an answer is waiting (never the answer).

    Answers are final: of two caseworkers answering at once, the first wins and the second is told.
    """
    answer = (answer or "").replace("\r\n", "\n").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer first.")}, code="empty")
    if len(answer) > ANSWER_MAX_CHARS:
        raise ValidationError(
            {"answer": _("An answer has at most %(limit)d characters.") % {"limit": ANSWER_MAX_CHARS}},
            code="too_long",
        )
    now = timezone.now()
    answered = DonorQuestion.objects.filter(pk=question.pk, answered_at__isnull=True).update(
        answer=answer, answered_at=now, answered_by=caseworker
    )
    if answered != 1:
        raise ValidationError(_("This question has already been answered."), code="already_answered")
    question.refresh_from_db()
    events.question_answered(question=question, actor=caseworker, emailed=True)
    notifications.donor_notify_news(donor=question.donor, news="answer", path=_messages_path())
    logger.info("question id=%s answered", question.pk)
    return question


@transaction.atomic
def messages_mark_read(*, donor: Donor) -> int:
    """Mark the donor's unread notices and answers read (they have the page open); returns how many."""
    now = timezone.now()
    notices = DonorNotice.objects.filter(donor=donor, read_at__isnull=True).update(read_at=now)
    unread = list(
        DonorQuestion.objects.filter(donor=donor, answered_at__isnull=False, answer_read_at__isnull=True)
    )
    for question in unread:
        if DonorQuestion.objects.filter(pk=question.pk, answer_read_at__isnull=True).update(
            answer_read_at=now
        ):
            events.answer_read(question=question, actor=donor.user)
    return notices + len(unread)
