"""Direct contact in a real browser: the donor consents on their page, a caseworker records the patient."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format

from correspondence.models import Consent
from correspondence.roles import CASEWORKERS
from policies.rules import add_months
from tests.e2e.donor import donor_sign_in
from tests.factories import DonationFactory, DonorFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_records_both_sides_consent_from_the_donors_page_and_the_admin(live_server, page):
    transplant = timezone.localdate() - datetime.timedelta(days=100)
    donation = DonationFactory(donor=DonorFactory(donor_number="E2E2002"), first_transplant_date=transplant)
    earliest = date_format(add_months(transplant, 24), "j F Y")  # DE donor, US centre: 24 months
    caseworker = UserFactory(username="casey", is_staff=True)
    caseworker.groups.add(Group.objects.get(name=CASEWORKERS))

    donor_sign_in(page, live_server.url, donor_number="E2E2002")

    # The nav leads to the donation's page: the date, and what is missing.
    page.get_by_role("navigation").get_by_role("link", name="Direct contact").click()
    page.get_by_text(f"From {earliest} at the earliest.").wait_for()
    page.get_by_text("Your recipient's written consent.").wait_for()

    # Giving consent needs the box ticked on a confirmation page.
    page.get_by_role("link", name="Give my consent").click()
    page.get_by_role("button", name="Give my consent").click()
    page.get_by_text("Tick the box to confirm").wait_for()
    assert Consent.objects.count() == 0
    page.get_by_label("I agree that my name and contact details").check()
    page.get_by_role("button", name="Give my consent").click()
    page.get_by_text("your consent to direct contact is recorded").wait_for()

    # The caseworker records the patient's signed form in the admin.
    admin = page.context.browser.new_context().new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Username").fill("casey")
    admin.get_by_label("Password").fill("a-long-test-password")
    admin.get_by_role("button", name="Log in").click()
    admin.goto(live_server.url + "/admin/correspondence/consent/add/")
    admin.locator("#id_donation").fill(str(donation.pk))
    admin.get_by_label("Signed form reference").fill("TC-FORM-7")
    admin.locator("#id_signed_on").fill("2026-11-20")
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.get_by_text("was added successfully").wait_for()
    admin.context.close()

    page.reload()
    assert page.get_by_text("Your recipient's written consent.").count() == 0
    sides = dict(Consent.objects.values_list("side", "recorded_by__username"))
    assert sides == {"donor": donation.donor.user.username, "patient": "casey"}
