"""E-mails to both sides: donors, and transplant centres (at their contact address).

They never carry any content of a letter, nor anyone's identity: only that something happened,
with a link (donors) or the ids a centre looks up over the API. Each is sent after the
transaction commits, so a rollback sends nothing.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from correspondence.links import absolute_url
from correspondence.models import Letter
from donors.models import Donation

logger = logging.getLogger(__name__)

SUBJECTS = {
    Letter.Status.SUBMITTED: _("We have received your letter"),
    Letter.Status.FORWARDED: _("Your letter is on its way"),
    Letter.Status.HELD: _("Your letter is waiting to travel"),
    Letter.Status.DELIVERED: _("Your letter has reached your recipient's transplant centre"),
    Letter.Status.RETURNED: _("Your letter needs a change"),
    Letter.Status.REFUSED: _("Your letter cannot be sent"),
}
CENTRE_SUBJECTS = {
    Letter.Status.RETURNED: _("A reply from your centre was returned: %(reference)s"),
    Letter.Status.REFUSED: _("A reply from your centre cannot be sent: %(reference)s"),
}


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, context)

    def deliver() -> None:
        try:
            send_mail(subject, body, None, [to])
        except OSError as exc:
            logger.error("notification e-mail failed: %s", type(exc).__name__)

    transaction.on_commit(deliver)


def writer_notify_status(*, letter: Letter) -> None:
    """E-mail the writer that their letter moved on (after commit).

    A donor hears of receipt, forwarding, a hold, delivery, a return and a refusal; for a patient's
    reply that is returned or refused, their transplant centre is told instead.
    """
    if letter.direction == Letter.Direction.PATIENT_TO_DONOR:
        if letter.status in CENTRE_SUBJECTS:
            centre_notify_reply_status(reply=letter)
        return
    if letter.status not in SUBJECTS:
        return
    donor = letter.donation.donor
    _send(
        to=donor.email,
        subject=str(SUBJECTS[letter.status]),
        template="correspondence/email/status.txt",
        context={"letter": letter, "url": absolute_url(letter.get_absolute_url())},
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
        context={"url": absolute_url(reverse("correspondence:reply_list"))},
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
        context={"line": line, "url": absolute_url(path)},
    )
    logger.info("news e-mail queued donor id=%s news=%s", donor.pk, news)


def donor_notify_patient_consent(*, donation: Donation) -> None:
    """E-mail a donor that their recipient has agreed to direct contact (after commit)."""
    _send(
        to=donation.donor.email,
        subject=_("Your recipient has agreed to direct contact"),
        template="correspondence/email/patient_consent.txt",
        context={
            "url": absolute_url(
                reverse("correspondence:contact_detail", kwargs={"public_id": donation.public_id})
            )
        },
    )
    logger.info("patient consent e-mail queued donation id=%s", donation.pk)


def _centre_address(donation: Donation) -> str | None:
    centre = donation.patient.centre
    if not centre.contact_email:
        logger.warning("centre id=%s has no contact e-mail: nothing sent", centre.pk)
        return None
    return centre.contact_email


def centre_notify_reply_status(*, reply: Letter) -> None:
    """E-mail the patient's centre that its reply was returned or refused (after commit).

    The reason is not in the e-mail: the centre reads it over the API (GET replies/{id}).
    """
    to = _centre_address(reply.donation)
    if to is None:
        return
    _send(
        to=to,
        subject=str(CENTRE_SUBJECTS[reply.status]) % {"reference": reply.reference},
        template="correspondence/email/centre_reply_status.txt",
        context={
            "reply": reply,
            "api_url": absolute_url(
                reverse("clinics_api:reply_detail", kwargs={"public_id": reply.public_id})
            ),
        },
    )
    logger.info("centre reply e-mail queued letter id=%s status=%s", reply.pk, reply.status)


def centre_notify_donor_consent(*, donation: Donation) -> None:
    """E-mail the patient's centre that the donor has agreed to direct contact (after commit)."""
    to = _centre_address(donation)
    if to is None:
        return
    _send(
        to=to,
        subject=_("A donor has agreed to direct contact"),
        template="correspondence/email/centre_donor_consent.txt",
        context={
            "donation": donation,
            "api_url": absolute_url(
                reverse("clinics_api:donation_contact_status", kwargs={"public_id": donation.public_id})
            ),
        },
    )
    logger.info("donor consent e-mail queued donation id=%s", donation.pk)
