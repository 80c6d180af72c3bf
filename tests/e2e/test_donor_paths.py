"""The donor's paths in a real browser: long letters, busy states, sign-in in any locale, phone layout."""

import datetime
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from correspondence import events
from correspondence.models import Letter
from correspondence.services.policy import letter_dispatch
from tests.e2e.donor import donor_sign_in
from tests.factories import (
    DonationFactory,
    DonorFactory,
    ForwardedLetterFactory,
    LetterFactory,
    RedactedVersionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARAGRAPH = "I think of you every morning when the kettle starts to sing, and I hope you are well. "


@pytest.fixture
def donation():
    return DonationFactory(donor=DonorFactory(donor_number="E2E3003"))


def test_it_keeps_an_over_long_letter_whole_and_says_how_much_to_cut(live_server, page, donation):
    donor_sign_in(page, live_server.url, donor_number="E2E3003")
    page.goto(live_server.url + "/letters/new/")
    text = (PARAGRAPH * 240)[:20_050]
    box = page.get_by_label("Your letter")
    box.fill(text)

    # The live count says it before sending.
    expect(page.locator("#id_body_count")).to_contain_text("50 characters too many")
    page.get_by_role("button", name="Send to the registry").click()

    too_long = "Your letter has 20,050 characters, 50 more than the 20,000"
    expect(page.get_by_role("alert")).to_contain_text(too_long)  # the summary at the top
    expect(page.locator("#id_body_error")).to_contain_text(too_long)  # and at the text box
    assert len(page.get_by_label("Your letter").input_value()) == 20_050
    assert Letter.objects.count() == 0

    # Cutting 50 characters is enough: the letter is sent.
    box.fill(text[:20_000])
    expect(page.locator("#id_body_count")).to_have_text("20,000 of 20,000 characters")
    page.get_by_role("button", name="Send to the registry").click()
    page.get_by_text("your letter is with us").wait_for()
    assert len(Letter.objects.get().body) == 20_000


def test_it_shows_that_a_check_and_a_send_are_under_way(live_server, page, donation):
    donor_sign_in(page, live_server.url, donor_number="E2E3003")
    page.goto(live_server.url + "/letters/new/")
    page.get_by_label("Your letter").fill("Dear friend,\n\nThe garden is full of tulips this week.")
    held = []
    page.route("**/letters/check/", lambda route: held.append(route))  # answered when the test says

    check = page.get_by_role("button", name="Check my letter")
    check.click()
    expect(check).to_have_attribute("aria-busy", "true")
    expect(page.locator("#form-busy")).to_have_text("Checking your letter…")
    for _ in range(100):  # the busy state shows before the request reaches the route: wait for it
        if held:
            break
        page.wait_for_timeout(50)
    held.pop().continue_()
    page.locator("#check-result").wait_for()
    expect(check).not_to_have_attribute("aria-busy", "true")

    # What the send button says as the form goes, noted in the tab's session storage (the page is
    # gone once the next one loads); a second press follows at once, as an impatient finger would.
    page.evaluate(
        """() => {
            const form = document.querySelector("form.letter-form");
            const seen = [];
            form.addEventListener("submit", (event) => {
                const send = event.submitter;
                seen.push([send.textContent, send.getAttribute("aria-busy"),
                           document.getElementById("form-busy").textContent, event.defaultPrevented]);
                sessionStorage.setItem("submits", JSON.stringify(seen));
                if (seen.length === 1) setTimeout(() => send.click(), 0);
            });
        }"""
    )
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Send to the registry").click()
    page.get_by_text("your letter is with us").wait_for()

    busy = ["Sending your letter…", "true", "Sending your letter…"]
    assert json.loads(page.evaluate("sessionStorage.getItem('submits')")) == [[*busy, False], [*busy, True]]
    assert len(posts) == 1 and Letter.objects.count() == 1


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "de-DE"])
def test_it_asks_for_the_date_of_birth_the_same_way_in_every_locale(live_server, browser, donation, locale):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        group = page.get_by_role("group", name="Date of birth")
        expect(group).to_contain_text("Day, month and year, for example 17 5 1990.")
        assert page.locator("input[type=date]").count() == 0
        donor_sign_in(page, live_server.url, donor_number="E2E3003")
        expect(page.get_by_role("heading", name="My letters")).to_be_visible()
    finally:
        context.close()


def test_it_asks_in_a_dialog_before_withdrawing_a_letter(live_server, page, donation):
    letter = LetterFactory(donation=donation, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    donor_sign_in(page, live_server.url, donor_number="E2E3003")
    page.goto(live_server.url + letter.get_absolute_url())

    opener = page.get_by_role("link", name="Withdraw this letter")
    opener.click()
    dialog = page.get_by_role("dialog", name="Withdraw this letter?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="No, keep it")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW

    opener.click()
    dialog.get_by_role("button", name="Yes, withdraw my letter").click()
    expect(page.get_by_text("Your letter is withdrawn. It will not be sent.")).to_be_visible()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN


def test_it_asks_on_a_page_without_javascript_and_withdraws_a_held_letter(live_server, browser, donation):
    donation.first_transplant_date = datetime.date(2026, 12, 15)
    donation.save(update_fields=["first_transplant_date"])
    letter = LetterFactory(donation=donation, status=Letter.Status.APPROVED, submitted_at=timezone.now())
    RedactedVersionFactory(letter=letter, text=letter.body)
    letter = letter_dispatch(letter=letter, actor=None, on=datetime.date(2026, 11, 23))
    assert letter.status == Letter.Status.HELD
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        donor_sign_in(page, live_server.url, donor_number="E2E3003")
        page.goto(live_server.url + letter.get_absolute_url())
        page.get_by_role("link", name="Withdraw this letter").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw this letter?")
        expect(page.get_by_text("waiting until the rules allow it to travel on")).to_be_visible()
        page.get_by_role("link", name="No, keep it").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your letter")

        page.get_by_role("link", name="Withdraw this letter").click()
        page.get_by_role("button", name="Yes, withdraw my letter").click()
        expect(page.get_by_text("Your letter is withdrawn. It will not be sent.")).to_be_visible()
    finally:
        context.close()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN


def test_it_shows_the_donor_what_was_sent_and_a_history_in_their_words(live_server, page, donation):
    letter = ForwardedLetterFactory(
        donation=donation,
        body="Dear friend,\n\nMy sister Annika and I planted tulips.",
        redacted="Dear friend,\n\nMy sister [name] and I planted tulips.",
    )
    caseworker = UserFactory()
    events.letter_submitted(letter=letter, actor=donation.donor.user, photos=0)
    events.letter_screened(letter=letter, flags=1)
    for _ in range(12):
        events.original_opened(letter=letter, actor=caseworker)
    events.letter_approved(letter=letter, actor=caseworker, photos_released=0)
    events.letter_forwarded(letter=letter, actor=caseworker)

    donor_sign_in(page, live_server.url, donor_number="E2E3003")
    page.get_by_role("link", name="Dear friend, My sister Annika").click()
    sent = page.get_by_role("region", name="What your recipient reads")
    expect(sent).to_contain_text("My sister [name] and I planted tulips.")
    history = page.get_by_role("complementary", name="History")
    expect(history.get_by_role("listitem")).to_have_count(4)
    expect(history).to_contain_text("Forwarded to your recipient's transplant centre")
    expect(history).not_to_contain_text("Original opened")


def test_it_keeps_chosen_photos_through_a_form_error(live_server, page, donation, tmp_path):
    from PIL import Image

    paths = []
    for name, color in (("beach.jpg", (40, 120, 200)), ("garden.jpg", (60, 160, 60))):
        Image.new("RGB", (160, 120), color).save(tmp_path / name)
        paths.append(str(tmp_path / name))
    (tmp_path / "notes.jpg").write_bytes(b"%PDF-1.4 not a photo")
    donor_sign_in(page, live_server.url, donor_number="E2E3003")
    page.goto(live_server.url + "/letters/new/")
    page.get_by_label("Photos (optional)").set_input_files([*paths, str(tmp_path / "notes.jpg")])
    page.get_by_role("button", name="Send to the registry").click()

    # Every problem at once, at the top and at its field; the good photos are kept.
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your letter is empty")
    expect(summary).to_contain_text("notes.jpg is not a JPEG or PNG photo.")
    photo_field = page.locator(".photo-field")
    expect(photo_field.locator(".errorlist")).to_contain_text("notes.jpg is not a JPEG or PNG photo.")
    expect(photo_field.get_by_role("img", name="Photo 1")).to_be_visible()
    expect(photo_field.get_by_role("img", name="Photo 2")).to_be_visible()

    # The donor leaves the first photo out, writes the letter and sends it without choosing again.
    page.get_by_label("Remove photo 1").check()
    page.get_by_label("Your letter").fill("Dear friend,\n\nThe garden is full of tulips this week.")
    page.get_by_role("button", name="Send to the registry").click()
    page.get_by_text("your letter is with us").wait_for()
    letter = Letter.objects.get()
    assert letter.attachments.count() == 1
    assert letter.attachments.get().width == 160


def test_it_fits_every_donor_page_on_a_375_pixel_phone(live_server, browser, donation, tmp_path):
    """No page is wider than a small phone: nothing to scroll sideways, at 375 px as at 1280 px."""
    from PIL import Image

    second = DonationFactory(donor=donation.donor, reference="DON-2026-000123")
    draft = LetterFactory(donation=donation, body="Dear friend, " + "a very long word " * 40)
    unbroken = "see-www.example.org/" + "x" * 150  # a long word must wrap, not widen the page
    in_review = LetterFactory(
        donation=second, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now(), body=unbroken
    )
    sent = ForwardedLetterFactory(donation=donation, body=unbroken, redacted=unbroken)
    reply = ForwardedLetterFactory(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR)
    events.letter_submitted(letter=sent, actor=donation.donor.user, photos=0)
    events.letter_forwarded(letter=sent, actor=None)
    photo = tmp_path / "wide.jpg"
    Image.new("RGB", (2400, 600), (40, 120, 200)).save(photo)

    pages = [
        "/letters/",
        "/letters/new/",
        draft.get_absolute_url() + "edit/",
        in_review.get_absolute_url(),
        in_review.get_absolute_url() + "withdraw/",
        sent.get_absolute_url(),
        sent.get_absolute_url() + "sent/",
        "/replies/",
        f"/replies/{reply.public_id}/",
        "/contact/",
        f"/contact/{donation.public_id}/",
        f"/contact/{donation.public_id}/give/",
        "/messages/",
        "/guidance/",
    ]
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            page.goto(live_server.url + "/")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, "/"
            donor_sign_in(page, live_server.url, donor_number="E2E3003")
            for path in pages:
                page.goto(live_server.url + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
            # The letter form after an error, with a kept photo and the error summary.
            page.goto(live_server.url + "/letters/new/")
            page.get_by_label("Photos (optional)").set_input_files(str(photo))
            page.get_by_role("button", name="Send to the registry").click()
            page.get_by_role("alert").wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, "form error")
        finally:
            context.close()
