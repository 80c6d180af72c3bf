"""Every kind of page runs under the Content-Security-Policy without a single violation, in chromium."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from correspondence.roles import CASEWORKERS
from correspondence.services import letter_submit
from tests.factories import DonationFactory, ForwardedLetterFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def signed_in_page(browser, live_server, user, backend: str):
    client = Client()
    client.force_login(user, backend=backend)
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return page, messages


def visit(page, messages: list[str], url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, url
    assert "content-security-policy" in response.headers, url
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__csp") + [m for m in messages if "Content Security Policy" in m]
    messages.clear()
    return [f"{url}: {violation}" for violation in found]


def test_it_serves_every_page_without_a_policy_violation(browser, live_server):
    donation = DonationFactory()
    donor = donation.donor
    letter = letter_submit(
        donor=donor, donation=donation, body="Dear friend, my sister Ingrid sends her love."
    )
    ForwardedLetterFactory(donation=donation)
    caseworker = UserFactory(username="casey", is_staff=True, is_superuser=True)
    caseworker.groups.add(Group.objects.get(name=CASEWORKERS))
    violations: list[str] = []

    page, messages = signed_in_page(
        browser, live_server, donor.user, "donors.backends.DonorOneTimeCodeBackend"
    )
    for path in ("/letters/", "/letters/new/", f"/letters/{letter.public_id}/", "/replies/", "/contact/"):
        violations += visit(page, messages, live_server.url + path)
    page.goto(live_server.url + "/letters/new/")
    page.get_by_label("Your letter").fill("Greetings from Lisbon, my dog Bruno says hello.")
    page.get_by_role("button", name="Check my letter").click()
    page.wait_for_load_state("networkidle")
    violations += visit(page, messages, live_server.url + "/letters/")

    page, messages = signed_in_page(
        browser, live_server, caseworker, "django.contrib.auth.backends.ModelBackend"
    )
    for path in (
        "/admin/",
        "/admin/correspondence/letter/",
        f"/admin/correspondence/letter/{letter.public_id}/review/",
        f"/admin/donors/donor/{donor.pk}/change/",
        f"/admin/clinics/patient/{donation.patient.pk}/change/",
        "/api/docs/",
    ):
        violations += visit(page, messages, live_server.url + path)
    # The review page's own script at work: claim, then keep a flag.
    page.goto(f"{live_server.url}/admin/correspondence/letter/{letter.public_id}/review/")
    page.get_by_role("button", name="Claim this letter").click()
    page.keyboard.press("j")
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__csp")

    anonymous = browser.new_context()
    anonymous.add_init_script(RECORD_VIOLATIONS)
    page = anonymous.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for path in ("/", "/admin/login/"):
        violations += visit(page, messages, live_server.url + path)
    assert violations == [], "\n".join(violations)
