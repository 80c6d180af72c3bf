import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import DonorFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("donors:sign_in")
CODE = reverse("donors:sign_in_code")
LETTERS = reverse("correspondence:letter_list")


def born(iso: str) -> dict[str, str]:
    """The date-of-birth boxes as the sign-in page sends them: day, month and year apart."""
    year, month, day = iso.split("-")
    return {"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}


def ask_for_code(client, donor_number: str, date_of_birth: str, ip: str = "10.0.0.1"):
    return client.post(SIGN_IN, {"donor_number": donor_number, **born(date_of_birth)}, REMOTE_ADDR=ip)


def sent_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_it_signs_a_donor_in_with_date_of_birth_and_emailed_code(client):
    donor = DonorFactory(donor_number="D1234567")
    response = ask_for_code(client, "d123 4567", "1988-04-02")
    assert response.status_code == 302 and response.url == CODE
    assert mail.outbox[-1].to == [donor.email]
    response = client.post(CODE, {"code": sent_code()})
    assert response.status_code == 302 and response.url == LETTERS
    assert client.get(LETTERS).status_code == 200


def test_it_gives_one_message_for_a_wrong_number_and_a_wrong_birth_date(client):
    DonorFactory(donor_number="D1234567")
    unknown = ask_for_code(client, "D7654321", "1988-04-02", ip="10.0.0.2")
    wrong_birth = ask_for_code(client, "D1234567", "1988-04-03", ip="10.0.0.3")
    assert unknown.status_code == wrong_birth.status_code == 200
    message = "We could not match this donor number and date of birth."
    assert message in unknown.content.decode() and message in wrong_birth.content.decode()
    assert mail.outbox == []


def test_it_refuses_a_wrong_code(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    wrong = "000000" if sent_code() != "000000" else "111111"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "This code is not correct or has expired" in response.content.decode()
    assert client.get(LETTERS).status_code == 302


def test_it_refuses_a_code_after_ten_minutes(client):
    DonorFactory(donor_number="D1234567")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        ask_for_code(client, "D1234567", "1988-04-02")
        traveller.shift(timedelta(minutes=10, seconds=1))
        response = client.post(CODE, {"code": sent_code()})
    assert "This code is not correct or has expired" in response.content.decode()


def test_it_spends_a_code_after_five_wrong_tries(client, settings):
    settings.AXES_FAILURE_LIMIT = 50  # Isolate the code's own limit from the lockout.
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(CODE, {"code": wrong})
    response = client.post(CODE, {"code": code})
    assert "This code is not correct or has expired" in response.content.decode()


def test_it_accepts_only_the_newest_code(client):
    DonorFactory(donor_number="D1234567")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        ask_for_code(client, "D1234567", "1988-04-02")
        first = sent_code()
        traveller.shift(timedelta(minutes=2))
        ask_for_code(client, "D1234567", "1988-04-02")
        second = sent_code()
        if first != second:
            assert "not correct" in client.post(CODE, {"code": first}).content.decode()
        assert client.post(CODE, {"code": second}).status_code == 302


def test_it_locks_a_donor_number_only_for_the_client_that_failed(client):
    """Five wrong dates of birth from one client lock that client out, not the donor's own sign-in."""
    DonorFactory(donor_number="D1234567")
    for _ in range(5):
        ask_for_code(client, "D1234567", "1970-01-01", ip="10.1.0.1")
    response = ask_for_code(client, "D1234567", "1988-04-02", ip="10.1.0.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert mail.outbox == []
    assert ask_for_code(client, "D1234567", "1988-04-02", ip="10.1.0.2").status_code == 302


def test_it_counts_every_spelling_of_a_donor_number_as_the_number(client):
    from axes.models import AccessAttempt

    DonorFactory(donor_number="D1234567")
    for spelling in ("d1234567", "D123 4567", " d 1234567 "):
        ask_for_code(client, spelling, "1970-01-01")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"D1234567"}
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 3


def test_it_doubles_the_wait_with_each_failure_after_the_limit(client):
    DonorFactory(donor_number="D1234567")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            ask_for_code(client, "D1234567", "1970-01-01")
        assert ask_for_code(client, "D1234567", "1988-04-02").status_code == 429
        traveller.shift(timedelta(seconds=61))
        # The first wait is over; one more failure and the next wait is two minutes.
        assert ask_for_code(client, "D1234567", "1970-01-01").status_code == 429
        traveller.shift(timedelta(seconds=61))
        assert ask_for_code(client, "D1234567", "1988-04-02").status_code == 429
        traveller.shift(timedelta(seconds=61))
        assert ask_for_code(client, "D1234567", "1988-04-02").status_code == 302


def test_it_tells_clients_behind_the_proxy_apart(client, settings):
    """With PROXY_COUNT=1 the client is the address the proxy appended to X-Forwarded-For."""
    settings.PROXY_COUNT = 1
    DonorFactory(donor_number="D1234567")

    def through_proxy(date_of_birth: str, forwarded_for: str):
        return client.post(
            SIGN_IN,
            {"donor_number": "D1234567", **born(date_of_birth)},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for i in range(5):
        # Whatever a client writes into the header itself is not believed.
        through_proxy("1970-01-01", f"198.51.100.{i}, 203.0.113.7")
    assert through_proxy("1988-04-02", "203.0.113.7").status_code == 429
    assert through_proxy("1988-04-02", "203.0.113.8").status_code == 302


def test_it_locks_a_client_address_trying_many_donor_numbers(client):
    DonorFactory(donor_number="D1234567")
    for i in range(5):
        ask_for_code(client, f"X00000{i}", "1970-01-01", ip="10.2.0.1")
    assert ask_for_code(client, "D1234567", "1988-04-02", ip="10.2.0.1").status_code == 429
    assert ask_for_code(client, "D1234567", "1988-04-02", ip="10.2.0.2").status_code == 302


def test_it_locks_after_five_wrong_codes(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    wrong = "000000" if sent_code() != "000000" else "111111"
    for _ in range(5):
        client.post(CODE, {"code": wrong}, REMOTE_ADDR="10.0.0.1")
    assert client.post(CODE, {"code": wrong}, REMOTE_ADDR="10.0.0.1").status_code == 429


def test_it_sends_no_second_code_within_a_minute(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    code = sent_code()
    response = ask_for_code(client, "D1234567", "1988-04-02")
    assert response.status_code == 302 and response.url == CODE
    assert len(mail.outbox) == 1
    assert client.post(CODE, {"code": code}).status_code == 302


def test_it_sends_a_new_code_at_once_once_the_last_was_used(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    client.post(CODE, {"code": sent_code()})
    client.post(reverse("donors:sign_out"))
    assert ask_for_code(client, "D1234567", "1988-04-02").status_code == 302
    assert len(mail.outbox) == 2


def test_it_caps_the_codes_e_mailed_to_one_donor(client):
    DonorFactory(donor_number="D1234567")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(5):
            ask_for_code(client, "D1234567", "1988-04-02", ip=f"10.3.0.{i}")
            traveller.shift(timedelta(minutes=11))  # each code has expired before the next
        response = ask_for_code(client, "D1234567", "1988-04-02", ip="10.3.0.9")
        assert len(mail.outbox) == 5
        assert response.status_code == 200
        assert "We have sent several codes already" in response.content.decode()
        traveller.shift(timedelta(minutes=10))
        assert ask_for_code(client, "D1234567", "1988-04-02", ip="10.3.0.9").status_code == 302
    assert len(mail.outbox) == 6


def test_it_caps_the_codes_one_client_has_e_mailed(client):
    donors = [DonorFactory(donor_number=f"D12345{i:02d}") for i in range(11)]
    for donor in donors:
        ask_for_code(client, donor.donor_number, "1988-04-02", ip="10.4.0.1")
    assert len(mail.outbox) == 10
    assert ask_for_code(client, donors[-1].donor_number, "1988-04-02", ip="10.4.0.2").status_code == 302
    assert len(mail.outbox) == 11


def test_it_locks_a_staff_username_only_for_the_client_that_failed(client, django_user_model):
    django_user_model.objects.create_user("caseworker", password="letters-with-care", is_staff=True)
    login = reverse("admin:login")

    def sign_in(username: str, password: str, ip: str):
        return client.post(login, {"username": username, "password": password}, REMOTE_ADDR=ip)

    from axes.models import AccessAttempt

    for _ in range(4):
        sign_in("caseworker", "wrong-password-here", "10.5.0.1")
    sign_in(" Caseworker", "wrong-password-here", "10.5.0.1")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"CASEWORKER"}
    assert sign_in("caseworker", "letters-with-care", "10.5.0.1").status_code == 429
    assert sign_in("caseworker", "letters-with-care", "10.5.0.2").status_code == 302


def test_it_sends_the_code_page_back_to_step_one_without_a_pending_sign_in(client):
    response = client.get(CODE)
    assert response.status_code == 302 and response.url == SIGN_IN


def test_it_signs_out(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    client.post(CODE, {"code": sent_code()})
    response = client.post(reverse("donors:sign_out"))
    assert response.status_code == 302
    assert client.get(LETTERS).status_code == 302


def test_it_keeps_donors_out_of_the_admin(client):
    DonorFactory(donor_number="D1234567")
    ask_for_code(client, "D1234567", "1988-04-02")
    client.post(CODE, {"code": sent_code()})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_it_returns_to_the_page_asked_for_after_sign_in(client):
    DonorFactory(donor_number="D1234567")
    wanted = reverse("correspondence:letter_create")
    client.post(
        f"{SIGN_IN}?next={wanted}",
        {"donor_number": "D1234567", **born("1988-04-02")},
        REMOTE_ADDR="10.0.0.1",
    )
    assert client.post(CODE, {"code": sent_code()}).url == wanted


def test_it_ignores_a_next_address_on_another_site(client):
    DonorFactory(donor_number="D1234567")
    client.post(f"{SIGN_IN}?next=https://evil.example/", {"donor_number": "D1234567", **born("1988-04-02")})
    assert client.post(CODE, {"code": sent_code()}).url == LETTERS


def test_it_keeps_donor_numbers_out_of_the_logs(client, caplog):
    """django-axes names the username of each failure at WARNING; nothing of ours names the donor."""
    import logging

    axes_records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = axes_records.append
    logging.getLogger("axes").addHandler(handler)
    try:
        DonorFactory(donor_number="D1234567")
        with caplog.at_level(logging.INFO):
            ask_for_code(client, "D1234567", "1970-01-01")
            ask_for_code(client, "D1234567", "1988-04-02")
            client.post(CODE, {"code": "000000" if sent_code() != "000000" else "111111"})
    finally:
        logging.getLogger("axes").removeHandler(handler)
    logged = caplog.text + " ".join(record.getMessage() for record in axes_records)
    assert "D1234567" not in logged


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        pytest.param(("", "", ""), "Enter your date of birth", id="empty"),
        pytest.param(("2", "", "1988"), "Enter your whole date of birth", id="no-month"),
        pytest.param(("31", "2", "1988"), "Enter a real date of birth", id="31-february"),
        pytest.param(("2", "4", "88"), "Enter a real date of birth", id="two-digit-year"),
        pytest.param(("2", "April", "1988"), "Enter a real date of birth", id="month-in-words"),
        pytest.param(("2", "4", "2999"), "must be in the past", id="future"),
    ],
)
def test_it_explains_a_date_of_birth_it_cannot_read_and_keeps_what_was_typed(client, boxes, message):
    DonorFactory(donor_number="D1234567")
    day, month, year = boxes
    response = client.post(
        SIGN_IN,
        {
            "donor_number": "D1234567",
            "date_of_birth_day": day,
            "date_of_birth_month": month,
            "date_of_birth_year": year,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="D1234567"' in page and (not year or f'value="{year}"' in page)
    assert mail.outbox == []


def test_it_labels_each_date_of_birth_box_and_gives_a_hint_in_the_same_order(client):
    """No browser date picker: its own format (mm/dd/yyyy, dd.mm.yyyy) would contradict the hint."""
    page = client.get(SIGN_IN).content.decode()
    assert 'type="date"' not in page
    assert "<legend>Date of birth</legend>" in page
    positions = [page.index(f'<label for="id_date_of_birth_{part}">') for part in ("day", "month", "year")]
    assert positions == sorted(positions)
    assert "Day, month and year, for example 17 5 1990." in page
    assert 'autocomplete="bday-day"' in page and 'autocomplete="bday-year"' in page
