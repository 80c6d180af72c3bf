"""Photos chosen on the letter form survive a form error: kept, shown with a Remove box, then attached."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from correspondence.models import Attachment, Letter, PendingPhoto
from correspondence.services.pending import pending_photos_prune
from tests.factories import DonationFactory, image_bytes

pytestmark = pytest.mark.django_db

NEW = reverse("correspondence:letter_create")
BODY = "Dear recipient,\n\nThe lilac is out in the park and I thought of you.\n\nYour donor"


def photo(name: str = "photo.jpg", color: tuple[int, int, int] = (200, 30, 30)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def post(client, url: str = NEW, **data):
    data.setdefault("donation", client.donation.pk)
    data.setdefault("body", BODY)
    data.setdefault("action", "submit")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def pending_ids() -> list[str]:
    return [str(p.public_id) for p in PendingPhoto.objects.order_by("created_at", "pk")]


def test_it_keeps_the_chosen_photos_when_the_letter_has_an_error(donor_client):
    response = post(donor_client, body="", photos=[photo("a.jpg"), photo("b.jpg")])

    page = response.content.decode()
    assert response.status_code == 200 and Letter.objects.count() == 0
    assert "Your letter is empty" in page
    kept = pending_ids()
    assert len(kept) == 2 and all(p.donor == donor_client.donor for p in PendingPhoto.objects.all())
    for public_id in kept:
        assert f'<input type="hidden" name="pending_photos" value="{public_id}">' in page
        assert reverse("correspondence:pending_photo", kwargs={"public_id": public_id}) in page
    assert "Remove photo 1" in page and "Remove photo 2" in page
    assert "you need not choose them again" in page


def test_it_attaches_the_kept_photos_when_the_letter_is_sent(donor_client):
    post(donor_client, body="", photos=[photo("a.jpg"), photo("b.jpg")])
    kept = list(PendingPhoto.objects.all())
    files = [p.file.name for p in kept]

    response = post(donor_client, pending_photos=[str(p.public_id) for p in kept])

    letter = Letter.objects.get()
    assert response.status_code == 302 and letter.attachments.count() == 2
    assert sorted(a.sha256 for a in letter.attachments.all()) == sorted(p.sha256 for p in kept)
    assert PendingPhoto.objects.count() == 0
    storage = kept[0].file.storage
    assert not any(storage.exists(name) for name in files)
    assert letter.events.get(kind="submitted").data["photos"] == 2


def test_it_drops_a_kept_photo_ticked_remove(donor_client):
    post(donor_client, body="", photos=[photo("a.jpg"), photo("b.jpg")])
    first, second = pending_ids()

    page = post(donor_client, body="", pending_photos=[first, second], remove_photos=[first]).content.decode()
    assert pending_ids() == [second] and first not in page

    post(donor_client, pending_photos=[second])
    assert Letter.objects.get().attachments.count() == 1


def test_it_drops_a_kept_photo_ticked_remove_in_the_same_send(donor_client):
    post(donor_client, body="", photos=[photo("a.jpg"), photo("b.jpg")])
    first, second = pending_ids()
    post(donor_client, pending_photos=[first, second], remove_photos=[first])
    assert Letter.objects.get().attachments.count() == 1
    assert PendingPhoto.objects.count() == 0


def test_it_shows_a_bad_photo_at_the_photo_field_and_keeps_the_good_one(donor_client):
    fake = SimpleUploadedFile("holiday.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = post(donor_client, body="", photos=[photo("good.jpg"), fake])

    page = response.content.decode()
    field = page.split('class="field photo-field"')[1]
    assert "holiday.jpg is not a JPEG or PNG photo." in field  # at the photo field itself
    assert 'href="#id_photos">holiday.jpg is not a JPEG or PNG photo.' in page  # and in the summary
    assert "Your letter is empty" in page  # every error at once
    assert len(pending_ids()) == 1


def test_it_keeps_four_photos_and_asks_which_to_leave_out(donor_client):
    response = post(donor_client, photos=[photo(f"p{i}.jpg") for i in range(4)])
    assert "at most 3 photos; this one would have 4" in response.content.decode()
    assert Letter.objects.count() == 0
    kept = pending_ids()
    assert len(kept) == 4

    post(donor_client, pending_photos=kept, remove_photos=[kept[2]])
    letter = Letter.objects.get()
    assert letter.attachments.count() == 3 and PendingPhoto.objects.count() == 0


def test_it_keeps_photos_through_a_full_page_check(donor_client):
    response = post(donor_client, action="check", photos=[photo()])
    assert 'id="check-result"' in response.content.decode()
    assert len(pending_ids()) == 1 and Letter.objects.count() == 0


def test_it_counts_a_drafts_photos_with_the_kept_ones(donor_client):
    post(donor_client, action="save_draft", photos=[photo("a.jpg"), photo("b.jpg")])
    letter = Letter.objects.get()
    edit = reverse("correspondence:letter_edit", kwargs={"public_id": letter.public_id})

    page = post(donor_client, url=edit, body="", photos=[photo("c.jpg"), photo("d.jpg")]).content.decode()
    assert "Your letter is empty" in page and len(pending_ids()) == 2
    assert "Remove photo 4" in page  # two attached, two kept

    attached = str(letter.attachments.first().public_id)
    response = post(donor_client, url=edit, pending_photos=pending_ids(), remove_photos=[attached])
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.attachments.count() == 3 and PendingPhoto.objects.count() == 0


def test_it_ignores_another_donors_kept_photo(donor_client):
    other = DonationFactory()
    stranger = Client()
    stranger.force_login(other.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    stranger.donation = other
    post(stranger, body="", photos=[photo()])
    theirs = pending_ids()[0]

    assert (
        donor_client.get(reverse("correspondence:pending_photo", kwargs={"public_id": theirs})).status_code
        == 404
    )
    refused = post(donor_client, pending_photos=[theirs], remove_photos=[theirs])
    assert refused.status_code == 200 and pending_ids() == [theirs]
    post(donor_client, pending_photos=[theirs])
    assert Letter.objects.get(donation=donor_client.donation).attachments.count() == 0
    assert pending_ids() == [theirs]


def test_it_serves_a_kept_photo_to_its_donor(donor_client):
    post(donor_client, body="", photos=[photo()])
    response = donor_client.get(
        reverse("correspondence:pending_photo", kwargs={"public_id": pending_ids()[0]})
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_it_prunes_kept_photos_after_a_day(donor_client):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        post(donor_client, body="", photos=[photo("old.jpg")])
    post(donor_client, body="", photos=[photo("new.jpg")])
    old = PendingPhoto.objects.order_by("created_at").first()

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert pending_photos_prune() == 1
    assert PendingPhoto.objects.count() == 1
    assert not old.file.storage.exists(old.file.name)


def test_it_keeps_no_photo_of_a_letter_it_stores(donor_client):
    post(donor_client, photos=[photo()])
    assert Attachment.objects.count() == 1 and PendingPhoto.objects.count() == 0


def test_it_prunes_from_the_beat_task(donor_client):
    from correspondence.tasks import pending_photos_prune_task

    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        post(donor_client, body="", photos=[photo()])
    assert pending_photos_prune_task.delay().get() == 1
    assert PendingPhoto.objects.count() == 0


def test_it_lets_no_service_keep_or_attach_another_donors_photo(donor_client):
    from django.core.exceptions import PermissionDenied

    from correspondence.services import letter_submit
    from correspondence.services.pending import pending_photos_keep

    post(donor_client, body="", photos=[photo()])
    mine = PendingPhoto.objects.get()
    other = DonationFactory()
    with pytest.raises(PermissionDenied):
        pending_photos_keep(donor=other.donor, kept=[mine])
    with pytest.raises(PermissionDenied):
        letter_submit(donor=other.donor, donation=other, body=BODY, pending_photos=[mine])
    assert PendingPhoto.objects.count() == 1 and Letter.objects.count() == 0


def test_it_keeps_at_most_twenty_photos_per_donor(donor_client, settings):
    from correspondence.services.pending import PENDING_PHOTOS_PER_DONOR

    for _ in range(7):  # seven tries of three photos each, never sent
        post(donor_client, body="", photos=[photo(), photo(), photo()])
    assert PendingPhoto.objects.filter(donor=donor_client.donor).count() == PENDING_PHOTOS_PER_DONOR
    latest = post(donor_client, body="", photos=[photo()]).content.decode()
    assert "Remove photo 1" in latest  # the photos of the latest try are kept
