"""A caseworker takes in a letter that came on paper, and one that came by e-mail, and finds each in the
review queue: in a real browser, with real files (a scan drawn with Pillow, read by tesseract)."""

import io
from email.message import EmailMessage

import pytest
from PIL import Image, ImageDraw

from bench.scans import accuracy, encoded, render_scan
from correspondence.models import Flag, Intake, IntakeFile, Letter, LetterEvent
from correspondence.tasks import intake_read_task
from tests.correspondence.test_intake import needs_ocr
from tests.e2e.helpers import caseworker_sign_in
from tests.factories import DonationFactory, DonorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CARD = (
    "Dear recipient,\n"
    "We planted seventeen tulips this spring,\n"
    "yellow and purple, and I thought of you.\n"
    "The photo is of our garden.\n"
    "Your donor"
)
PHOTO_COLOUR = (70, 130, 190)


def card_with_photo() -> tuple[bytes, tuple[float, float, float, float]]:
    """A scanned card: the text above, a photo glued below it. Returns the PNG and the photo's box
    (left, top, right, bottom) as fractions of the page."""
    text = render_scan(CARD, size=30).convert("RGB")
    photo = Image.new("RGB", (260, 180), PHOTO_COLOUR)
    ImageDraw.Draw(photo).ellipse((80, 40, 180, 140), fill=(235, 200, 60))  # a sun over the garden
    page = Image.new("RGB", (text.width, text.height + photo.height + 80), (250, 250, 250))
    page.paste(text, (0, 0))
    left, top = 60, text.height + 20
    page.paste(photo, (left, top))
    box = (
        left / page.width,
        top / page.height,
        (left + photo.width) / page.width,
        (top + photo.height) / page.height,
    )
    return encoded(page, "PNG"), box


def queue_row(page, base_url: str, reference: str):
    """The review queue's row of the donation's letter (the queue opens on letters in review)."""
    page.goto(base_url + "/admin/")
    page.get_by_role("link", name="Letters", exact=True).first.click()
    return page.locator("#result_list tbody tr", has_text=reference)


@needs_ocr
def test_it_takes_in_a_scanned_card_and_sends_it_to_review_with_its_photo(
    live_server, page, tmp_path, monkeypatch
):
    donation = DonationFactory(reference="DON-2026-0420", donor=DonorFactory(donor_number="E2E4200"))
    scan, (left, top, right, bottom) = card_with_photo()
    path = tmp_path / "IMG_2041.png"
    path.write_bytes(scan)
    # The worker is this test: reading waits until the test runs it, as a busy worker would.
    queued: list[int] = []
    monkeypatch.setattr(intake_read_task, "delay", queued.append)

    caseworker = caseworker_sign_in(page, live_server.url)
    page.get_by_role("link", name="Letters on paper and e-mail").first.click()
    page.get_by_role("link", name="Add letter on paper or by e-mail").click()
    page.get_by_label("Donation").fill("DON-2026-0420")
    page.get_by_label("a donor's letter, to the patient").check()
    page.get_by_label("Scans, photos or e-mail").set_input_files(str(path))
    page.get_by_role("button", name="Upload and read the text").click()

    # The page says it is reading, and shows the text by itself once the worker is done.
    page.get_by_role("status").filter(has_text="Reading the text").wait_for()
    intake = Intake.objects.get()
    assert queued == [intake.pk] and intake.status == Intake.Status.READING
    intake_read_task(intake.pk)
    text_box = page.get_by_label("Text of the letter")
    text_box.wait_for(timeout=30_000)
    assert accuracy(text_box.input_value(), CARD) >= 0.9, text_box.input_value()

    # The caseworker corrects a word, as against the card (the writer meant eighteen).
    text_box.evaluate(
        """(box) => {
            const at = box.value.indexOf("seventeen");
            box.focus();
            box.setSelectionRange(at, at + "seventeen".length);
        }"""
    )
    page.keyboard.type("eighteen")
    corrected = text_box.input_value()
    assert "eighteen tulips" in corrected and "seventeen" not in corrected

    # ... marks the photo on the card by dragging a box around it, and keeps it.
    image = page.get_by_role("img", name="Page 1 as scanned")
    image.scroll_into_view_if_needed()
    area = image.bounding_box()
    inset = 0.01  # a little inside the photo's edges, as a careful hand would drag
    page.mouse.move(area["x"] + (left + inset) * area["width"], area["y"] + (top + inset) * area["height"])
    page.mouse.down()
    page.mouse.move(
        area["x"] + (right - inset) * area["width"], area["y"] + (bottom - inset) * area["height"], steps=8
    )
    page.mouse.up()
    assert float(page.get_by_label("Left %").input_value()) == pytest.approx(100 * (left + inset), abs=1)
    page.get_by_role("button", name="Keep as a photo").click()
    page.get_by_text("Photo kept").wait_for()
    page.get_by_role("img", name="Photo 1").wait_for()
    [kept] = IntakeFile.objects.filter(intake=intake, role=IntakeFile.Role.PHOTO)
    middle = Image.open(io.BytesIO(kept.file.read())).convert("RGB").getpixel((5, 5))
    assert all(abs(a - b) < 30 for a, b in zip(middle, PHOTO_COLOUR, strict=True)), middle
    # The correction not yet saved came along with the photo.
    assert page.get_by_label("Text of the letter").input_value() == corrected

    # Sent to screening: the review page of a letter like any other.
    page.get_by_role("button", name="Send to screening").click()
    page.get_by_text("Sent to screening").wait_for()
    letter = Letter.objects.get(donation=donation)
    assert letter.status == Letter.Status.IN_REVIEW
    assert letter.body == corrected  # line breaks as LF, as a letter from the web form
    assert letter.events.get(kind=LetterEvent.Kind.SUBMITTED).actor == caseworker
    assert letter.flags.filter(label=Flag.Label.PHOTO, attachment__isnull=False).count() == 1

    # In the review queue, with its photo flagged.
    row = queue_row(page, live_server.url, "DON-2026-0420")
    photo_flag = row.locator('.flag-count[data-label="PHOTO"]')
    assert photo_flag.inner_text() == "photo 1"


def test_it_takes_in_a_pasted_email_and_keeps_its_sender_in_the_office(live_server, page):
    donation = DonationFactory(reference="DON-2026-0421", donor=DonorFactory(donor_number="E2E4210"))
    message = EmailMessage()
    message["From"] = "Hedda Brennholt <hedda.brennholt@example.org>"
    message["To"] = "letters@registry.example"
    message["Subject"] = "A letter for my recipient"
    message.set_content(
        "Dear recipient,\n\nThe swallows are back under our roof.\nI think of you often.\n\n"
        "-- \nHedda Brennholt\nhedda.brennholt@example.org\n"
    )
    photo = Image.new("RGB", (160, 120), PHOTO_COLOUR)
    message.add_attachment(encoded(photo, "JPEG"), maintype="image", subtype="jpeg", filename="swallows.jpg")

    caseworker_sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/correspondence/intake/add/")
    page.get_by_label("Donation").fill("E2E4210")  # the donor number: the donor has one donation
    page.get_by_label("Or paste the e-mail").fill(message.as_string())
    page.get_by_role("button", name="Upload and read the text").click()

    text_box = page.get_by_label("Text of the letter")
    text_box.wait_for()
    text = text_box.input_value()
    assert text.startswith("Dear recipient,") and "swallows are back" in text
    # No headers and no signature in the letter; the sender shown to staff only.
    assert "Brennholt" not in text and "Subject" not in text
    page.get_by_text("Hedda Brennholt <hedda.brennholt@example.org>").wait_for()
    page.get_by_role("img", name="Photo 1").wait_for()
    intake = Intake.objects.get()
    assert intake.source == Intake.Source.EMAIL

    page.get_by_role("button", name="Send to screening").click()
    page.get_by_text("Sent to screening").wait_for()
    letter = Letter.objects.get(donation=donation)
    assert letter.status == Letter.Status.IN_REVIEW
    assert letter.events.get(kind=LetterEvent.Kind.SUBMITTED).data == {"via": "email", "photos": 1}

    row = queue_row(page, live_server.url, "DON-2026-0421")
    assert row.locator('.flag-count[data-label="PHOTO"]').inner_text() == "photo 1"
