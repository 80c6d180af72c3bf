"""Consent to direct contact: the donor's pages, the caseworker's admin, and the status they add up to."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from correspondence.models import Consent
from correspondence.roles import CASEWORKERS
from correspondence.selectors import direct_contact_status
from policies.rules import Code, reason
from tests.factories import (
    ConsentFactory,
    DonationFactory,
    InfusionFactory,
    PatientFactory,
    TransplantCentreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def url(name: str, donation) -> str:
    return reverse(f"correspondence:{name}", kwargs={"public_id": donation.public_id})


def page(client, donation) -> str:
    response = client.get(url("contact_detail", donation))
    assert response.status_code == 200
    return response.content.decode()


def donor_consents(donation) -> list[str]:
    return list(
        Consent.objects.filter(donation=donation, side="donor")
        .order_by("pk")
        .values_list("status", flat=True)
    )


def move_to(donor_client, country: str):
    """Point the donor's one donation at a centre in `country`."""
    donation = donor_client.donation
    donation.patient = PatientFactory(centre=TransplantCentreFactory(country=country))
    donation.save(update_fields=["patient"])
    return donation


# The selector


@pytest.mark.parametrize(
    ("consents", "on", "possible", "missing"),
    [
        pytest.param([], TODAY, False, 2, id="nobody-consented"),
        pytest.param(["donor", "patient"], TODAY, False, 0, id="both-consented-but-too-early"),
        pytest.param(["donor", "patient"], datetime.date(2028, 3, 1), True, 0, id="both-consented-and-due"),
        pytest.param(["donor"], datetime.date(2028, 3, 1), False, 1, id="patient-missing"),
    ],
)
def test_it_wires_consents_into_direct_contact(consents, on, possible, missing):
    """DE donor, US centre, transplant 2026-03-01: the longer period (DE, 24 months) gives 2028-03-01."""
    donation = DonationFactory()
    for side in consents:
        ConsentFactory(donation=donation, side=side)

    status = direct_contact_status(donation=donation, on=on)

    assert status.from_date == datetime.date(2028, 3, 1)
    assert (status.possible_now, len(status.missing)) == (possible, missing)


def test_it_counts_only_the_newest_consent_of_a_side():
    donation = DonationFactory()
    ConsentFactory(donation=donation, side="patient")
    ConsentFactory(donation=donation, side="donor")
    ConsentFactory(donation=donation, side="patient", status="withdrawn")

    status = direct_contact_status(donation=donation, on=datetime.date(2029, 1, 1))

    assert status.possible_now is False
    assert status.missing == (reason(Code.CONSENT_WITHDRAWN, side="patient"),)


def test_it_counts_from_the_last_infusion_where_a_country_says_so():
    """The US anchors on the last transplant: a top-up in 2026-06 moves the date to 2028-06."""
    donation = DonationFactory()
    InfusionFactory(donation=donation, date=datetime.date(2026, 6, 10))

    assert direct_contact_status(donation=donation, on=TODAY).from_date == datetime.date(2028, 6, 10)


# The donor's pages


@time_machine.travel(TODAY, tick=False)
def test_it_shows_from_when_contact_could_be_possible_and_what_is_missing(donor_client):
    text = page(donor_client, donor_client.donation)

    assert "From 1 March 2028 at the earliest." in text
    assert "Your written consent. You can give it on this page." in text
    assert "Your recipient&#x27;s written consent." in text
    assert "You have not given your consent to direct contact." in text
    assert url("contact_give", donor_client.donation) in text


def test_it_says_never_and_why_without_rule_citations(donor_client):
    """France forbids disclosing identities: the page says never, names the country, cites no rule."""
    donation = move_to(donor_client, "FR")

    text = page(donor_client, donation)

    assert "Never: your identities stay hidden from each other." in text
    assert "France never allows direct contact." in text
    assert "(rule" not in text and "source:" not in text
    assert url("contact_give", donation) not in text


def test_it_hides_a_centres_code_from_the_donor(donor_client):
    centre = TransplantCentreFactory(country="US", code="US-HIDDEN7", allows_direct_contact=False)
    donation = donor_client.donation
    donation.patient = PatientFactory(centre=centre)
    donation.save(update_fields=["patient"])

    text = page(donor_client, donation)

    assert "Never" in text and "US-HIDDEN7" not in text


def test_it_lets_the_recipient_ask_first_where_the_rules_want_it(donor_client):
    """GB wants the recipient to ask first: no button until the patient has consented."""
    donation = move_to(donor_client, "GB")

    text = page(donor_client, donation)
    assert "the recipient to ask first" in text
    assert url("contact_give", donation) not in text
    response = donor_client.post(url("contact_give", donation), {"confirm": "yes"}, follow=True)
    assert "Your recipient must ask for direct contact first." in response.content.decode()
    assert donor_consents(donation) == []

    ConsentFactory(donation=donation, side="patient")
    assert url("contact_give", donation) in page(donor_client, donation)


def test_it_asks_for_confirmation_before_recording_consent(donor_client):
    donation = donor_client.donation
    give = url("contact_give", donation)

    confirm = donor_client.get(give)
    unticked = donor_client.post(give, {})

    assert confirm.status_code == 200 and 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    assert "may be passed to my recipient" in confirm.content.decode()
    assert unticked.status_code == 400 and "Tick the box" in unticked.content.decode()
    assert donor_consents(donation) == []


def test_it_records_consent_given_and_withdrawn_from_the_donors_page(donor_client):
    donation = donor_client.donation

    given = donor_client.post(url("contact_give", donation), {"confirm": "yes"}, follow=True)

    consent = Consent.objects.get()
    assert (consent.side, consent.status, consent.source) == ("donor", "given", "donor page")
    assert consent.recorded_by == donor_client.donor.user
    text = given.content.decode()
    assert "your consent to direct contact is recorded" in text and "You gave your consent" in text
    assert "Your written consent." not in text

    withdraw = url("contact_withdraw", donation)
    assert "Withdraw consent to direct contact" in donor_client.get(withdraw).content.decode()
    assert donor_consents(donation) == ["given"]
    withdrawn = donor_client.post(withdraw, follow=True).content.decode()

    assert donor_consents(donation) == ["given", "withdrawn"]
    assert "You withdrew your consent" in withdrawn and "you withdrew it" in withdrawn


def test_it_refuses_to_record_the_same_consent_twice(donor_client):
    donation = donor_client.donation
    donor_client.post(url("contact_give", donation), {"confirm": "yes"})

    again = donor_client.post(url("contact_give", donation), {"confirm": "yes"}, follow=True)

    assert "You have already given your consent." in again.content.decode()
    assert donor_consents(donation) == ["given"]


def test_it_needs_a_csrf_token(donor_client):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(donor_client.donor.user, backend="donors.backends.DonorOneTimeCodeBackend")

    assert strict.post(url("contact_give", donor_client.donation), {"confirm": "yes"}).status_code == 403
    assert Consent.objects.count() == 0


@pytest.mark.parametrize("name", ["contact_detail", "contact_give", "contact_withdraw"])
def test_it_hides_another_donors_donation(donor_client, name):
    other = DonationFactory()

    assert donor_client.get(url(name, other)).status_code == 404
    assert donor_client.post(url(name, other), {"confirm": "yes"}).status_code == 404
    assert Consent.objects.count() == 0


def test_it_links_the_contact_page_from_my_letters_and_the_nav(donor_client):
    letters = donor_client.get(reverse("correspondence:letter_list")).content.decode()
    index = donor_client.get(reverse("correspondence:contact_index"))

    assert letters.count(reverse("correspondence:contact_index")) == 2  # the nav and the page
    assert index.status_code == 302 and index.url == url("contact_detail", donor_client.donation)


def test_it_lists_the_donations_of_a_donor_with_several(donor_client):
    second = DonationFactory(donor=donor_client.donor)

    text = donor_client.get(reverse("correspondence:contact_index")).content.decode()

    assert url("contact_detail", donor_client.donation) in text and url("contact_detail", second) in text


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(url("contact_detail", DonationFactory()))

    assert response.status_code == 302 and reverse("donors:sign_in") in response.url


# The caseworker's admin


@pytest.fixture
def caseworker_client(client):
    user = UserFactory(username="casey", is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    client.force_login(user, backend="axes.backends.AxesBackend")
    client.user = user
    return client


def test_it_lets_a_caseworker_record_the_patients_consent(caseworker_client):
    donation = DonationFactory()

    response = caseworker_client.post(
        reverse("admin:correspondence_consent_add"),
        {
            "donation": donation.pk,
            "side": "patient",
            "status": "given",
            "signed_form_reference": "TC-FORM-0042",
            "signed_on": "2026-11-20",
        },
    )

    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.side, consent.status, consent.source) == ("patient", "given", "caseworker")
    assert consent.recorded_by == caseworker_client.user
    assert consent.signed_form_reference == "TC-FORM-0042"
    assert consent.signed_on == datetime.date(2026, 11, 20)


def test_it_asks_the_caseworker_for_the_signed_form(caseworker_client):
    donation = DonationFactory()

    response = caseworker_client.post(
        reverse("admin:correspondence_consent_add"),
        {"donation": donation.pk, "side": "patient", "status": "given"},
    )

    assert response.status_code == 200
    assert "signed form" in response.content.decode()
    assert Consent.objects.count() == 0


@time_machine.travel(TODAY, tick=False)
def test_it_shows_the_caseworker_the_contact_status_and_keeps_records_unchanged(caseworker_client):
    consent = ConsentFactory(side="patient")
    change = reverse("admin:correspondence_consent_change", args=[consent.pk])

    text = caseworker_client.get(change).content.decode()
    caseworker_client.post(change, {"status": "withdrawn"})

    assert "from 2028-03-01" in text and "the donor&#x27;s written consent" in text
    assert Consent.objects.get().status == "given"
    listing = caseworker_client.get(reverse("admin:correspondence_consent_changelist"))
    assert listing.status_code == 200
