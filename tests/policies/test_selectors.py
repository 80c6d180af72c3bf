"""Rules from rows (a letter's context is built in correspondence.selectors)."""

import pytest

from policies import rules
from policies.selectors import country_rule_get, rules_for
from policies.services import country_rules_load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded() -> None:
    country_rules_load()


def test_it_turns_a_row_into_a_rule() -> None:
    """Every field of the row reaches the pure rule."""
    rule = country_rule_get("nl")
    assert rule == rules.CountryRule(
        country="NL",
        anonymous_letters=True,
        direct_contact=False,
        anonymity_months=None,
        max_letters_per_side=1,
        registry="Matchis",
        source="anthonynolan.org contact list; donor forum report",
        verified=False,
    )


def test_it_returns_none_for_a_country_with_no_rules() -> None:
    """No row, no rule: the caller holds the letter for a caseworker."""
    assert country_rule_get("KE") is None
    assert rules_for("de", "KE") == {"DE": country_rule_get("DE"), "KE": None}
