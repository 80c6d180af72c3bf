"""A donor writes, a caseworker reviews, the redacted version travels: in a real browser."""

import pytest
from django.contrib.auth.models import Group

from correspondence.models import Flag, Letter
from correspondence.roles import CASEWORKERS
from tests.e2e.donor import donor_sign_in
from tests.e2e.helpers import select_in_original
from tests.factories import DonationFactory, DonorFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LETTER = (
    "Dear friend,\n\n"
    "My brother Maximilian and I planted roses in the garden this week, and I thought of you.\n"
    "I hope you are getting stronger every day.\n\n"
    "Warm wishes from your donor"
)


def test_it_takes_a_letter_from_the_donor_through_review_to_the_recipient(live_server, page, tmp_path):
    from PIL import Image

    donation = DonationFactory(
        donor=DonorFactory(donor_number="E2E1001", given_names="Greta", family_name="Lindqvist")
    )
    caseworker = UserFactory(username="casey", is_staff=True, first_name="Casey")
    caseworker.groups.add(Group.objects.get(name=CASEWORKERS))
    photo = tmp_path / "holiday.jpg"
    Image.new("RGB", (120, 80), (40, 120, 200)).save(photo)

    # The donor signs in with number, date of birth and the e-mailed code.
    donor_sign_in(page, live_server.url, donor_number="E2E1001")
    page.get_by_role("link", name="Write a letter").first.click()

    # ... writes a letter naming a person, with a photo, and sends it.
    page.get_by_label("Your letter").fill(LETTER)
    page.get_by_label("Photos (optional)").set_input_files(str(photo))
    page.get_by_role("button", name="Send to the registry").click()
    page.get_by_text("your letter is with us").wait_for()
    letter = Letter.objects.get(donation=donation)
    assert letter.status == Letter.Status.IN_REVIEW
    name_flag = letter.flags.get(start=LETTER.index("Maximilian"))
    assert letter.flags.filter(label=Flag.Label.PHOTO).count() == 1
    # A false flag, planted so the test does not depend on the model's mistakes of the day.
    garden = LETTER.index("garden")
    letter.flags.filter(start__lt=garden + 6, end__gt=garden).delete()
    false_flag = Flag.objects.create(
        letter=letter, start=garden, end=garden + 6, label="LOCATION", source="ner"
    )

    # The caseworker opens the queue and the letter.
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/correspondence/letter/")
    page.get_by_role("link", name=letter.reference).click()
    page.get_by_role("button", name="Claim this letter").click()

    # Rejects the false flag, redacts the others, keeps the photo out.
    page.locator(f"#row-{false_flag.pk}").get_by_role("button", name="Keep").click()
    page.locator(f"#row-{false_flag.pk}.decision-rejected").wait_for()
    for flag in letter.flags.exclude(pk=false_flag.pk):
        row = page.locator(f"#row-{flag.pk}")
        row.get_by_role("button", name="Keep out" if flag.attachment_id else "Redact").click()
        page.locator(f"#row-{flag.pk}.decision-accepted").wait_for()

    # Adds one redaction by selecting text in the original.
    start = LETTER.index("roses")
    select_in_original(page, start, start + len("roses"))
    page.wait_for_function("document.getElementById('add-text').value === 'roses'")
    page.get_by_role("button", name="Add redaction").click()
    page.locator("mark.flag.decision-accepted", has_text="roses").wait_for()

    # Approves; the policy forwards it.
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Done: the letter is now").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    redacted = letter.redacted.text
    assert "Maximilian" not in redacted and "roses" not in redacted
    assert "in the garden this week" in redacted and "[name]" in redacted
    assert LETTER[name_flag.start : name_flag.end] not in redacted
    assert not letter.redacted.attachments.exists()

    # The donor sees the new status.
    donor_page = page.context.new_page()
    donor_sign_in(donor_page, live_server.url, donor_number="E2E1001")
    assert donor_page.locator(".status-forwarded").first.is_visible()
