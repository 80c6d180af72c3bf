"""Language detection offline, and the English warnings for writers and caseworkers."""

import pytest
from django.urls import reverse

from correspondence.language import _detector, detect_language, has_english, language_name
from correspondence.models import Letter
from correspondence.selectors import language_warning_for, letter_language_warning
from tests.factories import DonationFactory, LetterFactory, PatientFactory, TransplantCentreFactory

GERMAN = (
    "Liebe Empfängerin, lieber Empfänger,\n\nich hoffe sehr, dass es dir jeden Tag ein bisschen besser "
    "geht. Ich denke oft an dich und wünsche dir viel Kraft.\n\nDein Spender"
)
ENGLISH = (
    "Dear recipient,\n\nI hope you are feeling a little stronger every day. I think of you often and "
    "wish you all the strength in the world.\n\nYour donor"
)
TRANSLATED = f"{GERMAN}\n\n{ENGLISH}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(GERMAN, "de", id="german"),
        pytest.param(ENGLISH, "en", id="english"),
        pytest.param(
            "Querida receptora, espero que cada día te sientas un poco mejor. Tu donante", "es", id="es"
        ),
        pytest.param("Hi!", "", id="too-short-is-unsure"),
        pytest.param("12345 67890 !!! ???", "", id="no-words-is-unsure"),
    ],
)
def test_it_detects_the_language_as_an_iso_code(text, code):
    assert detect_language(text) == code


def test_it_builds_the_detector_once_per_process():
    assert _detector() is _detector()


def test_it_counts_an_english_translation_as_english():
    assert has_english(TRANSLATED) is True
    assert has_english(GERMAN) is False
    assert language_name("de") == "German" and language_name("") == ""


@pytest.mark.django_db
def test_it_warns_the_writer_only_when_english_is_required():
    abroad = DonationFactory()  # DE donor, US centre
    at_home = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="DE")))

    warning = language_warning_for(donation=abroad, text=GERMAN)

    assert "German" in warning and "English" in warning
    assert "US" not in warning  # the writer is not told the recipient's country
    assert language_warning_for(donation=abroad, text=ENGLISH) is None
    assert language_warning_for(donation=abroad, text=TRANSLATED) is None
    assert language_warning_for(donation=at_home, text=GERMAN) is None
    assert language_warning_for(donation=abroad, text="Hallo!") is None


@pytest.mark.django_db
def test_it_warns_the_caseworker_with_both_countries():
    letter = LetterFactory(body=GERMAN)

    warning = letter_language_warning(letter)

    assert "German" in warning and "DE" in warning and "US" in warning
    assert letter_language_warning(LetterFactory(body=ENGLISH)) is None
    assert "Could not tell" in letter_language_warning(LetterFactory(body="Hallo!"))


@pytest.mark.django_db
def test_it_warns_the_donor_at_check_my_letter(donor_client):
    url = reverse("correspondence:letter_check")
    data = {"donation": donor_client.donation.pk, "body": GERMAN}

    german = donor_client.post(url, data).content.decode()
    english = donor_client.post(url, {**data, "body": ENGLISH}).content.decode()

    assert "seems to be in German" in german
    assert "seems to be in" not in english


@pytest.mark.django_db
def test_it_warns_the_donor_on_submit_and_stores_the_language(
    donor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = donor_client.post(
            reverse("correspondence:letter_create"),
            {"donation": donor_client.donation.pk, "body": GERMAN, "action": "submit"},
        )

    page = donor_client.get(response.url).content.decode()
    assert "seems to be in German" in page
    letter = Letter.objects.get()
    assert letter.language == "de" and letter.status == Letter.Status.IN_REVIEW


@pytest.mark.django_db
def test_it_shows_no_warning_on_submit_of_an_english_letter(donor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = donor_client.post(
            reverse("correspondence:letter_create"),
            {"donation": donor_client.donation.pk, "body": ENGLISH, "action": "submit"},
        )

    assert "seems to be in" not in donor_client.get(response.url).content.decode()
    assert Letter.objects.get().language == "en"


@pytest.mark.django_db
def test_it_marks_a_non_english_letter_in_the_review_queue(client):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from correspondence.roles import CASEWORKERS
    from tests.factories import UserFactory

    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    client.force_login(user, backend="axes.backends.AxesBackend")
    LetterFactory(body=GERMAN, language="de", status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())

    page = client.get(reverse("admin:correspondence_letter_changelist") + "?status__exact=in_review")

    assert "(English required)" in page.content.decode()


def test_it_takes_an_english_letter_with_a_german_closing_for_english():
    from correspondence.language import detect_language

    text = "Dear friend, I'm writing from home. My dog and I send love. I think of you often. Viele Grüße!"
    assert detect_language(text) == "en"


def test_it_is_not_swayed_by_german_names_in_an_english_letter():
    from correspondence.language import detect_language

    text = (
        "My name is Gretchen and I live in Wolfenbüttel. I work for Stadtwerke Wolfenbüttel and my dog "
        "Knödel kept me company while I recovered. I will celebrate twice this year!"
    )
    assert detect_language(text) == "en"
