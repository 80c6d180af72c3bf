"""E-mails to letter writers. They never carry any content of a letter: only that something happened."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from correspondence.models import Letter

logger = logging.getLogger(__name__)

SUBJECTS = {
    Letter.Status.FORWARDED: _("Your letter is on its way"),
    Letter.Status.HELD: _("Your letter is waiting to travel"),
    Letter.Status.RETURNED: _("Your letter needs a change"),
    Letter.Status.REFUSED: _("Your letter cannot be sent"),
}


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, context)

    def deliver() -> None:
        try:
            send_mail(subject, body, None, [to])
        except OSError as exc:
            logger.error("notification e-mail failed: %s", type(exc).__name__)

    transaction.on_commit(deliver)


def writer_notify_status(*, letter: Letter) -> None:
    """E-mail a donor that their letter was forwarded, held, returned or refused (after commit)."""
    if letter.direction != Letter.Direction.DONOR_TO_PATIENT or letter.status not in SUBJECTS:
        return
    donor = letter.donation.donor
    _send(
        to=donor.email,
        subject=str(SUBJECTS[letter.status]),
        template="correspondence/email/status.txt",
        context={"letter": letter, "url": _site_url(letter.get_absolute_url())},
    )
    logger.info("status e-mail queued letter id=%s status=%s", letter.pk, letter.status)


def donor_notify_reply(*, reply: Letter) -> None:
    """E-mail a donor that a reply from their recipient is waiting (after commit).

    A health update from the centre, or a first letter (answering none of the donor's), says so.
    """
    donor = reply.donation.donor
    first = (
        reply.in_reply_to_id is None
        and not reply.donation.letters.filter(
            direction=Letter.Direction.DONOR_TO_PATIENT, status__in=Letter.SENT
        ).exists()
    )
    if reply.kind == Letter.Kind.HEALTH_UPDATE or first:
        news = "health_update" if reply.kind == Letter.Kind.HEALTH_UPDATE else "first_letter"
        donor_notify_news(donor=donor, news=news, path=reverse("correspondence:reply_list"))
        return
    _send(
        to=donor.email,
        subject=_("A reply from your recipient is waiting for you"),
        template="correspondence/email/reply.txt",
        context={"url": _site_url(reverse("correspondence:reply_list"))},
    )
    logger.info("reply e-mail queued letter id=%s", reply.pk)


# What the donor is told about news that is not their own letter: always without its content.
NEWS = {
    "notice": (
        _("A message from the correspondence office is waiting for you"),
        _("The correspondence office has left you a message. Sign in to read it:"),
    ),
    "answer": (
        _("An answer to your question is waiting for you"),
        _("The correspondence office has answered your question. Sign in to read the answer:"),
    ),
    "health_update": (
        _("News about your recipient is waiting for you"),
        _("Your recipient's transplant centre has sent news of how your recipient is. Sign in to read it:"),
    ),
    "first_letter": (
        _("A letter from your recipient is waiting for you"),
        _("Your recipient has written to you. Sign in to read the letter:"),
    ),
}


def donor_notify_news(*, donor, news: str, path: str) -> None:
    """E-mail a donor that something is waiting on their pages (after commit); never what it says."""
    subject, line = NEWS[news]
    _send(
        to=donor.email,
        subject=str(subject),
        template="correspondence/email/news.txt",
        context={"line": line, "url": _site_url(path)},
    )
    logger.info("news e-mail queued donor id=%s news=%s", donor.pk, news)
