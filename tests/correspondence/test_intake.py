"""Letters on paper and by e-mail: a caseworker takes them in, corrects the text read from the scan
beside it, keeps the photos, and sends the letter to screening and review like any other."""

import io
import os
import shutil
from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader  # noqa: F401  (the reader the app uses; imported so a missing install fails here)

from bench.scans import accuracy, encoded, render_scan
from correspondence.models import Flag, Intake, IntakeFile, Letter, LetterEvent
from correspondence.services import intake as intake_services
from tests.correspondence.test_review import caseworker
from tests.factories import DonationFactory, UserFactory

pytestmark = pytest.mark.django_db

# CI installs tesseract (.ci/run); elsewhere the OCR tests are skipped when it is missing.
needs_ocr = pytest.mark.skipif(
    not shutil.which("tesseract") and not os.environ.get("CI"),
    reason="Debian's tesseract-ocr is not installed",
)

SCANNED = (
    "Dear recipient,\nWe planted seventeen tulips this spring,\nyellow and purple, and I thought of you.\n"
    "Your donor"
)
ADD = reverse("admin:correspondence_intake_add")


@pytest.fixture
def casey(client):
    client.user = caseworker()
    client.force_login(client.user)
    return client


@pytest.fixture
def donation():
    return DonationFactory(reference="DON-2026-0042")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def take_in(
    client, capture, *, files=(), email_source="", direction="donor_to_patient", reference="DON-2026-0042"
):
    """Post the intake form as a caseworker would; reading runs once the intake is stored (after commit)."""
    with capture(execute=True):
        response = client.post(
            ADD,
            {
                "donation": reference,
                "direction": direction,
                "files": list(files),
                "email_source": email_source,
                "language": "eng",
            },
        )
    return response


def detail_url(intake: Intake) -> str:
    return reverse("admin:correspondence_intake_detail", kwargs={"public_id": intake.public_id})


@needs_ocr
def test_it_reads_a_photographed_letter_and_sends_the_corrected_text_to_screening(
    casey, donation, django_capture_on_commit_callbacks
):
    scan = encoded(render_scan(SCANNED, size=30, angle=1.5), "JPEG")
    response = take_in(casey, django_capture_on_commit_callbacks, files=[upload("IMG_2041.jpg", scan)])
    intake = Intake.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(intake)
    assert intake.status == Intake.Status.READY and intake.source == Intake.Source.SCAN
    assert intake.donation == donation and intake.created_by == casey.user
    [page] = intake.files.filter(role=IntakeFile.Role.PAGE)
    assert page.text_source == "ocr" and page.content_type == "image/jpeg"
    assert accuracy(intake.text, SCANNED) >= 0.9, intake.text

    page_html = casey.get(detail_url(intake)).content.decode()
    assert reverse("admin:correspondence_intake_file", args=[intake.public_id, page.public_id]) in page_html
    assert "seventeen" in page_html  # the text read, in the correction box beside the scan
    assert (
        casey.get(
            reverse("admin:correspondence_intake_file", args=[intake.public_id, page.public_id])
        ).status_code
        == 200
    )

    corrected = SCANNED.replace("\n", " ", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = casey.post(detail_url(intake), {"action": "submit", "text": corrected})
    intake.refresh_from_db()
    letter = intake.letter
    assert response["Location"] == reverse("admin:correspondence_letter_review", args=[letter.public_id])
    assert intake.status == Intake.Status.SUBMITTED
    assert letter.body == corrected and letter.direction == Letter.Direction.DONOR_TO_PATIENT
    assert letter.status == Letter.Status.IN_REVIEW  # screened like any letter
    submitted = letter.events.get(kind=LetterEvent.Kind.SUBMITTED)
    assert submitted.actor == casey.user and submitted.data == {"via": "scan", "photos": 0}
    review = casey.get(
        reverse("admin:correspondence_letter_review", args=[letter.public_id])
    ).content.decode()
    assert detail_url(intake) in review  # the reviewer can compare with the scan


@needs_ocr
def test_it_reads_a_scanned_pdf_by_ocr(casey, donation, django_capture_on_commit_callbacks):
    out = io.BytesIO()
    render_scan(SCANNED, size=30).convert("RGB").save(out, format="PDF", resolution=150)
    take_in(casey, django_capture_on_commit_callbacks, files=[upload("scan.pdf", out.getvalue())])
    intake = Intake.objects.get()
    [page] = intake.files.filter(role=IntakeFile.Role.PAGE)
    assert page.text_source == "ocr"
    assert accuracy(intake.text, SCANNED) >= 0.9, intake.text


def test_it_reads_a_pdf_from_its_text_layer(casey, donation, django_capture_on_commit_callbacks):
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    for number, line in enumerate(SCANNED.split("\n")):
        canvas.drawString(72, 760 - number * 16, line)
    canvas.showPage()
    canvas.drawString(72, 760, "Second page: with love from the garden.")
    canvas.save()
    take_in(casey, django_capture_on_commit_callbacks, files=[upload("typed.pdf", out.getvalue())])
    intake = Intake.objects.get()
    pages = list(intake.files.filter(role=IntakeFile.Role.PAGE).order_by("number"))
    assert [page.text_source for page in pages] == ["text layer", "text layer"]
    assert intake.text == SCANNED + "\n\nSecond page: with love from the garden."
    assert all(page.width and page.height for page in pages)  # rendered for the caseworker to see


def email_message(**parts) -> bytes:
    message = EmailMessage()
    message["From"] = "Greta Sommerfeld <greta.sommerfeld@example.org>"
    message["To"] = "letters@registry.example"
    message["Subject"] = "For the recipient, from Greta"
    message.set_content(
        parts.get(
            "plain",
            "Dear recipient,\n\nGreta here, writing for my brother.\n\n"
            "-- \nGreta Sommerfeld\n+49 30 5550 1234\n",
        )
    )
    if "html" in parts:
        message.add_alternative(parts["html"], subtype="html")
    for photo in parts.get("photos", ()):
        message.add_attachment(photo, maintype="image", subtype="png", filename="IMG_0001.png")
    if parts.get("document"):
        message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="cv.pdf")
    return bytes(message)


def test_it_takes_in_an_email_without_its_sender_and_screens_for_the_sender(
    casey, donation, django_capture_on_commit_callbacks
):
    photo = encoded(Image.new("RGB", (120, 90), (30, 120, 60)), "PNG")
    source = email_message(html="<p>Dear recipient, <b>HTML</b></p>", photos=[photo], document=True)
    take_in(casey, django_capture_on_commit_callbacks, files=[upload("letter.eml", source, "message/rfc822")])
    intake = Intake.objects.get()
    assert intake.source == Intake.Source.EMAIL and intake.status == Intake.Status.READY
    # text/plain preferred, the signature block cut, no headers
    assert intake.text == "Dear recipient,\n\nGreta here, writing for my brother."
    assert (intake.sender_name, intake.sender_address) == ("Greta Sommerfeld", "greta.sommerfeld@example.org")
    [kept] = intake.files.filter(role=IntakeFile.Role.PHOTO)
    assert (kept.width, kept.height) == (120, 90)
    assert any("not photos" in problem for problem in intake.read_problems)

    with django_capture_on_commit_callbacks(execute=True):
        casey.post(detail_url(intake), {"action": "submit", "text": intake.text})
    letter = Intake.objects.get().letter
    assert "Sommerfeld" not in letter.body and "example.org" not in letter.body
    assert letter.attachments.count() == 1
    assert letter.flags.filter(label=Flag.Label.PHOTO).count() == 1  # flagged like any photo
    greta = letter.body.index("Greta")
    assert letter.flags.filter(
        start=greta, label=Flag.Label.NAME
    ).exists()  # the sender is known to screening


def test_it_strips_html_mail_safely(casey, donation, django_capture_on_commit_callbacks):
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<p>Dear recipient,</p><script>alert('x')</script><p>I hope you are well &amp; strong."
        '<img src="https://tracker.example/p.gif"></p><div>Your donor</div></body></html>'
    )
    message = EmailMessage()
    message["From"] = "donor@example.org"
    message.set_content(html, subtype="html")
    take_in(casey, django_capture_on_commit_callbacks, email_source=message.as_string())
    intake = Intake.objects.get()
    assert intake.text == "Dear recipient,\n\nI hope you are well & strong.\n\nYour donor"


@needs_ocr
def test_it_keeps_a_photo_marked_on_a_card(casey, donation, django_capture_on_commit_callbacks):
    card = render_scan(SCANNED, size=30).convert("RGB")
    card.paste(
        (200, 40, 40), (card.width // 2, card.height // 2, card.width // 2 + 100, card.height // 2 + 60)
    )
    take_in(casey, django_capture_on_commit_callbacks, files=[upload("card.png", encoded(card, "PNG"))])
    intake = Intake.objects.get()
    page = intake.files.get(role=IntakeFile.Role.PAGE)
    box = {"left": 50, "top": 50, "width": 100 * 100 / card.width, "height": 100 * 60 / card.height}
    casey.post(detail_url(intake), {"action": "crop", "page": page.public_id, **box})
    photo = intake.files.get(role=IntakeFile.Role.PHOTO)
    assert abs(photo.width - 100) <= 2 and abs(photo.height - 60) <= 2
    red = Image.open(photo.file).convert("RGB").getpixel((50, 30))
    assert red[0] > 150 and red[1] < 90
    with django_capture_on_commit_callbacks(execute=True):
        casey.post(detail_url(intake), {"action": "submit", "text": SCANNED})
    letter = Intake.objects.get().letter
    assert letter.flags.filter(label=Flag.Label.PHOTO, attachment__isnull=False).count() == 1


def test_it_refuses_what_it_cannot_take_in_and_stores_nothing(
    casey, donation, django_capture_on_commit_callbacks
):
    response = take_in(
        casey, django_capture_on_commit_callbacks, files=[upload("notes.txt", b"just some words")]
    )
    assert response.status_code == 200
    assert "is not a JPEG, PNG, PDF or e-mail" in response.content.decode()
    response = take_in(casey, django_capture_on_commit_callbacks, reference="DON-NOPE")
    assert "No donation with this reference" in response.content.decode()
    response = take_in(casey, django_capture_on_commit_callbacks)
    assert "Upload the scan, photo or e-mail" in response.content.decode()
    assert not Intake.objects.exists() and not IntakeFile.objects.exists()


def test_it_lets_the_caseworker_type_a_letter_it_could_not_read(
    casey, donation, django_capture_on_commit_callbacks
):
    take_in(
        casey, django_capture_on_commit_callbacks, files=[upload("broken.pdf", b"%PDF-1.4\nnot really a pdf")]
    )
    intake = Intake.objects.get()
    assert intake.status == Intake.Status.READY and intake.text == ""
    assert intake.read_problems == ["File 1 could not be read: a damaged PDF."]
    assert casey.post(detail_url(intake), {"action": "submit", "text": "  "}).status_code == 302
    assert Intake.objects.get().letter is None  # nothing sent without text
    casey.post(detail_url(intake), {"action": "save", "text": "Dear recipient, typed from the paper."})
    assert Intake.objects.get().text == "Dear recipient, typed from the paper."
    with django_capture_on_commit_callbacks(execute=True):
        casey.post(detail_url(intake), {"action": "submit", "text": "Dear recipient, typed from the paper."})
    assert Intake.objects.get().letter.status == Letter.Status.IN_REVIEW


def test_it_says_so_when_ocr_is_not_installed(donation, django_capture_on_commit_callbacks, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with django_capture_on_commit_callbacks(execute=True):
        intake = intake_services.intake_create(
            caseworker=caseworker(),
            donation=donation,
            direction="patient_to_donor",
            uploads=[upload("p.png", encoded(render_scan("Hello", size=20)))],
        )
    intake.refresh_from_db()
    assert intake.status == Intake.Status.READY
    assert "not installed" in intake.read_problems[0]


def test_it_keeps_intakes_to_caseworkers(client, donation):
    intake = Intake.objects.create(
        donation=donation, direction="donor_to_patient", source="scan", created_by=caseworker()
    )
    client.force_login(UserFactory(username="clerk", is_staff=True))
    assert client.get(ADD).status_code == 403
    assert client.get(detail_url(intake)).status_code == 403


def test_it_takes_a_patients_reply_on_paper_to_the_donor(casey, donation, django_capture_on_commit_callbacks):
    source = email_message(plain="Dear donor,\n\nThank you for my second life.\n")
    take_in(
        casey, django_capture_on_commit_callbacks, email_source=source.decode(), direction="patient_to_donor"
    )
    intake = Intake.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        casey.post(detail_url(intake), {"action": "submit", "text": intake.text})
    letter = Intake.objects.get().letter
    assert letter.direction == Letter.Direction.PATIENT_TO_DONOR and letter.status == Letter.Status.IN_REVIEW


def test_it_never_shows_the_scan_or_the_sender_to_the_other_side(casey, django_capture_on_commit_callbacks):
    """Once forwarded, a letter taken in by e-mail reads like any other over the clinic API: the redacted
    text, the released photos; no scan, no e-mail, no sender."""
    from correspondence.services import review as review_services
    from tests.clinics.conftest import client_for
    from tests.correspondence.test_review import decide_all
    from tests.factories import PatientFactory, TransplantCentreFactory

    api = client_for(TransplantCentreFactory(code="US-ALICE"))
    DonationFactory(reference="DON-2026-0042", patient=PatientFactory(centre=api.centre))
    photo = encoded(Image.new("RGB", (120, 90), (30, 120, 60)), "PNG")
    take_in(casey, django_capture_on_commit_callbacks, email_source=email_message(photos=[photo]).decode())
    intake = Intake.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        casey.post(detail_url(intake), {"action": "submit", "text": intake.text})
    letter = Intake.objects.get().letter
    decide_all(letter, casey.user)
    with django_capture_on_commit_callbacks(execute=True):
        review_services.letter_approve(letter=letter, caseworker=casey.user)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    responses = [
        api.get("/api/v1/letters/").content,
        api.get(f"/api/v1/letters/{letter.public_id}/").content,
        api.get(f"/api/v1/fhir/Communication/{letter.public_id}").content,
    ]
    for content in responses:
        text = content.decode()
        assert "Sommerfeld" not in text and "greta.sommerfeld" not in text and "intake" not in text
        for stored in IntakeFile.objects.all():
            assert str(stored.public_id) not in text
    assert api.get(f"/api/v1/letters/{letter.public_id}/").json()["attachments"] == []  # no photo released


def test_it_stores_the_corrected_text_with_plain_line_breaks(
    casey, donation, django_capture_on_commit_callbacks
):
    """A browser sends a textarea's line breaks as CRLF; the letter keeps LF, as the web form's letters do."""
    take_in(casey, django_capture_on_commit_callbacks, email_source=email_message().decode())
    intake = Intake.objects.get()
    casey.post(detail_url(intake), {"action": "save", "text": "Dear recipient,\r\n\r\nSaved."})
    assert Intake.objects.get().text == "Dear recipient,\n\nSaved."
    with django_capture_on_commit_callbacks(execute=True):
        casey.post(
            detail_url(intake), {"action": "submit", "text": "Dear recipient,\r\n\r\nSent.\r\nYour donor"}
        )
    assert Intake.objects.get().letter.body == "Dear recipient,\n\nSent.\nYour donor"
