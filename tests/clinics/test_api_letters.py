import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from correspondence.models import Attachment, Letter, LetterEvent
from tests.factories import ForwardedLetterFactory, LetterFactory, PatientFactory, image_bytes

pytestmark = pytest.mark.django_db

LIST = "/api/v1/letters/"


def detail(letter) -> str:
    return f"/api/v1/letters/{letter.public_id}/"


def test_it_lists_forwarded_letters_with_redacted_text_only(api, letter):
    response = api.get(LIST)
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == str(letter.public_id)
    assert item["text"] == letter.redacted.text
    assert item["patient_reference"] == "ALICE-P-1"
    assert item["donation_id"] == str(letter.donation.public_id)
    assert item["donation_reference"] == letter.donation.reference
    assert item["status"] == "forwarded"
    assert item["sent_at"] is not None
    assert letter.body not in response.content.decode()


@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Berlin"])
def test_its_hand_built_list_items_equal_the_schemas_serializer(api, donation, settings, time_zone):
    """The list skips CentreLetterSerializer for speed; its items must stay what the schema says."""
    from clinics.api.serializers import CentreLetterSerializer
    from clinics.selectors import letters_for_centre

    settings.TIME_ZONE = time_zone
    reply = ForwardedLetterFactory(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR)
    ForwardedLetterFactory(donation=donation, in_reply_to=reply, language="de")
    ForwardedLetterFactory(donation=donation, status=Letter.Status.DELIVERED, delivered_at=timezone.now())
    ForwardedLetterFactory(donation=donation, redacted='Multi-line\n\u00e9t\u00e9 \U0001f33b "quoted"')
    letters = letters_for_centre(centre=api.centre).order_by("-forwarded_at", "-pk")
    expected = CentreLetterSerializer(letters, many=True).data
    assert len(expected) == 3
    results = api.get(LIST).json()["results"]
    assert results == expected
    assert [list(item) for item in results] == [list(item) for item in expected]  # the keys' order too
    assert expected[-1]["in_reply_to"] == str(reply.public_id)


def test_it_hides_other_centres_letters(api, letter, others_letter):
    ids = [item["id"] for item in api.get(LIST).json()["results"]]
    assert ids == [str(letter.public_id)]
    assert api.get(detail(others_letter)).status_code == 404


@pytest.mark.parametrize(
    "status",
    [
        Letter.Status.DRAFT,
        Letter.Status.SUBMITTED,
        Letter.Status.IN_REVIEW,
        Letter.Status.HELD,
        Letter.Status.APPROVED,
        Letter.Status.REFUSED,
        Letter.Status.WITHDRAWN,
    ],
)
def test_it_hides_letters_not_forwarded(api, donation, status):
    hidden = LetterFactory(donation=donation, status=status, submitted_at=timezone.now())
    assert api.get(LIST).json()["results"] == []
    assert api.get(detail(hidden)).status_code == 404


def test_it_hides_replies_and_letters_without_redacted_version(api, donation):
    reply = ForwardedLetterFactory(donation=donation, direction=Letter.Direction.PATIENT_TO_DONOR)
    bare = LetterFactory(
        donation=donation,
        status=Letter.Status.FORWARDED,
        submitted_at=timezone.now(),
        forwarded_at=timezone.now(),
    )
    assert api.get(LIST).json()["results"] == []
    assert api.get(detail(reply)).status_code == 404
    assert api.get(detail(bare)).status_code == 404


def test_it_filters_by_since_status_and_patient(api, donation):
    old = ForwardedLetterFactory(donation=donation, forwarded_at=timezone.now() - datetime.timedelta(days=10))
    new = ForwardedLetterFactory(donation=donation)
    delivered = ForwardedLetterFactory(
        donation=donation, status=Letter.Status.DELIVERED, delivered_at=timezone.now()
    )
    other_patient = ForwardedLetterFactory(
        donation__patient=PatientFactory(centre=api.centre, reference="ALICE-P-2")
    )

    def ids(**params) -> set[str]:
        return {item["id"] for item in api.get(LIST, params).json()["results"]}

    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert str(old.public_id) not in ids(since=since)
    assert str(new.public_id) in ids(since=since)
    assert ids(status="delivered") == {str(delivered.public_id)}
    assert ids(patient="ALICE-P-2") == {str(other_patient.public_id)}
    assert api.get(LIST, {"status": "draft"}).status_code == 400


def test_it_pages_by_cursor_newest_first(api, donation):
    now = timezone.now()
    letters = [
        ForwardedLetterFactory(donation=donation, forwarded_at=now - datetime.timedelta(minutes=i))
        for i in range(7)
    ]
    seen, url = [], LIST + "?page_size=3"
    while url:
        page = api.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert seen == [str(letter.public_id) for letter in letters]


def test_it_records_every_read_in_the_audit_trail(api, letter):
    api.get(LIST)
    api.get(detail(letter))
    api.get(f"/api/v1/fhir/Communication/{letter.public_id}")
    reads = LetterEvent.objects.filter(letter=letter, kind="api_read")
    assert [e.data for e in reads] == [
        {"centre": "US-ALICE", "via": "list"},
        {"centre": "US-ALICE", "via": "detail"},
        {"centre": "US-ALICE", "via": "fhir"},
    ]


def _attach(letter, *, released: bool) -> Attachment:
    attachment = Attachment(
        letter=letter, content_type="image/jpeg", size=10, sha256="0" * 64, width=64, height=48
    )
    attachment.file.save("photo", ContentFile(image_bytes()), save=False)
    attachment.save()
    if released:
        letter.redacted.attachments.add(attachment)
    return attachment


def test_it_shows_and_serves_only_released_photos(api, letter):
    released = _attach(letter, released=True)
    withheld = _attach(letter, released=False)
    body = api.get(detail(letter)).json()
    assert [a["id"] for a in body["attachments"]] == [str(released.public_id)]
    photo = api.get(body["attachments"][0]["url"])
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content) == image_bytes()
    assert LetterEvent.objects.filter(letter=letter, kind="api_read", data__via="photo").count() == 1
    assert api.get(f"{LIST}{letter.public_id}/attachments/{withheld.public_id}").status_code == 404


def test_it_serves_no_photo_of_other_centres_letters(api, other_api, letter):
    released = _attach(letter, released=True)
    url = f"{LIST}{letter.public_id}/attachments/{released.public_id}"
    assert other_api.get(url).status_code == 404
    assert api.get(url).status_code == 200


def test_it_answers_unknown_ids_and_paths_with_json_404(api):
    for url in (f"{LIST}{uuid.uuid4()}/", f"{LIST}not-a-uuid/", "/api/v1/nothing-here"):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_it_refuses_unknown_query_parameters(api, letter):
    response = api.get(LIST, {"sinse": "2026-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"sinse": ["Unknown query parameter."]}
    assert api.get(detail(letter), {"expand": "donor"}).status_code == 400


@pytest.mark.parametrize("value", ["0", "201", "-1", "ten", ""])
def test_it_refuses_page_sizes_out_of_range(api, letter, value):
    assert api.get(LIST, {"page_size": value}).status_code == 400


@pytest.mark.parametrize(
    "since",
    [
        "3828-05-11T17:38:31+19:15",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "2026-01-01T00:00:00",
    ],
)
def test_it_takes_any_iso_8601_since(api, letter, since):
    """Offsets up to 23:59 (PostgreSQL stops at 15:59) and the ends of the calendar."""
    assert api.get(LIST, {"since": since}).status_code == 200


def test_it_answers_an_unexpected_error_with_json_and_logs_no_text(api, letter, monkeypatch, caplog):
    from clinics.api import views

    def boom(**kwargs):
        raise ValueError(letter.body)

    monkeypatch.setattr(views, "letter_for_centre", boom)
    response = api.get(detail(letter))
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "ValueError" in caplog.text and letter.body not in caplog.text


def test_it_forbids_any_cache_to_keep_letters(api, letter):
    """A letter's redacted text is the centre's alone: no shared or browser cache may store it."""
    for path in ("/api/v1/letters/", f"/api/v1/letters/{letter.public_id}/"):
        response = api.get(path)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert api.get("/api/v1/letters/").status_code == 200  # served from the page cache, still no-store
    assert api.get("/api/v1/letters/")["Cache-Control"] == "no-store"
