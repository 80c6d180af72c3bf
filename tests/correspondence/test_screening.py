import itertools

import pytest
from django.urls import reverse

from correspondence.models import Flag, Letter
from correspondence.rendering import highlight
from correspondence.selectors import known_identities_for_donation
from correspondence.services import letter_screen, letter_submit
from redaction import Flag as Found
from tests.factories import DonationFactory, DonorFactory, PatientFactory

pytestmark = pytest.mark.django_db

LETTER = (
    "Dear friend,\n\nit's me, fritz, writing again. My wife Adelheid and I walked along the river "
    "near our house yesterday. Call me on 0561 5550199 whenever you like.\n\nFritz"
)


def screened(donation, body: str = LETTER) -> Letter:
    letter = letter_submit(donor=donation.donor, donation=donation, body=body)
    return letter_screen(letter_id=letter.pk)


def spans(letter: Letter) -> dict[str, str]:
    return {letter.body[f.start : f.end]: f.source for f in letter.flags.filter(attachment__isnull=True)}


def test_it_passes_both_sides_identities_to_the_pipeline():
    donation = DonationFactory(
        donor=DonorFactory(given_names="Friedrich", family_name="Langenbach", nicknames="Fritz, Fritzi"),
        patient=PatientFactory(given_names="Rosalind", family_name="Okafor", city="Spokane"),
    )
    known = known_identities_for_donation(donation=donation)
    assert {"Friedrich Langenbach", "Friedrich", "Langenbach", "Fritz", "Fritzi", "Rosalind Okafor"} <= set(
        known.names
    )
    assert "Spokane" in known.places and donation.donor.phone in known.phones
    assert known.dates == ("1988-04-02",)


def test_it_flags_known_identities_at_screening_even_in_lower_case():
    donation = DonationFactory(donor=DonorFactory(given_names="Friedrich", nicknames="Fritz"))
    letter = screened(donation)
    found = spans(letter)
    assert "fritz" in found
    assert "Fritz" in found and "Adelheid" in found
    assert any("5550199" in text for text in found)
    assert letter.status == Letter.Status.IN_REVIEW


def test_it_replaces_machine_flags_and_keeps_caseworker_decisions_when_screening_again():
    donation = DonationFactory(donor=DonorFactory(nicknames="Fritz"))
    letter = screened(donation)
    rejected = letter.flags.filter(attachment__isnull=True).first()
    rejected.decision = Flag.Decision.REJECTED
    rejected.save(update_fields=["decision"])
    added = Flag.objects.create(letter=letter, start=0, end=4, label="NAME", source=Flag.CASEWORKER)
    before = letter.flags.count()
    Letter.objects.filter(pk=letter.pk).update(status=Letter.Status.SUBMITTED)
    letter_screen(letter_id=letter.pk)
    flags = list(letter.flags.all())
    assert len(flags) == before
    assert Flag.objects.get(pk=rejected.pk).decision == Flag.Decision.REJECTED
    assert Flag.objects.filter(pk=added.pk).exists()
    ordered = sorted((f.start, f.end) for f in flags)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered)), "flags overlap"


def test_it_highlights_flags_and_escapes_the_letter_text():
    text = "<script>alert(1)</script> Hello Otto & co"
    start = text.index("Otto")
    html = highlight(text, [Found(start, start + 4, "NAME", "ner", 0.9)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<mark class="flag" data-label="NAME"' in html and ">Otto</mark>" in html
    assert "&amp; co" in html


def test_it_checks_a_letter_without_javascript_and_stores_nothing(donor_client):
    response = donor_client.post(
        reverse("correspondence:letter_create"),
        {
            "donation": donor_client.donation.pk,
            "body": "My dog Bruno says hi. Write to me at a.b@example.org",
            "action": "check",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-label="CONTACT"' in page and "a.b@example.org</mark>" in page
    assert "Phone numbers, e-mail addresses" in page
    assert Letter.objects.count() == 0


def test_it_answers_the_instant_check_with_the_result_alone(donor_client):
    response = donor_client.post(
        reverse("correspondence:letter_check"),
        {"donation": donor_client.donation.pk, "body": "Greetings <b>from</b> Friedrich Langenbach"},
    )
    page = response.content.decode()
    assert "<html" not in page and 'data-label="NAME"' in page
    assert "&lt;b&gt;from&lt;/b&gt;" in page


def test_it_asks_for_text_before_checking(donor_client):
    response = donor_client.post(
        reverse("correspondence:letter_check"), {"donation": donor_client.donation.pk, "body": "  "}
    )
    assert "Write your letter first" in response.content.decode()


def test_it_refuses_the_check_to_strangers(client):
    response = client.post(reverse("correspondence:letter_check"), {"body": "hello"})
    assert response.status_code == 302


def test_it_never_reveals_the_patients_identity_through_the_check(donor_client):
    """A donor guessing the patient's name or town must not see the guess light up."""
    from unittest import mock

    import redaction

    patient = donor_client.donation.patient
    patient.given_names, patient.city, patient.nicknames = "Dale", "Brinkwater", "Dal"
    patient.save()
    with mock.patch("redaction.detect", wraps=redaction.detect) as detect:
        donor_client.post(
            reverse("correspondence:letter_check"),
            {"donation": donor_client.donation.pk, "body": "hello, is it dale? wishing you well"},
        )
    known = detect.call_args.kwargs["known"]
    assert "Friedrich" in known.names
    assert not {"Dale", "Dal"} & set(known.names) and "Brinkwater" not in known.places
    assert patient.centre.name not in known.organisations
