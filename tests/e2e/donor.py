"""Steps a donor takes in the browser, shared by the end-to-end tests."""

import re

from django.core import mail


def donor_sign_in(page, base_url: str, *, donor_number: str, date_of_birth: str = "1988-04-02") -> None:
    """Sign in through the real pages: donor number, date of birth (day, month, year), e-mailed code."""
    year, month, day = date_of_birth.split("-")
    page.goto(base_url + "/")
    page.get_by_label("Donor number").fill(donor_number)
    date_of_birth_group = page.get_by_role("group", name="Date of birth")
    date_of_birth_group.get_by_label("Day").fill(str(int(day)))
    date_of_birth_group.get_by_label("Month").fill(str(int(month)))
    date_of_birth_group.get_by_label("Year").fill(year)
    sent = len(mail.outbox)
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_label("Sign-in code").wait_for()
    assert len(mail.outbox) == sent + 1
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Sign-in code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()
