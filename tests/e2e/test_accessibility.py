"""axe-core (npm, injected by Playwright) finds no serious or critical violation on the donor's pages, the
review queue and the review page, on a desktop (1280 px) and a phone (375 px)."""

import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from correspondence.models import Attachment, Flag, Intake, IntakeFile, Letter
from tests.e2e.helpers import axe_report, axe_violations, caseworker_sign_in
from tests.factories import (
    DonationFactory,
    DonorFactory,
    ForwardedLetterFactory,
    LetterFactory,
    PatientFactory,
    RedactedVersionFactory,
    TransplantCentreFactory,
    image_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(1280, id="desktop-1280"), pytest.param(375, id="phone-375")]
BODY = (
    "Dear friend,\n\nMy name is Greta and I live in Uppsala. Our dog, a Labrador, Biscuit, says hello.\n"
    "I work at Riverside Bakery and my birthday is on 4 May.\n\nWarm wishes from your donor"
)
# Long enough that the original, the preview and the audit trail scroll (their regions must take focus).
LONG = BODY + "\n\nThe weather was kind to us all week, and the garden is full of colour." * 40


def photo(letter: Letter) -> Attachment:
    attachment = Attachment(
        letter=letter, content_type="image/jpeg", size=10, sha256="0" * 64, width=64, height=48
    )
    attachment.file.save("photo", ContentFile(image_bytes()), save=False)
    attachment.save()
    return attachment


def letters_in_every_state():
    """A donor with letters in the states the pages show, a reply, and letters for the review queue."""
    donor = DonorFactory(donor_number="AXE1001", given_names="Greta")
    donation = DonationFactory(donor=donor)
    now = timezone.now()
    LetterFactory(donation=donation, body="Dear friend, a draft.")
    review = LetterFactory(donation=donation, body=LONG, status=Letter.Status.IN_REVIEW, submitted_at=now)
    for words, label, decision in (
        ("Greta", "NAME", "pending"),
        ("Uppsala", "LOCATION", "accepted"),
        ("Labrador, Biscuit", "ORGANISATION", "pending"),
        ("Riverside Bakery", "ORGANISATION", "rejected"),
        ("4 May", "DATE", "pending"),
    ):
        start = BODY.index(words)
        Flag.objects.create(
            letter=review, start=start, end=start + len(words), label=label, source="ner", decision=decision
        )
    Flag.objects.create(letter=review, attachment=photo(review), label="PHOTO", source="photo")
    LetterFactory(
        donation=donation,
        status=Letter.Status.RETURNED,
        submitted_at=now,
        status_reason="Please leave out the name of your town.",
    )
    LetterFactory(
        donation=donation, status=Letter.Status.REFUSED, submitted_at=now, status_reason="Not allowed."
    )
    forwarded = ForwardedLetterFactory(donation=donation)
    reply = ForwardedLetterFactory(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        in_reply_to=forwarded,
        redacted="Dear donor,\n\nThank you. I am back at [organisation] since March.\n\nYour recipient",
    )
    held_donation = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="KE")))
    held = LetterFactory(
        donation=held_donation,
        status=Letter.Status.HELD,
        submitted_at=now,
        policy_action="hold",
        hold_condition="a caseworker's decision (no policy on file for KE)",
        policy_reasons=["Held for a caseworker: no policy on file for KE."],
    )
    RedactedVersionFactory(letter=held, text="Dear friend, all is well.")
    return {
        "donor": donor,
        "donation": donation,
        "review": review,
        "forwarded": forwarded,
        "reply": reply,
        "held": held,
    }


def sign_in_donor(page, live_server, donor_number: str) -> list[str]:
    """Sign in as the donor through the pages, checking the sign-in pages on the way."""
    checked = []
    page.goto(live_server.url + "/")
    checked.append(check(page, "sign in"))
    page.get_by_role("button", name="Send me a code").click()  # nothing filled in: the errors
    page.get_by_label("Donor number").wait_for()
    checked.append(check(page, "sign in, with errors"))
    page.get_by_label("Donor number").fill(donor_number)
    date_of_birth = page.get_by_role("group", name="Date of birth")
    for box, value in (("Day", "2"), ("Month", "4"), ("Year", "1988")):
        date_of_birth.get_by_label(box).fill(value)
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_label("Sign-in code").wait_for()
    checked.append(check(page, "sign-in code"))
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Sign-in code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()
    return checked


def check(page, name: str) -> str:
    """Return "" when axe finds nothing serious on the page, else what it found, under the page's name."""
    violations = axe_violations(page)
    return f"{name} ({page.url}):\n{axe_report(violations)}" if violations else ""


def open_page(browser, width: int):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_donors_pages_have_no_serious_violations(live_server, browser, width):
    data = letters_in_every_state()
    context, page = open_page(browser, width)
    found = sign_in_donor(page, live_server, "AXE1001")
    donation, reply = data["donation"], data["reply"]
    pages = {
        "my letters": "/letters/",
        "write a letter": "/letters/new/",
        "letter in review": f"/letters/{data['review'].public_id}/",
        "forwarded letter": f"/letters/{data['forwarded'].public_id}/",
        "withdraw a letter": f"/letters/{data['review'].public_id}/withdraw/",
        "replies": "/replies/",
        "a reply": f"/replies/{reply.public_id}/",
        "direct contact": f"/contact/{donation.public_id}/",
        "give consent": f"/contact/{donation.public_id}/give/",
        "messages": "/messages/",
        "guidance": "/guidance/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        found.append(check(page, name))
    for letter in Letter.objects.filter(donation=donation, direction=Letter.Direction.DONOR_TO_PATIENT):
        page.goto(f"{live_server.url}/letters/{letter.public_id}/")
        found.append(check(page, f"letter {letter.status}"))

    # "Check my letter" shows the highlighted text on the form page.
    page.goto(live_server.url + "/letters/new/")
    page.get_by_label("Your letter").fill(BODY)
    page.get_by_role("button", name="Check my letter").click()
    page.locator("mark.flag").first.wait_for()
    found.append(check(page, "check my letter"))
    context.close()
    failures = [f for f in found if f]
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_queue_and_the_review_page_have_no_serious_violations(live_server, browser, width):
    data = letters_in_every_state()
    context, page = open_page(browser, width)
    caseworker_sign_in(page, live_server.url)
    found = []
    queue = "/admin/correspondence/letter/"
    for name, path in {
        "queue": queue,
        "queue, all letters": queue + "?q=",
        "queue, held for a caseworker": queue + "?held=caseworker",
        "review, in review": f"{queue}{data['review'].public_id}/review/",
        "review, held": f"{queue}{data['held'].public_id}/review/",
        "review, forwarded": f"{queue}{data['forwarded'].public_id}/review/",
        "review, a reply": f"{queue}{data['reply'].public_id}/review/",
    }.items():
        page.goto(live_server.url + path)
        found.append(check(page, name))

    page.goto(f"{live_server.url}{queue}{data['review'].public_id}/review/")
    page.keyboard.press("j")  # the current flag's highlight
    page.get_by_label("Reason for the writer (for return or refuse)").fill("Your letter names a town.")
    page.get_by_role("button", name="Refuse", exact=True).click()
    page.get_by_role("dialog").wait_for()
    found.append(check(page, "review, refusal dialog"))

    # Without JavaScript a page of its own asks (a native submit skips the page's script).
    page.get_by_role("button", name="No, go back").click()
    page.evaluate(
        """() => {
            const form = document.querySelector(".reason-form");
            const action = document.createElement("input");
            Object.assign(action, {type: "hidden", name: "action", value: "refuse"});
            form.appendChild(action);
            form.submit();
        }"""
    )
    page.get_by_role("heading", name="Refuse this letter?").wait_for()
    found.append(check(page, "refusal confirmation page"))
    context.close()
    failures = [f for f in found if f]
    assert not failures, "\n\n".join(failures)


def test_the_queue_shows_every_column_at_1280_px(live_server, browser):
    data = letters_in_every_state()
    context, page = open_page(browser, 1280)
    caseworker_sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/correspondence/letter/?q=")
    table = page.locator("#result_list")
    last = table.locator("thead th").last
    assert last.inner_text().strip().lower() == "status"
    box, frame = last.bounding_box(), page.locator(".results").bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (box, frame)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.get_by_role("link", name=data["review"].reference).is_visible()
    context.close()


def an_intake_ready_for_correction(user) -> Intake:
    """A card that came on paper, read and waiting for the caseworker's corrections."""
    donation = DonationFactory(donor=DonorFactory(donor_number="AXE2002"))
    intake = Intake.objects.create(
        donation=donation,
        direction=Letter.Direction.DONOR_TO_PATIENT,
        source=Intake.Source.SCAN,
        status=Intake.Status.READY,
        text=BODY,
        read_problems=["Page 1: a few words were hard to read."],
        created_by=user,
        read_at=timezone.now(),
    )
    page = IntakeFile(
        intake=intake,
        role=IntakeFile.Role.PAGE,
        content_type="image/png",
        size=10,
        sha256="0" * 64,
        width=64,
        height=48,
        text=BODY,
        text_source="ocr",
    )
    page.file.save("page.png", ContentFile(image_bytes()), save=False)
    page.save()
    return intake


@pytest.mark.parametrize("width", WIDTHS)
def test_the_intake_pages_have_no_serious_violations(live_server, browser, width):
    context, page = open_page(browser, width)
    user = caseworker_sign_in(page, live_server.url)
    intake = an_intake_ready_for_correction(user)
    base = "/admin/correspondence/intake/"
    found = []
    for name, path in {
        "intakes": base,
        "take in a letter": base + "add/",
        "correct the text": f"{base}{intake.public_id}/",
        "set aside, confirmation page": f"{base}{intake.public_id}/set-aside/",
    }.items():
        page.goto(live_server.url + path)
        found.append(check(page, name))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} is wider than {width}"

    page.goto(live_server.url + base + "add/")
    page.get_by_role("button", name="Upload and read the text").click()  # nothing chosen: the errors
    page.locator(".errorlist, .errornote").first.wait_for()
    found.append(check(page, "take in a letter, with errors"))
    context.close()
    failures = [f for f in found if f]
    assert not failures, "\n\n".join(failures)
