"""An over-long letter: a clear error that keeps every typed word, in the form and in the services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from correspondence.models import Letter
from correspondence.services import letter_save_draft, letter_submit
from tests.factories import DonationFactory

pytestmark = pytest.mark.django_db

NEW = reverse("correspondence:letter_create")


@pytest.mark.parametrize("service", [letter_submit, letter_save_draft], ids=["submit", "save-draft"])
def test_it_refuses_an_over_long_letter_in_the_service_and_stores_nothing(service):
    donation = DonationFactory()
    with pytest.raises(ValidationError) as raised:
        service(donor=donation.donor, donation=donation, body="x" * 20_001)
    assert raised.value.error_dict["body"][0].code == "letter_too_long"
    assert Letter.objects.count() == 0


def test_it_shows_the_whole_over_long_letter_again_with_how_much_to_cut(donor_client):
    body = "Dear recipient,\n\n" + "a" * 20_480
    response = donor_client.post(
        NEW, {"donation": donor_client.donation.pk, "body": body, "action": "submit"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and Letter.objects.count() == 0
    assert "Your letter has 20,497 characters, 497 more than the 20,000 a letter can carry." in page
    assert "everything you wrote is still here" in page
    # Every character comes back in the text box, and nothing in the page lets the browser cut it.
    assert "a" * 20_480 + "</textarea>" in page
    assert "maxlength" not in page.split('name="body"')[1].split(">")[0]
    assert 'data-max-chars="20000"' in page


def test_it_counts_line_breaks_as_one_character_as_the_page_does(donor_client):
    """Browsers send CRLF; the live count (and the stored letter) count LF, so the limit is the same."""
    paragraph = "b" * 99
    body = "\r\n".join([paragraph] * 200)  # 19,800 letters, 199 line breaks: 20,198 characters as sent.
    assert len(body) > 20_000 and len(body.replace("\r\n", "\n")) <= 20_000
    response = donor_client.post(
        NEW, {"donation": donor_client.donation.pk, "body": body, "action": "save_draft"}
    )
    assert response.status_code == 302
    assert Letter.objects.get().body == body.replace("\r\n", "\n")


def test_it_tells_the_writer_at_check_my_letter_too(donor_client):
    response = donor_client.post(
        reverse("correspondence:letter_check"),
        {"donation": donor_client.donation.pk, "body": "c" * 20_010},
    )
    assert "Your letter has 20,010 characters, 10 more than the 20,000" in response.content.decode()
