"""Printable letters: the approved redacted letter as a PDF, from the admin and the clinic API."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from clinics.services import centre_api_key_issue
from correspondence.models import Flag, Letter, LetterEvent
from correspondence.services import letter_submit
from correspondence.services import review as review_services
from tests.correspondence.test_review import caseworker
from tests.factories import (
    DonationFactory,
    DonorFactory,
    LetterFactory,
    PatientFactory,
    TransplantCentreFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Dear recipient,\n\nMy name is Friedrich Langenbach and I live in Kassel. My sister Philippa "
    "and I planted seventeen tulips for you.\n\nWarm wishes from your donor"
)


def photo_upload() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 140, 90)).save(out, format="JPEG")
    return SimpleUploadedFile("garden.jpg", out.getvalue(), content_type="image/jpeg")


def pdf_words(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def forwarded(settings):
    """A donor's letter with a photo, submitted, screened, reviewed (every flag redacted, the photo
    released) and forwarded to Alice's centre: the whole path, as a caseworker walks it."""
    from policies.models import CountryRule

    # No seeded country lets photos travel while anonymous; these two do here, so one is printed.
    CountryRule.objects.filter(country__in=["DE", "US"]).update(photos=True)
    settings.REGISTRY_NAME = "Northern Stem Cell Registry"
    settings.REGISTRY_ADDRESS = ["Correspondence Office", "PO Box 12"]
    centre = TransplantCentreFactory(code="US-ALICE", country="US")
    donor = DonorFactory(donor_number="D7654321")
    donation = DonationFactory(donor=donor, patient=PatientFactory(centre=centre, reference="ALICE-P-1"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        letter = letter_submit(donor=donor, donation=donation, body=BODY, photos=[photo_upload()])
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW
    user = caseworker()
    for flag in letter.flags.all():
        keep_photo = flag.label == Flag.Label.PHOTO
        review_services.flag_decide(
            flag=flag, caseworker=user, decision="rejected" if keep_photo else "accepted"
        )
    for word in ("Philippa", "tulips"):  # whatever screening missed, the caseworker adds
        if not letter.flags.filter(start=BODY.index(word)).exists():
            review_services.flag_add_text(letter=letter, caseworker=user, text=word, label="NAME")
    with TestCase.captureOnCommitCallbacks(execute=True):
        review_services.letter_approve(letter=letter, caseworker=user)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    letter.caseworker = user
    return letter


IDENTITY = (
    "Friedrich",
    "Langenbach",
    "Kassel",
    "Philippa",
    "tulips",
    "D7654321",
    "d7654321@example.org",
    "561",
)


def assert_printable(pdf: bytes, letter: Letter) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    words = pdf_words(pdf)
    assert "Northern Stem Cell Registry" in words and "PO Box 12" in words
    assert letter.reference in words and str(letter.public_id) in words
    assert "A letter from your donor" in words
    assert "Warm wishes from your donor" in words and "[name]" in words
    for word in IDENTITY:
        # Whole words: the letter's reference and UUID are random hex and may hold "561" by chance.
        assert re.search(rf"\b{re.escape(word)}\b", words) is None, word
    # The original letter (and who wrote it) is nowhere in the file, not even compressed away.
    assert letter.body not in words
    assert reader.metadata is None and reader.xmp_metadata is None
    for name in (b"/Author", b"/Creator", b"/Producer", b"/CreationDate", b"ReportLab", b"Friedrich"):
        assert name not in pdf
    released = list(letter.redacted.attachments.all())
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == len(released)


def test_it_prints_the_approved_letter_for_the_caseworker(client, forwarded):
    client.force_login(forwarded.caseworker)
    url = reverse("admin:correspondence_letter_pdf", kwargs={"public_id": forwarded.public_id})
    response = client.get(url)
    assert response.status_code == 200
    assert forwarded.redacted.attachments.count() == 1  # the photo was released, and is printed
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="letter-{forwarded.reference}.pdf"'
    assert_printable(response.content, forwarded)
    assert LetterEvent.objects.filter(letter=forwarded, kind="printed", actor=forwarded.caseworker).exists()
    review = client.get(
        reverse("admin:correspondence_letter_review", kwargs={"public_id": forwarded.public_id})
    )
    assert url in review.content.decode()


def test_it_prints_the_forwarded_letter_for_its_centre_only(forwarded):
    from rest_framework.test import APIClient

    _, key = centre_api_key_issue(centre=forwarded.donation.patient.centre, name="printer")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    url = f"/api/v1/letters/{forwarded.public_id}/pdf"
    response = api.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_printable(
        b"".join(response.streaming_content) if response.streaming else response.content, forwarded
    )
    assert LetterEvent.objects.filter(letter=forwarded, kind="api_read", data__via="pdf").count() == 1

    _, other_key = centre_api_key_issue(centre=TransplantCentreFactory(code="US-BOB"), name="other")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Api-Key {other_key}")
    response = other.get(url)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert APIClient().get(url).status_code == 401


@pytest.mark.parametrize("status", [Letter.Status.IN_REVIEW, Letter.Status.APPROVED, Letter.Status.HELD])
def test_it_prints_nothing_a_centre_may_not_read_yet(status):
    from django.utils import timezone
    from rest_framework.test import APIClient

    centre = TransplantCentreFactory()
    letter = LetterFactory(
        donation=DonationFactory(patient=PatientFactory(centre=centre)),
        status=status,
        submitted_at=timezone.now(),
    )
    _, key = centre_api_key_issue(centre=centre, name="printer")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert api.get(f"/api/v1/letters/{letter.public_id}/pdf").status_code == 404


def test_it_prints_only_approved_letters_and_only_for_caseworkers(client):
    from django.utils import timezone

    letter = LetterFactory(status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    url = reverse("admin:correspondence_letter_pdf", kwargs={"public_id": letter.public_id})
    client.force_login(caseworker())
    assert client.get(url).status_code == 404
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="clerk", is_staff=True))
    assert client.get(url).status_code == 403


def test_it_prints_long_letters_over_several_pages_with_the_letterhead_on_each(forwarded):
    from correspondence.models import RedactedVersion
    from correspondence.printing import letter_print

    long = LetterFactory(
        donation=forwarded.donation, status=Letter.Status.FORWARDED, submitted_at=forwarded.submitted_at
    )
    RedactedVersion.objects.create(
        letter=long,
        text="\n\n".join(f"Paragraph {n}: " + "a line of news " * 40 for n in range(30)),
        approved_by=forwarded.caseworker,
    )
    reader = PdfReader(io.BytesIO(letter_print(letter=long)))
    assert len(reader.pages) > 2
    for page in reader.pages:
        assert "Northern Stem Cell Registry" in page.extract_text() and long.reference in page.extract_text()
