"""The donor's letter page: a history in the donor's words, and the redacted text that was sent."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from correspondence import events
from correspondence.models import Attachment, Flag, Letter, LetterEvent
from correspondence.selectors import letter_as_sent, letter_history_for_writer
from correspondence.services.letters import attachment_create
from correspondence.services.review import letter_approve, letter_claim
from policies.models import CountryRule
from tests.factories import (
    DonationFactory,
    ForwardedLetterFactory,
    LetterFactory,
    PatientFactory,
    TransplantCentreFactory,
    UserFactory,
    image_bytes,
)

pytestmark = pytest.mark.django_db

OFFICE_ONLY = [
    "Original opened",
    "Redaction accepted",
    "Redaction rejected",
    "Redaction added",
    "Country rules applied",
    "Taken up by a caseworker",
    "Released by the caseworker",
    "Screening queued again",
    "api_read",
    "Api read",
]


def texts(letter: Letter) -> list[str]:
    letter = Letter.objects.prefetch_related("events").get(pk=letter.pk)
    return [step.text for step in letter_history_for_writer(letter=letter)]


def test_it_tells_the_writer_where_the_letter_is_and_nothing_of_the_offices_work(donor_client):
    letter = ForwardedLetterFactory(donation=donor_client.donation)
    caseworker = UserFactory()
    flag = Flag.objects.create(letter=letter, start=0, end=4, label="NAME", source="ner")
    events.letter_created(letter=letter, actor=donor_client.donor.user)
    events.letter_updated(letter=letter, actor=donor_client.donor.user)
    events.letter_submitted(letter=letter, actor=donor_client.donor.user, photos=0)
    events.letter_requeued(letter=letter)
    events.letter_screened(letter=letter, flags=1)
    events.policy_decided(letter=letter, stage="screening", action="forward", reasons=[])
    events.letter_claimed(letter=letter, actor=caseworker, took_over_from=None)
    for _ in range(12):
        events.original_opened(letter=letter, actor=caseworker)
    events.flag_rejected(letter=letter, actor=caseworker, flag=flag)
    events.flag_accepted(letter=letter, actor=caseworker, flag=flag)
    events.letter_approved(letter=letter, actor=caseworker, photos_released=0)
    events.letter_forwarded(letter=letter, actor=caseworker)
    events.letters_read_by_centre(letter_ids=[letter.pk], centre_code="TC1", via="list")
    events.letter_acknowledged(letter=letter, centre_code="TC1")

    assert texts(letter) == [
        "You started this letter",
        "Received by the registry",
        "In review: our staff are reading it",
        "Checked and approved by our staff",
        "Forwarded to your recipient's transplant centre",
        "Delivered: your recipient's transplant centre has received it",
    ]
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "Received by the registry" in page
    for internal in OFFICE_ONLY:
        assert internal not in page


def test_it_says_until_when_a_letter_is_held_and_once_for_the_same_hold():
    letter = LetterFactory(status=Letter.Status.HELD, submitted_at=timezone.now())
    letter.hold_until = datetime.date(2027, 3, 1)
    events.letter_held(letter=letter, actor=None)
    events.letter_held(letter=letter, actor=None)  # decided again, same date
    letter.hold_until = None
    events.letter_held(letter=letter, actor=None)
    assert texts(letter) == [
        "Waiting until 1 March 2027, when the rules allow it to travel on",
        "Waiting until the rules allow it to travel on",
    ]


def test_it_tells_of_a_return_a_refusal_a_new_version_and_a_withdrawal():
    writer = UserFactory()
    returned = LetterFactory(status=Letter.Status.RETURNED, submitted_at=timezone.now())
    events.letter_returned(letter=returned, actor=UserFactory())
    events.letter_revised(letter=returned, actor=writer, version=2)
    refused = LetterFactory(status=Letter.Status.REFUSED, submitted_at=timezone.now())
    events.letter_refused(letter=refused, actor=None)
    withdrawn = LetterFactory(status=Letter.Status.WITHDRAWN, submitted_at=timezone.now())
    events.letter_withdrawn(letter=withdrawn, actor=writer)

    assert texts(returned) == [
        "Returned to you with a note from our staff",
        "You started a new version (version 2)",
    ]
    assert texts(refused) == ["Not sent: it cannot travel on"]
    assert texts(withdrawn) == ["You withdrew it"]


def test_it_shows_the_returned_letters_note(donor_client):
    letter = LetterFactory(
        donation=donor_client.donation,
        status=Letter.Status.RETURNED,
        submitted_at=timezone.now(),
        status_reason="Please leave out the name of your street.",
    )
    events.letter_returned(letter=letter, actor=UserFactory())
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "Please leave out the name of your street." in page
    assert "Returned to you with a note from our staff" in page


def test_it_shows_the_redacted_text_that_was_sent(donor_client):
    letter = ForwardedLetterFactory(
        donation=donor_client.donation,
        body="Dear friend, my sister Annika says hello.",
        redacted="Dear friend, my sister [name] says hello.",
    )
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "What your recipient reads" in page
    assert "my sister [name] says hello." in page
    assert "As you wrote it" in page and "my sister Annika says hello." in page


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        pytest.param(Letter.Status.IN_REVIEW, None, id="in-review"),
        pytest.param(Letter.Status.APPROVED, None, id="approved"),
        pytest.param(Letter.Status.HELD, "What your recipient will read", id="held"),
        pytest.param(Letter.Status.FORWARDED, "What your recipient reads", id="forwarded"),
        pytest.param(Letter.Status.DELIVERED, "What your recipient reads", id="delivered"),
        pytest.param(Letter.Status.WITHDRAWN, None, id="withdrawn-while-held"),
    ],
)
def test_it_shows_the_sent_version_only_once_it_is_on_its_way(donor_client, status, shown):
    letter = ForwardedLetterFactory(donation=donor_client.donation, status=status)
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    if shown is None:
        assert "What your recipient" not in page and "[PLACE]" not in page
    else:
        assert shown in page and "I live in [PLACE]" in page


def photo_letter(donation, *, photos_allowed: bool = True) -> Letter:
    """A letter with three photos, approved with photo 1 let through and photo 2 and 3 kept out."""
    letter = LetterFactory(donation=donation, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    for color in ("red", "green", "blue"):
        attachment_create(
            letter=letter, upload=SimpleUploadedFile(f"{color}.jpg", image_bytes(), content_type="image/jpeg")
        )
    first, second, third = Attachment.objects.filter(letter=letter).order_by("pk")
    Flag.objects.create(letter=letter, attachment=first, label="PHOTO", source="photo", decision="rejected")
    Flag.objects.create(letter=letter, attachment=second, label="PHOTO", source="photo", decision="accepted")
    Flag.objects.create(letter=letter, attachment=third, label="PHOTO", source="photo", decision="accepted")
    caseworker = UserFactory()
    letter_claim(letter=letter, caseworker=caseworker)
    return letter_approve(letter=letter, caseworker=caseworker)


def test_it_says_which_photos_went_and_which_were_held_back(donor_client):
    CountryRule.objects.filter(country="DE").update(photos=True)  # a registry that lets photos travel
    donation = DonationFactory(
        donor=donor_client.donor, patient=PatientFactory(centre=TransplantCentreFactory(country="DE"))
    )
    letter = photo_letter(donation)
    assert letter.status == Letter.Status.FORWARDED
    sent = letter_as_sent(letter=Letter.objects.prefetch_related("attachments").get(pk=letter.pk))
    assert [p.number for p in sent.photos] == [1]
    assert [p.number for p in sent.held_back] == [2, 3]
    assert "could show who you or your recipient are" in sent.held_back[0].reason

    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "Photos sent with it" in page and "Photos held back" in page
    assert page.count("was not sent.") == 2


def test_it_says_when_the_rules_kept_every_photo_back():
    """Where the rules allow no photos, even the photo the caseworker let through stays behind."""
    donation = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="DE")))
    letter = photo_letter(donation)
    sent = letter_as_sent(letter=Letter.objects.prefetch_related("attachments").get(pk=letter.pk))
    assert sent.photos == []
    assert "do not allow photos" in sent.held_back[0].reason
    assert "could show who" in sent.held_back[1].reason


def test_it_never_counts_an_unknown_event_kind_as_the_writers():
    letter = LetterFactory()
    LetterEvent.objects.create(letter=letter, kind="flag_narrowed", data={})
    assert texts(letter) == []


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Letter.Status.SCREENING, "Being checked"),
        (Letter.Status.IN_REVIEW, "Being checked"),
        (Letter.Status.APPROVED, "Checked, about to be sent"),
        (Letter.Status.FORWARDED, "Sent to the transplant centre"),
        (Letter.Status.RETURNED, "Returned to you"),
        (Letter.Status.REFUSED, "Not sent"),
    ],
)
def test_letter_list_and_page_show_the_status_in_the_writers_words(donor_client, status, shown):
    letter = LetterFactory(donation=donor_client.donation, status=status, submitted_at=timezone.now())

    for url in ("/letters/", letter.get_absolute_url()):
        page = donor_client.get(url).content.decode()
        assert f'<span class="status status-{status}">{shown}</span>' in page
        assert "Being screened" not in page and "Returned to the writer" not in page
