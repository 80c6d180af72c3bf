import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from correspondence.models import Flag, Letter, LetterEvent, RedactedVersion
from correspondence.roles import CASEWORKERS
from correspondence.services import review
from correspondence.services.review import ReviewConflict
from tests.factories import DonationFactory, ForwardedLetterFactory, LetterFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = "Dear friend,\n\nMy sister Philippa and I planted roses in the garden today.\n\nYour donor"


def caseworker(username: str = "casey"):
    user = UserFactory(username=username, is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    return user


def in_review(body: str = BODY, **kwargs) -> Letter:
    """A letter in review with one machine flag on "Philippa" and one false flag on "garden"."""
    from django.utils import timezone

    letter = LetterFactory(body=body, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now(), **kwargs)
    for word, label in (("Philippa", "NAME"), ("garden", "LOCATION")):
        if word in body:
            start = body.index(word)
            Flag.objects.create(letter=letter, start=start, end=start + len(word), label=label, source="ner")
    return letter


def flag_on(letter: Letter, word: str) -> Flag:
    start = letter.body.index(word)
    return letter.flags.get(start=start)


def review_url(letter: Letter, name: str = "review", **kwargs) -> str:
    return reverse(f"admin:correspondence_letter_{name}", kwargs={"public_id": letter.public_id, **kwargs})


@pytest.fixture
def casey_client(client):
    client.user = caseworker()
    client.force_login(client.user)
    return client


def test_it_lets_only_one_caseworker_claim_a_letter():
    letter = in_review()
    casey, robin = caseworker("casey"), caseworker("robin")
    review.letter_claim(letter=letter, caseworker=casey)
    with pytest.raises(ReviewConflict, match="Casey is already working on this letter"):
        review.letter_claim(letter=letter, caseworker=robin)
    with pytest.raises(ReviewConflict, match="Casey is working on this letter"):
        review.flag_decide(flag=flag_on(letter, "garden"), caseworker=robin, decision="rejected")
    review.letter_claim(letter=letter, caseworker=robin, take_over=True)
    letter.refresh_from_db()
    assert letter.claimed_by == robin
    assert letter.events.filter(kind="claimed").count() == 2


def test_it_shows_the_queue_with_who_holds_each_letter(casey_client):
    letter = in_review()
    review.letter_claim(letter=letter, caseworker=casey_client.user)
    page = casey_client.get(reverse("admin:correspondence_letter_changelist") + "?status__exact=in_review")
    html = page.content.decode()
    assert "Review queue" in html and letter.donation.reference in html and "Casey" in html
    assert 'data-label="NAME"' in html and 'data-label="LOCATION"' in html


def test_it_keeps_the_queue_query_count_flat(casey_client, django_assert_max_num_queries):
    url = reverse("admin:correspondence_letter_changelist") + "?status__exact=in_review"
    for _ in range(3):
        in_review()
    with CaptureCount() as few:
        casey_client.get(url)
    for _ in range(30):
        in_review()
    with CaptureCount() as many:
        casey_client.get(url)
    assert many.count == few.count


class CaptureCount:
    def __enter__(self):
        from django.test.utils import CaptureQueriesContext

        self._ctx = CaptureQueriesContext(connection)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)
        self.count = len(self._ctx.captured_queries)


def test_it_shows_the_original_highlighted_and_audits_the_opening(casey_client):
    letter = in_review()
    page = casey_client.get(review_url(letter)).content.decode()
    assert f'data-flag="{flag_on(letter, "Philippa").pk}"' in page and ">Philippa</mark>" in page
    assert "My sister [name] and I planted roses in the [place] today." in page.replace(
        '<span class="placeholder" data-label="NAME">[name]</span>', "[name]"
    ).replace('<span class="placeholder" data-label="LOCATION">[place]</span>', "[place]")
    assert LetterEvent.objects.filter(letter=letter, kind="original_opened", actor=casey_client.user).exists()


def test_it_shows_html_in_a_letter_as_text(casey_client):
    letter = in_review(body="Hello <script>alert('x')</script> and <b>Philippa</b>")
    page = casey_client.get(review_url(letter)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>" not in page.split('id="original"')[1].split("</div>")[0]


def test_it_decides_flags_without_reloading_and_updates_the_preview(casey_client):
    letter = in_review()
    garden = flag_on(letter, "garden")
    response = casey_client.post(
        review_url(letter, "flag_decide", flag_id=garden.pk),
        {"decision": "rejected"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    payload = response.json()
    assert payload["ok"] is True and payload["pending"] == 1 and payload["flag"]["decision"] == "rejected"
    assert "in the garden today" in payload["preview_html"]
    assert LetterEvent.objects.filter(letter=letter, kind="flag_rejected").exists()


def test_it_changes_a_flags_kind(casey_client):
    letter = in_review()
    garden = flag_on(letter, "garden")
    casey_client.post(review_url(letter, "flag_decide", flag_id=garden.pk), {"label": "ORGANISATION"})
    garden.refresh_from_db()
    assert garden.label == "ORGANISATION"
    assert LetterEvent.objects.filter(letter=letter, kind="flag_relabelled").exists()


def test_it_adds_a_redaction_from_a_selection_absorbing_overlaps(casey_client):
    letter = in_review()
    start = letter.body.index("sister")
    end = letter.body.index("Philippa") + len("Philippa")
    casey_client.post(review_url(letter, "flag_add"), {"start": start, "end": end, "label": "NAME"})
    added = letter.flags.get(source=Flag.CASEWORKER)
    assert (added.start, added.end, added.decision) == (start, end, Flag.Decision.ACCEPTED)
    assert not letter.flags.filter(source="ner", label="NAME").exists()


def test_it_adds_a_redaction_by_typing_words(casey_client):
    letter = in_review()
    casey_client.post(review_url(letter, "flag_add"), {"text": "roses", "label": "NAME"})
    assert letter.flags.filter(source=Flag.CASEWORKER, start=letter.body.index("roses")).exists()


@pytest.mark.parametrize(("start", "end"), [(-1, 4), (5, 5), (0, 10_000), (8, 3)])
def test_it_rejects_flag_offsets_outside_the_text(start, end):
    letter = in_review()
    with pytest.raises(Exception, match="outside the letter"):
        review.flag_add(letter=letter, caseworker=caseworker(), start=start, end=end, label="NAME")


def test_it_refuses_to_approve_while_a_flag_is_undecided(casey_client):
    letter = in_review()
    response = casey_client.post(review_url(letter, "decide"), {"action": "approve"}, follow=True)
    assert "Decide every flag before approving." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW and not RedactedVersion.objects.exists()


def decide_all(letter: Letter, user, *, keep: tuple[str, ...] = ()) -> None:
    for flag in letter.flags.all():
        word = letter.body[flag.start : flag.end] if flag.start is not None else ""
        review.flag_decide(flag=flag, caseworker=user, decision="rejected" if word in keep else "accepted")


def test_it_approves_stores_the_redacted_version_and_forwards(casey_client):
    letter = in_review(donation=DonationFactory())
    decide_all(letter, casey_client.user, keep=("garden",))
    with TestCase.captureOnCommitCallbacks(execute=True):
        casey_client.post(review_url(letter, "decide"), {"action": "approve"})
    letter.refresh_from_db()
    version = letter.redacted
    assert (
        version.text
        == "Dear friend,\n\nMy sister [name] and I planted roses in the garden today.\n\nYour donor"
    )
    assert version.approved_by == casey_client.user
    assert letter.status == Letter.Status.FORWARDED
    assert LetterEvent.objects.filter(letter=letter, kind="approved").exists()
    assert mail.outbox and all("Philippa" not in m.body and "roses" not in m.body for m in mail.outbox)
    with pytest.raises(ValueError, match="immutable"):
        version.save()


def test_it_returns_a_letter_and_the_writer_revises_it(casey_client, client):
    letter = in_review()
    review.letter_return(
        letter=letter, caseworker=casey_client.user, reason="Please leave out your sister's name."
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.RETURNED
    donor_client = client.__class__()
    donor_client.force_login(letter.donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    page = donor_client.get(letter.get_absolute_url()).content.decode()
    assert "Please leave out your sister&#x27;s name." in page and "Revise and send again" in page
    response = donor_client.post(
        reverse("correspondence:letter_revise", kwargs={"public_id": letter.public_id})
    )
    revision = Letter.objects.get(revision_of=letter)
    assert response.url == reverse("correspondence:letter_edit", kwargs={"public_id": revision.public_id})
    assert (revision.version, revision.status, revision.body) == (2, Letter.Status.DRAFT, letter.body)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.RETURNED


def test_it_refuses_with_a_reason_only(casey_client):
    letter = in_review()
    response = casey_client.post(
        review_url(letter, "decide"), {"action": "refuse", "reason": " "}, follow=True
    )
    assert "Give the writer a reason." in response.content.decode()
    casey_client.post(
        review_url(letter, "decide"),
        {"action": "refuse", "reason": "Contains an address.", "confirmed": "yes"},
    )
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED and letter.status_reason == "Contains an address."


def test_it_fails_cleanly_approving_a_letter_just_refused(casey_client):
    letter = in_review()
    decide_all(letter, casey_client.user)
    robin = caseworker("robin")
    review.letter_claim(letter=letter, caseworker=robin, take_over=True)
    review.letter_refuse(letter=letter, caseworker=robin, reason="Not allowed.")
    response = casey_client.post(review_url(letter, "decide"), {"action": "approve"}, follow=True)
    assert "This letter is no longer in review: it is now “Refused”." in response.content.decode()
    assert not RedactedVersion.objects.exists()


def test_it_keeps_donors_out_of_the_review_pages(client):
    letter = in_review()
    client.force_login(letter.donation.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")
    assert client.get(review_url(letter)).status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_approvals_succeed():
    """The same caseworker approving from two tabs at once: the row lock lets exactly one through."""
    letter = in_review()
    casey = caseworker("casey")
    decide_all(letter, casey)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            review.letter_approve(letter=Letter.objects.get(pk=letter.pk), caseworker=user)
            outcomes.append("ok")
        except ReviewConflict as error:
            outcomes.append(error.code)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=(casey,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["not_in_review", "ok"]
    assert RedactedVersion.objects.filter(letter=letter).count() == 1


def test_it_warns_the_caseworker_when_english_is_required(casey_client):
    from tests.factories import PatientFactory, TransplantCentreFactory

    donation = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="US")))
    letter = in_review(
        body="Liebe Empfängerin, ich hoffe, es geht Ihnen jeden Tag ein bisschen besser. Herzliche Grüße!",
        donation=donation,
        language="de",
    )
    page = casey_client.get(review_url(letter)).content.decode()
    assert 'class="warning" role="alert"' in page


def test_it_claims_a_free_letter_on_the_first_change_and_stops_a_second_caseworker():
    letter = in_review()
    casey, robin = caseworker("casey"), caseworker("robin")
    review.flag_decide(flag=flag_on(letter, "garden"), caseworker=casey, decision="rejected")
    letter.refresh_from_db()
    assert letter.claimed_by == casey
    with pytest.raises(ReviewConflict, match="Casey is working on this letter"):
        review.flag_add(letter=letter, caseworker=robin, start=0, end=4, label="NAME")


def test_it_refuses_flag_changes_once_the_letter_is_approved():
    letter = in_review()
    casey = caseworker("casey")
    decide_all(letter, casey)
    with TestCase.captureOnCommitCallbacks(execute=True):
        review.letter_approve(letter=letter, caseworker=casey)
    with pytest.raises(ReviewConflict, match="no longer in review"):
        review.flag_decide(flag=flag_on(letter, "garden"), caseworker=casey, decision="rejected")


def test_it_tells_the_donor_when_an_approved_reply_is_forwarded():
    from django.utils import timezone

    donation = DonationFactory()
    ForwardedLetterFactory(donation=donation)  # the donor wrote first: this is a reply
    reply = LetterFactory(
        donation=donation,
        direction=Letter.Direction.PATIENT_TO_DONOR,
        body="Dear donor, thank you from all my heart.",
        status=Letter.Status.IN_REVIEW,
        submitted_at=timezone.now(),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        review.letter_approve(letter=reply, caseworker=caseworker())
    reply.refresh_from_db()
    assert reply.status == Letter.Status.FORWARDED
    sent = [m for m in mail.outbox if m.to == [donation.donor.email]]
    assert len(sent) == 1 and "reply" in sent[0].subject.lower() and "thank you" not in sent[0].body
