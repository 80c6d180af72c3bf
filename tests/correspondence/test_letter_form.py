import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from PIL import Image

from correspondence.models import Attachment, Letter, LetterEvent
from tests.factories import DonationFactory, LetterFactory, image_bytes

pytestmark = pytest.mark.django_db

NEW = reverse("correspondence:letter_create")
BODY = "Dear recipient,\n\nI think of you every morning when I walk to work.\n\nYour donor"


def photo(name: str = "photo.jpg", **kwargs) -> SimpleUploadedFile:
    fmt = kwargs.pop("fmt", "JPEG")
    content_type = "image/png" if fmt == "PNG" else "image/jpeg"
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


def post_letter(client, **data):
    data.setdefault("donation", client.donation.pk)
    data.setdefault("body", BODY)
    data.setdefault("action", "submit")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(NEW, data)


def test_it_preselects_the_only_donation_and_shows_the_rules(donor_client):
    page = donor_client.get(NEW).content.decode()
    assert f'<option value="{donor_client.donation.pk}" selected>' in page
    assert "What not to write" in page
    assert '<label for="id_body">' in page


def test_it_stores_a_submitted_letter_with_its_photo_and_shows_a_confirmation(donor_client):
    response = post_letter(donor_client, photos=[photo()])
    letter = Letter.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "correspondence:letter_sent", kwargs={"public_id": letter.public_id}
    )
    assert letter.body == BODY.strip() and letter.submitted_at is not None
    assert letter.attachments.count() == 1
    # Screening ran in-process (Celery eager) and moved the letter on.
    assert letter.status == Letter.Status.IN_REVIEW
    assert list(letter.events.values_list("kind", flat=True)) == [
        "created",
        "submitted",
        "screened",
        "policy_decided",
    ]
    page = donor_client.get(response.url).content.decode()
    assert "your letter is with us" in page


def test_it_lists_my_letters_with_status(donor_client):
    post_letter(donor_client)
    LetterFactory()  # Another donor's letter.
    page = donor_client.get(reverse("correspondence:letter_list")).content.decode()
    assert page.count("status status-") == 1
    assert "Being checked" in page  # in review, as the writer reads it


def test_it_saves_and_resumes_a_draft(donor_client):
    response = post_letter(donor_client, action="save_draft", photos=[photo()])
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.DRAFT and letter.submitted_at is None
    assert response.url == reverse("correspondence:letter_edit", kwargs={"public_id": letter.public_id})
    page = donor_client.get(response.url).content.decode()
    assert "I think of you every morning" in page
    attachment = letter.attachments.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = donor_client.post(
            response.url,
            {
                "donation": donor_client.donation.pk,
                "body": BODY + " More.",
                "action": "submit",
                "remove_photos": [str(attachment.public_id)],
            },
        )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW and letter.body.endswith("More.")
    assert letter.attachments.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param("   ", "Your letter is empty", id="empty"),
        pytest.param(
            "x" * 20_001, "Your letter has 20,001 characters, 1 more than the 20,000", id="over-20000"
        ),
    ],
)
def test_it_refuses_bad_text_and_stores_nothing(donor_client, body, message):
    response = post_letter(donor_client, body=body)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_refuses_a_non_image_named_jpg_and_stores_nothing(donor_client):
    fake = SimpleUploadedFile("holiday.jpg", b"%PDF-1.4 not an image at all", content_type="image/jpeg")
    response = post_letter(donor_client, photos=[photo(), fake])
    assert "holiday.jpg is not a JPEG or PNG photo." in response.content.decode()
    assert Letter.objects.count() == 0 and Attachment.objects.count() == 0


def test_it_refuses_a_gif_even_with_an_image_type(donor_client):
    response = post_letter(donor_client, photos=[photo("cat.png", fmt="GIF")])
    assert "cat.png is not a JPEG or PNG photo." in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_refuses_a_60_megapixel_image(donor_client):
    huge = photo("huge.png", fmt="PNG", size=(8000, 7500), mode="1")
    response = post_letter(donor_client, photos=[huge])
    assert "huge.png has too many pixels" in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_refuses_a_photo_over_10_mb(donor_client, settings):
    settings.PHOTO_MAX_BYTES = 100
    response = post_letter(donor_client, photos=[photo("big.png", fmt="PNG", size=(200, 200))])
    assert "big.png is larger than" in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_refuses_a_fourth_photo(donor_client):
    response = post_letter(donor_client, photos=[photo(f"p{i}.jpg") for i in range(4)])
    assert "at most 3 photos" in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_refuses_a_fourth_photo_added_to_a_draft(donor_client):
    post_letter(donor_client, action="save_draft", photos=[photo(f"p{i}.jpg") for i in range(3)])
    letter = Letter.objects.get()
    response = donor_client.post(
        reverse("correspondence:letter_edit", kwargs={"public_id": letter.public_id}),
        {"donation": donor_client.donation.pk, "body": BODY, "action": "submit", "photos": [photo()]},
    )
    assert "at most 3 photos; this one would have 4" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT and letter.attachments.count() == 3


def test_it_strips_exif_and_comments_from_photos(donor_client):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS latitude
    jpeg = image_bytes("JPEG", exif=exif.tobytes(), comment=b"Taken at 12 Elm Street")
    assert b"Elm Street" in jpeg and b"CameraMaker" in jpeg
    post_letter(donor_client, photos=[SimpleUploadedFile("a.jpg", jpeg, content_type="image/jpeg")])
    stored = Attachment.objects.get()
    content = stored.file.read()
    assert b"Elm Street" not in content and b"CameraMaker" not in content
    image = Image.open(io.BytesIO(content))
    assert image.format == "JPEG" and not image.getexif() and "comment" not in image.info
    assert stored.size == len(content) and len(stored.sha256) == 64


def test_it_strips_text_chunks_from_png(donor_client):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Roe of Springfield")
    png = image_bytes("PNG", pnginfo=info)
    assert b"Springfield" in png
    post_letter(donor_client, photos=[SimpleUploadedFile("a.png", png, content_type="image/png")])
    assert b"Springfield" not in Attachment.objects.get().file.read()


def test_it_needs_a_csrf_token(db):
    donation = DonationFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    response = client.post(NEW, {"donation": donation.pk, "body": BODY, "action": "submit"})
    assert response.status_code == 403
    assert Letter.objects.count() == 0


def test_it_hides_another_donors_letter(donor_client):
    other = LetterFactory(status=Letter.Status.DRAFT)
    for name in ("letter_detail", "letter_edit", "letter_sent"):
        url = reverse(f"correspondence:{name}", kwargs={"public_id": other.public_id})
        assert donor_client.get(url).status_code == 404


def test_it_refuses_another_donors_donation(donor_client):
    other = DonationFactory()
    response = post_letter(donor_client, donation=other.pk)
    assert "Select a valid choice" in response.content.decode()
    assert Letter.objects.count() == 0


def test_it_sends_strangers_to_sign_in(client):
    response = client.get(NEW)
    assert response.status_code == 302 and response.url.startswith(reverse("donors:sign_in"))


def test_it_withdraws_a_letter_before_approval(donor_client):
    post_letter(donor_client)
    letter = Letter.objects.get()
    donor_client.post(reverse("correspondence:letter_withdraw", kwargs={"public_id": letter.public_id}))
    letter.refresh_from_db()
    assert letter.status == Letter.Status.WITHDRAWN
    assert LetterEvent.objects.filter(letter=letter, kind="withdrawn").exists()


def test_it_serves_a_photo_only_to_its_writer(donor_client, client):
    post_letter(donor_client, photos=[photo()])
    attachment = Attachment.objects.get()
    url = reverse(
        "correspondence:letter_attachment",
        kwargs={"public_id": attachment.letter.public_id, "attachment_id": attachment.public_id},
    )
    assert donor_client.get(url)["Content-Type"] == "image/jpeg"
    other = DonationFactory()
    stranger = Client()
    stranger.force_login(other.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    assert stranger.get(url).status_code == 404


def test_it_stores_browser_line_breaks_as_plain_newlines(donor_client):
    post_letter(donor_client, body="Dear friend,\r\n\r\nAll the best.\rYour donor")
    assert Letter.objects.get().body == "Dear friend,\n\nAll the best.\nYour donor"
