"""The review page in a real browser: keys, narrowing and splitting, kinds, refusing, held letters."""

import datetime

import pytest
from django.utils import timezone

from correspondence.models import Flag, Letter
from tests.e2e.helpers import caseworker_sign_in, select_in_original
from tests.factories import (
    DonationFactory,
    LetterFactory,
    PatientFactory,
    RedactedVersionFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BODY = (
    "Dear friend,\n\n"
    "Our dog, a Labrador, Biscuit, sat with me at Riverside every day. Biscuit says hello.\n"
    "My sister Philippa sends her love.\n\n"
    "Your donor"
)


def select_word(page, word: str) -> None:
    start = BODY.index(word)
    select_in_original(page, start, start + len(word))


def letter_in_review() -> Letter:
    letter = LetterFactory(body=BODY, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    for words, label in (
        ("Labrador, Biscuit", "ORGANISATION"),
        ("Riverside", "LOCATION"),
        ("Philippa", "NAME"),
    ):
        start = BODY.index(words)
        Flag.objects.create(letter=letter, start=start, end=start + len(words), label=label, source="ner")
    start = BODY.index("Biscuit says")
    Flag.objects.create(letter=letter, start=start, end=start + 7, label="ORGANISATION", source="repeat")
    return letter


def open_review(page, live_server, letter: Letter) -> None:
    page.goto(f"{live_server.url}/admin/correspondence/letter/{letter.public_id}/review/")


def flags(letter: Letter) -> list[tuple[str, str, str]]:
    return [
        (letter.body[f.start : f.end], f.label, f.decision)
        for f in Flag.objects.filter(letter=letter).order_by("start")
    ]


def test_it_walks_the_flags_with_j_and_k_and_decides_with_a_and_r(live_server, page):
    letter = letter_in_review()
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)
    rows = [f"#row-{f.pk}" for f in Flag.objects.filter(letter=letter).order_by("start")]

    page.keyboard.press("j")
    page.locator(f"{rows[0]}.current").wait_for()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.locator(f"{rows[2]}.current").wait_for()
    page.keyboard.press("k")
    page.locator(f"{rows[1]}.current").wait_for()
    assert page.locator(".current").count() == 2  # the row and its mark in the letter

    page.keyboard.press("r")  # keep "Riverside"; the next flag becomes current
    page.locator(f"{rows[1]}.decision-rejected").wait_for()
    page.locator(f"{rows[2]}.current").wait_for()
    page.keyboard.press("a")  # redact the second "Biscuit"
    page.locator(f"{rows[2]}.decision-accepted").wait_for()
    page.locator(f"{rows[3]}.current").wait_for()
    page.keyboard.press("a")  # redact "Philippa", the last flag: the first one becomes current
    page.locator(f"{rows[3]}.decision-accepted").wait_for()
    page.locator(f"{rows[0]}.current").wait_for()
    page.keyboard.press("k")  # k wraps round from the first flag to the last
    page.locator(f"{rows[3]}.current").wait_for()
    page.locator("#preview", has_text="at Riverside every day").wait_for()
    assert page.locator("#pending-count").text_content() == "1 undecided"

    # Keys typed into a field are the caseworker's words, not shortcuts.
    page.get_by_label("Redact", exact=True).fill("jar")
    assert page.locator(".current").count() == 2 and page.locator(f"{rows[3]}.current").count() == 1
    assert [d for _, _, d in flags(letter)] == ["pending", "rejected", "accepted", "accepted"]


def test_it_narrows_and_splits_a_wide_flag_from_a_selection(live_server, page):
    letter = letter_in_review()
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)

    select_word(page, "Biscuit")
    help_text = page.locator("#add-help")
    help_text.filter(has_text="inside the flag “Labrador, Biscuit”").wait_for()
    assert page.get_by_label("as", exact=True).input_value() == "ORGANISATION"
    page.get_by_label("as", exact=True).select_option("NAME")
    page.get_by_role("button", name="Split the flag here").click()
    page.locator("#preview", has_text="a [organisation], [name], sat with me").wait_for()
    assert flags(letter)[:2] == [("Labrador", "ORGANISATION", "pending"), ("Biscuit", "NAME", "accepted")]

    # Adding inside a wider flag says what to do instead of taking the whole flag.
    select_word(page, "Phil")
    page.get_by_role("button", name="Add redaction").click()
    page.get_by_text(
        "lies inside the flag “Philippa”: narrow that flag to it, or split the flag there"
    ).wait_for()
    select_word(page, "Phil")
    page.get_by_role("button", name="Narrow the flag to this").click()
    page.locator("#preview", has_text="My sister [name]ippa sends").wait_for()


def test_it_changes_a_kind_and_every_placeholder_over_the_same_words_follows(live_server, page):
    letter = letter_in_review()
    second = Flag.objects.get(letter=letter, source="repeat")
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)
    assert page.locator("#preview").text_content().count("[organisation]") == 2

    row = page.locator(f"#row-{second.pk}")
    row.get_by_label("Kind").select_option("NAME")
    row.get_by_role("button", name="Change").click()
    page.locator(f"#flag-{second.pk}[data-label=NAME]").wait_for()
    page.locator("#preview", has_text="[name] says hello").wait_for()
    # "Labrador, Biscuit" is other words: it keeps its kind until narrowed.
    assert "a [organisation], sat" in page.locator("#preview").text_content()

    row = page.locator("tr", has=page.locator("a", has_text="Riverside"))
    row.get_by_label("Kind").select_option("OTHER")
    row.get_by_role("button", name="Change").click()
    page.locator("#preview", has_text="at [redacted] every day").wait_for()


def test_it_asks_in_a_dialog_before_refusing(live_server, page):
    letter = letter_in_review()
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)

    page.get_by_label("Reason for the writer (for return or refuse)").fill("Your letter names a street.")
    page.get_by_role("button", name="Refuse", exact=True).click()
    dialog = page.get_by_role("dialog", name="Refuse this letter?")
    dialog.wait_for()
    assert dialog.locator("blockquote").text_content() == "Your letter names a street."
    dialog.get_by_role("button", name="No, go back").click()
    dialog.wait_for(state="hidden")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW

    page.get_by_role("button", name="Refuse", exact=True).click()
    dialog.get_by_role("button", name="Yes, refuse the letter").click()
    page.get_by_text("Done: the letter is now “Refused”.").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED and letter.status_reason == "Your letter names a street."


def test_it_asks_on_a_page_before_refusing_without_javascript(live_server, browser):
    letter = letter_in_review()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)
    page.get_by_label("Reason for the writer (for return or refuse)").fill("Your letter names a street.")
    page.get_by_role("button", name="Refuse", exact=True).click()
    page.get_by_role("heading", name="Refuse this letter?").wait_for()
    page.get_by_role("link", name="No, go back to the letter").click()
    page.get_by_role("heading", name="Flags").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.IN_REVIEW

    page.get_by_label("Reason for the writer (for return or refuse)").fill("Your letter names a street.")
    page.get_by_role("button", name="Refuse", exact=True).click()
    page.get_by_label("Reason for the writer").fill("Your letter names a street and a town.")
    page.get_by_role("button", name="Yes, refuse the letter").click()
    page.get_by_text("Done: the letter is now “Refused”.").wait_for()
    letter.refresh_from_db()
    assert letter.status_reason == "Your letter names a street and a town."
    context.close()


def held_for_a_caseworker() -> Letter:
    from tests.factories import TransplantCentreFactory

    donation = DonationFactory(patient=PatientFactory(centre=TransplantCentreFactory(country="KE")))
    letter = LetterFactory(
        donation=donation,
        status=Letter.Status.HELD,
        submitted_at=timezone.now(),
        policy_action="hold",
        hold_condition="a caseworker's decision (no policy on file for KE)",
        policy_reasons=["Held for a caseworker: no policy on file for KE (rule unknown country, KE)."],
    )
    RedactedVersionFactory(letter=letter, text="Dear friend, all is well. Your donor")
    return letter


def test_it_keeps_holding_then_forwards_a_letter_held_for_a_caseworker(live_server, page):
    letter = held_for_a_caseworker()
    caseworker_sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/correspondence/letter/?held=caseworker")
    page.get_by_role("link", name=letter.reference).click()
    page.get_by_role("heading", name="Decide the held letter").wait_for()

    later = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Reason (kept in the audit trail").fill("Asked the centre about Kenyan rules.")
    page.get_by_label("Keep holding until").fill(later.isoformat())
    page.get_by_role("button", name="Keep holding until the date").click()
    page.get_by_text("the letter stays held until").wait_for()
    letter.refresh_from_db()
    assert letter.hold_until == later and letter.status == Letter.Status.HELD

    page.get_by_label("Reason (kept in the audit trail").fill("The centre confirmed anonymous letters.")
    page.get_by_role("button", name="Forward now").click()
    page.get_by_text("Done: the letter is now “Forwarded”.").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    assert page.locator(".audit", has_text="Held letter decided by a caseworker").count() == 1


def test_it_refuses_a_held_letter_after_the_dialog(live_server, page):
    letter = held_for_a_caseworker()
    caseworker_sign_in(page, live_server.url)
    open_review(page, live_server, letter)
    page.get_by_label("Reason (kept in the audit trail").fill("No letters reach this centre.")
    page.locator("#held-form").get_by_role("button", name="Refuse").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, refuse the letter").click()
    page.get_by_text("Done: the letter is now “Refused”.").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REFUSED and letter.status_reason == "No letters reach this centre."
