"""Behind a proxy (PROXY_COUNT=1), one client's failures pause that client only."""

import pytest

from tests.factories import DonorFactory
from tests.resilience.browser import Browser
from tests.resilience.procs import WebServer, needs_postgres

pytestmark = [needs_postgres, pytest.mark.resilience]


def test_it_locks_out_one_forwarded_client_and_not_the_other(transactional_db):
    DonorFactory(donor_number="D1234567")
    server = WebServer(PROXY_COUNT="1")
    try:
        # Both come through the same proxy (127.0.0.1), which appends each client's address.
        guesser = Browser(server.url(""), **{"X-Forwarded-For": "198.51.100.7, 203.0.113.10"})
        owner = Browser(server.url(""), **{"X-Forwarded-For": "203.0.113.20"})
        for _ in range(4):
            assert (
                guesser.post_form(
                    "/",
                    {
                        "donor_number": "D1234567",
                        "date_of_birth_day": "01",
                        "date_of_birth_month": "01",
                        "date_of_birth_year": "1970",
                    },
                )
                == 200
            )
        # The fifth failure pauses the guesser, however it spells the number and even with the right date.
        assert (
            guesser.post_form(
                "/",
                {
                    "donor_number": "D1234567",
                    "date_of_birth_day": "01",
                    "date_of_birth_month": "01",
                    "date_of_birth_year": "1970",
                },
            )
            == 429
        )
        assert (
            guesser.post_form(
                "/",
                {
                    "donor_number": "d123 4567",
                    "date_of_birth_day": "02",
                    "date_of_birth_month": "04",
                    "date_of_birth_year": "1988",
                },
            )
            == 429
        )
        assert (
            owner.post_form(
                "/",
                {
                    "donor_number": "D1234567",
                    "date_of_birth_day": "02",
                    "date_of_birth_month": "04",
                    "date_of_birth_year": "1988",
                },
            )
            == 302
        )
    finally:
        output = server.stop()
    print(output[-3000:])
