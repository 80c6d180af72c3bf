"""The donor reads replies from their recipient: only the redacted version, and only once forwarded."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from correspondence.models import Attachment, Letter, LetterEvent
from correspondence.notifications import donor_notify_reply
from tests.factories import DonationFactory, ForwardedLetterFactory, LetterFactory, image_bytes

pytestmark = pytest.mark.django_db

ORIGINAL = "Dear Friedrich,\n\nI am Rosalind from Spokane.\n\nYour recipient"
REDACTED = "Dear [NAME],\n\nI am [NAME] from [PLACE].\n\nYour recipient"


@pytest.fixture
def reply(donor_client):
    return ForwardedLetterFactory(
        donation=donor_client.donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        body=ORIGINAL,
        redacted=REDACTED,
    )


def detail_url(reply) -> str:
    return reverse("correspondence:reply_detail", args=[reply.public_id])


def test_it_lists_forwarded_replies_with_their_redacted_text(donor_client, reply):
    page = donor_client.get(reverse("correspondence:reply_list")).content.decode()
    assert "Dear [NAME]" in page and "New" in page
    assert "Rosalind" not in page and "Spokane" not in page


def test_it_shows_the_redacted_reply_only(donor_client, reply):
    response = donor_client.get(detail_url(reply))
    page = response.content.decode()
    assert response.status_code == 200
    assert "I am [NAME] from [PLACE]." in page
    assert "Rosalind" not in page and "Spokane" not in page


def test_it_marks_the_reply_delivered_when_first_opened(donor_client, reply):
    donor_client.get(detail_url(reply))
    reply.refresh_from_db()
    first = reply.delivered_at
    assert reply.status == Letter.Status.DELIVERED and first is not None
    donor_client.get(detail_url(reply))
    reply.refresh_from_db()
    assert reply.delivered_at == first
    [event] = LetterEvent.objects.filter(letter=reply, kind=LetterEvent.Kind.DELIVERED)
    assert event.actor == donor_client.donor.user


@pytest.mark.parametrize(
    "status", [Letter.Status.SUBMITTED, Letter.Status.IN_REVIEW, Letter.Status.HELD, Letter.Status.REFUSED]
)
def test_it_hides_replies_not_yet_forwarded(donor_client, status):
    hidden = LetterFactory(
        donation=donor_client.donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        status=status,
        submitted_at="2026-05-01T10:00:00Z",
    )
    assert donor_client.get(detail_url(hidden)).status_code == 404
    assert (
        str(hidden.public_id) not in donor_client.get(reverse("correspondence:reply_list")).content.decode()
    )


def test_it_hides_other_donors_replies(donor_client):
    other = ForwardedLetterFactory(donation=DonationFactory(), direction=Letter.Direction.PATIENT_TO_DONOR)
    assert donor_client.get(detail_url(other)).status_code == 404
    other.refresh_from_db()
    assert other.status == Letter.Status.FORWARDED


def test_it_serves_only_released_photos(donor_client, reply):
    def attach() -> Attachment:
        photo = Attachment(letter=reply, content_type="image/png", size=1, sha256="0" * 64, width=1, height=1)
        photo.file.save("photo", ContentFile(image_bytes("PNG")), save=False)
        photo.save()
        return photo

    released, withheld = attach(), attach()
    reply.redacted.attachments.add(released)
    url = "correspondence:reply_attachment"
    assert donor_client.get(reverse(url, args=[reply.public_id, released.public_id])).status_code == 200
    assert donor_client.get(reverse(url, args=[reply.public_id, withheld.public_id])).status_code == 404


def test_it_links_my_letters_to_the_replies(donor_client):
    page = donor_client.get(reverse("correspondence:letter_list")).content.decode()
    assert reverse("correspondence:reply_list") in page


def test_it_asks_signed_out_visitors_to_sign_in(reply):
    response = Client().get(detail_url(reply))
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == Letter.Status.FORWARDED


def test_it_emails_the_donor_a_link_to_the_replies_without_content(reply, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        donor_notify_reply(reply=reply)
    [message] = mail.outbox
    assert reverse("correspondence:reply_list") in message.body
    assert "[NAME]" not in message.body and "Rosalind" not in message.body


def test_it_keeps_the_centres_api_reads_out_of_the_writers_history(donor_client):
    from correspondence import events

    letter = ForwardedLetterFactory(donation=donor_client.donation)
    events.letters_read_by_centre(letter_ids=[letter.pk, letter.pk], centre_code="US-ALICE", via="list")
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "Api read" not in page and "api_read" not in page
