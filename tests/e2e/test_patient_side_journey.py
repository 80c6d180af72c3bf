"""The patient's side and the office, as the donor sees them in a real browser.

The centre acts over the API (as its integration would), caseworkers in the admin, the donor on
their pages: a health update, a decline and its lifting, news about the patient decided by a
caseworker, a question answered, and the guidance.
"""

import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from clinics.services import centre_api_key_issue
from correspondence.models import Flag, Letter
from correspondence.roles import CASEWORKERS
from correspondence.services import review
from tests.e2e.donor import donor_sign_in
from tests.factories import DonationFactory, DonorFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def donation():
    return DonationFactory(donor=DonorFactory(donor_number="E2E3003"))


@pytest.fixture
def centre_api(donation):
    from rest_framework.test import APIClient

    _, key = centre_api_key_issue(centre=donation.patient.centre, name="e2e")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def casey():
    user = UserFactory(username="casey", is_staff=True, first_name="Casey")
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    return user


def centre_post(client, path: str, data: dict | None = None):
    response = client.post(
        f"/api/v1/{path}", data or {}, format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
    )
    assert response.status_code in (200, 201), response.content
    return response.json()


def sign_in(page, live_server, number: str = "E2E3003") -> None:
    donor_sign_in(page, live_server.url, donor_number=number)
    page.get_by_role("heading", name="My letters").wait_for()


def admin_sign_in(page, live_server) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def approve(letter: Letter, caseworker) -> Letter:
    letter.refresh_from_db()
    for flag in letter.flags.all():
        review.flag_decide(flag=flag, caseworker=caseworker, decision=Flag.Decision.ACCEPTED)
    return review.letter_approve(letter=letter, caseworker=caseworker)


def test_it_shows_a_health_update_from_the_centre_on_the_donors_pages(
    live_server, page, donation, centre_api, casey
):
    sent = centre_post(
        centre_api,
        "health-updates/",
        {
            "donation_id": str(donation.public_id),
            "health_status": "back_to_everyday_life",
            "text": "Rosalind is back at work in Spokane.",
        },
    )
    update = approve(Letter.objects.get(public_id=sent["id"]), casey)
    assert update.status == Letter.Status.FORWARDED
    assert mail.outbox[-1].subject == "News about your recipient is waiting for you"

    sign_in(page, live_server)
    page.get_by_role("link", name="Read the replies from your recipient").click()
    page.get_by_role("link", name="Health update: Back to everyday life").click()
    page.get_by_role("heading", name="News about your recipient").wait_for()
    article = page.get_by_role("article", name="Health update")
    assert "Back to everyday life" in article.inner_text()
    assert "back at work in [place]" in article.inner_text()
    assert "Rosalind" not in page.content() and "Spokane" not in page.content()


def test_it_tells_the_donor_kindly_when_the_patient_declines_and_again_when_they_change_their_mind(
    live_server, page, donation, centre_api
):
    centre_post(centre_api, f"donations/{donation.public_id}/decline-contact")
    [email] = [m for m in mail.outbox if m.to == [donation.donor.email]]
    assert "decline" not in email.body.lower()

    sign_in(page, live_server)
    page.get_by_role("link", name="You have 1 new message from the correspondence office.").wait_for()
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Messages")).click()
    page.get_by_role("heading", name=re.compile("Your recipient would rather not receive letters")).wait_for()
    page.get_by_text("says nothing about you or what you wrote").wait_for()
    page.get_by_role("navigation").get_by_role("link", name="Write a letter").click()
    page.get_by_text("For now, no letters can be passed on to your recipient.").wait_for()
    assert page.get_by_label("Your letter").count() == 0

    centre_post(centre_api, f"donations/{donation.public_id}/resume-contact")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Messages")).click()
    page.get_by_role("heading", name=re.compile("Your recipient is again open to letters")).wait_for()
    page.get_by_role("navigation").get_by_role("link", name="Write a letter").click()
    page.get_by_label("Your letter").fill(
        "Dear recipient,\n\nThank you for letting me write again.\n\nYour donor"
    )
    page.get_by_role("button", name="Send to the registry").click()
    page.get_by_text("your letter is with us").wait_for()


def test_it_holds_letters_after_news_until_a_caseworker_decides_what_the_donor_is_told(
    live_server, page, donation, centre_api, casey
):
    letter = Letter.objects.create(
        donation=donation,
        body="Dear recipient,\n\nI hope the spring is kind to you.\n\nYour donor",
        status=Letter.Status.IN_REVIEW,
        submitted_at="2026-05-01T10:00:00Z",
    )
    centre_post(centre_api, f"donations/{donation.public_id}/patient-reports", {"kind": "deceased"})
    assert approve(letter, casey).status == Letter.Status.HELD
    assert mail.outbox == []  # nothing automatic

    sign_in(page, live_server)
    page.get_by_role("link", name=re.compile("I hope the spring")).click()
    page.get_by_text("Your letter is waiting for a member of our staff").wait_for()
    assert "died" not in page.content()

    admin = page.context.browser.new_context().new_page()
    admin_sign_in(admin, live_server)
    admin.goto(live_server.url + "/admin/correspondence/patientreport/")
    admin.locator("#result_list tbody th a").first.click()
    admin.get_by_text("The patient has died", exact=True).wait_for()
    admin.get_by_label("No further letters about this donation").check()
    admin.get_by_label("Message to the donor").fill(
        "We have news about your recipient that we would like to share with you personally. "
        "A caseworker will call you this week."
    )
    admin.get_by_label(re.compile("E-mail the donor that a message is waiting")).check()
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.get_by_text("was changed successfully").wait_for()
    admin.context.close()

    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED
    [email] = [m for m in mail.outbox if m.to == [donation.donor.email] and "message" in m.subject]
    assert "call you" not in email.body
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Messages")).click()
    page.get_by_text("A caseworker will call you this week.").wait_for()


def test_it_lets_the_donor_ask_the_office_and_read_the_answer(live_server, page, donation, casey):
    sign_in(page, live_server)
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Messages")).click()
    page.get_by_label("Your question", exact=True).fill("May I send a pressed flower with my letter?")
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("Your question is with the correspondence office.").wait_for()
    page.get_by_text("Waiting for an answer").wait_for()

    admin = page.context.browser.new_context().new_page()
    admin_sign_in(admin, live_server)
    admin.goto(live_server.url + "/admin/correspondence/donorquestion/")
    admin.locator("#result_list tbody th a").first.click()
    admin.get_by_text("May I send a pressed flower with my letter?").wait_for()
    admin.get_by_role("textbox", name="Answer:").fill(
        "Please do not: letters travel without enclosures while you are anonymous."
    )
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.get_by_text("was changed successfully").wait_for()
    admin.context.close()

    email = mail.outbox[-1]
    assert email.subject == "An answer to your question is waiting for you" and "enclosures" not in email.body
    page.reload()
    page.get_by_text("letters travel without enclosures").wait_for()


def test_it_offers_the_guidance_where_donors_write(live_server, page, donation):
    sign_in(page, live_server)
    page.get_by_role("navigation").get_by_role("link", name="Write a letter").click()
    aside = page.get_by_role("complementary", name="Before you write")
    assert "You may not hear back." in aside.inner_text()
    aside.get_by_role("link", name="Read the full guidance").click()
    page.get_by_role("heading", name="Social media and the internet").wait_for()
    page.get_by_text("do not search for your recipient online").wait_for()
