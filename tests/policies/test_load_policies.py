"""Seeding the country rules: the load_policies command and the data migration share one loader."""

import importlib
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from policies.models import CountryRule
from policies.services import SEED_FILE, country_rules_load

pytestmark = pytest.mark.django_db

SEED_COUNT = len(yaml.safe_load(SEED_FILE.read_text(encoding="utf-8")))


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_policies", *args, stdout=out)
    return out.getvalue()


def write_yaml(path: Path, rows: list[dict]) -> Path:
    path.write_text(yaml.safe_dump(rows), encoding="utf-8")
    return path


KENYA = {
    "country": "KE",
    "registry": "Test registry",
    "anonymous_letters": True,
    "direct_contact": True,
    "anonymity_months": 18,
    "anonymity_anchor": "first_transplant",
    "initiator": "either",
    "max_letters_per_side": None,
    "letter_window_months": None,
    "photos": False,
    "gifts": "small",
    "verified": False,
    "notes": "",
    "source": "test",
}


def test_it_seeds_every_country_in_the_migration() -> None:
    """The data migration loads every row through the historical model."""
    CountryRule.objects.all().delete()
    state_apps = (
        MigrationExecutor(connection).loader.project_state(("policies", "0002_seed_country_rules")).apps
    )
    migration = importlib.import_module("policies.migrations.0002_seed_country_rules")

    migration.seed_country_rules(state_apps, None)

    assert CountryRule.objects.count() == SEED_COUNT


def test_it_reads_yaml_booleans_as_gift_words_and_norway_as_a_country() -> None:
    """Unquoted yes/no gifts are stored as words; the quoted "NO" row is Norway."""
    country_rules_load()
    assert CountryRule.objects.get(country="US").gifts == "yes"
    assert CountryRule.objects.get(country="DE").gifts == "no"
    assert CountryRule.objects.get(country="IT").gifts == "small"
    norway = CountryRule.objects.get(country="NO")
    assert norway.direct_contact is False
    assert norway.verified is False
    netherlands = CountryRule.objects.get(country="NL")
    assert netherlands.max_letters_per_side == 1
    assert "forum" in netherlands.source


def test_it_loads_idempotently_without_new_history() -> None:
    """A second run changes nothing and writes no history rows."""
    CountryRule.objects.all().delete()
    first = run()
    history = CountryRule.history.count()

    second = run()

    assert f"{SEED_COUNT} created" in first
    assert f"0 created, 0 updated, {SEED_COUNT} unchanged" in second
    assert CountryRule.objects.count() == SEED_COUNT
    assert CountryRule.history.count() == history


def test_it_overwrites_changed_rows_with_a_history_reason() -> None:
    """A row edited since is set back to the file's values, and the history says by whom."""
    country_rules_load()
    CountryRule.objects.filter(country="DE").update(anonymity_months=36)

    output = run()

    assert "1 updated" in output
    assert CountryRule.objects.get(country="DE").anonymity_months == 24
    latest = CountryRule.history.filter(country="DE").latest("history_date")
    assert latest.history_change_reason == "load_policies countries.yaml"


def test_it_loads_another_file_and_leaves_other_rows_alone(tmp_path: Path) -> None:
    """--file adds its rows; countries not in the file are kept."""
    country_rules_load()
    path = write_yaml(tmp_path / "extra.yaml", [KENYA])

    output = run("--file", str(path))

    assert "1 created, 0 updated, 0 unchanged" in output
    assert CountryRule.objects.get(country="KE").anonymity_months == 18
    assert CountryRule.objects.count() == SEED_COUNT + 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("- {country: NO, anonymous_letters: true}", "quoted", id="unquoted-norway"),
        pytest.param("{country: KE}", "list", id="not-a-list"),
        pytest.param("- {country: KE, anonymous_letters: true}", "missing", id="missing-fields"),
        pytest.param(
            "- {country: KE, anonymous_letters: true, direct_contact: false, source: x, colour: red}",
            "unknown field colour",
            id="unknown-field",
        ),
        pytest.param(
            "- {country: ZZ, anonymous_letters: true, direct_contact: false, source: x}",
            "ZZ",
            id="no-such-country",
        ),
        pytest.param(
            "- {country: KE, anonymous_letters: true, direct_contact: true, source: x}",
            "anonymity period",
            id="direct-contact-without-a-period",
        ),
        pytest.param(
            "- {country: KE, anonymous_letters: true, direct_contact: false, source: x}\n"
            "- {country: KE, anonymous_letters: true, direct_contact: false, source: y}",
            "duplicate",
            id="duplicate-country",
        ),
        pytest.param("- [unclosed", "cannot read", id="not-yaml"),
    ],
)
def test_it_rejects_a_malformed_file_and_changes_nothing(tmp_path: Path, content: str, message: str) -> None:
    """A bad file is a CommandError naming the problem; the table stays as it was."""
    CountryRule.objects.all().delete()
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        run("--file", str(path))

    assert CountryRule.objects.count() == 0


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    """A file that does not exist is a CommandError."""
    with pytest.raises(CommandError, match="cannot read"):
        run("--file", str(tmp_path / "missing.yaml"))
