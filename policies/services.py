"""Writes to the country rules: loading the seed file (also used by the seeding migration)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

SEED_FILE = Path(__file__).resolve().parent / "data" / "countries.yaml"

FIELDS = (
    "registry",
    "anonymous_letters",
    "direct_contact",
    "anonymity_months",
    "anonymity_anchor",
    "initiator",
    "max_letters_per_side",
    "letter_window_months",
    "photos",
    "gifts",
    "source",
    "notes",
    "verified",
    "last_reviewed",
)
REQUIRED = ("country", "anonymous_letters", "direct_contact", "source")


class PolicyFileError(ValueError):
    """The policy file cannot be read or one of its rows is malformed."""


@dataclass(frozen=True)
class LoadResult:
    """How many rows `country_rules_load` created, updated and left as they were."""

    created: int
    updated: int
    unchanged: int


def _row_values(row: Any, position: int) -> tuple[str, dict[str, Any]]:
    if not isinstance(row, dict):
        raise PolicyFileError(f"row {position}: expected a mapping, got {type(row).__name__}")
    country = row.get("country")
    if "country" in row and not isinstance(country, str):
        # YAML 1.1 reads an unquoted NO (Norway) as false.
        raise PolicyFileError(f"row {position}: country {country!r} must be a quoted two-letter code")
    missing = [key for key in REQUIRED if key not in row]
    if missing:
        raise PolicyFileError(f"row {position}: missing {', '.join(missing)}")
    unknown = sorted(set(row) - set(FIELDS) - {"country"})
    if unknown:
        raise PolicyFileError(f"row {position}: unknown field {', '.join(unknown)}")
    values = {key: row[key] for key in FIELDS if key in row}
    if isinstance(values.get("gifts"), bool):
        # YAML 1.1 reads the unquoted words yes and no as booleans.
        values["gifts"] = "yes" if values["gifts"] else "no"
    for key in ("registry", "notes", "source"):
        if key in values and values[key] is None:
            values[key] = ""
    return country.upper(), values


def country_rows_read(path: Path | str = SEED_FILE) -> list[tuple[str, dict[str, Any]]]:
    """Return (country, field values) for every row of a countries.yaml file, checked for shape."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise PolicyFileError(f"cannot read {path}: {error}") from error
    if not isinstance(data, list):
        raise PolicyFileError(f"{path}: expected a list of country rows")
    rows = [_row_values(row, position) for position, row in enumerate(data, start=1)]
    countries = [country for country, _ in rows]
    duplicates = sorted({c for c in countries if countries.count(c) > 1})
    if duplicates:
        raise PolicyFileError(f"{path}: duplicate rows for {', '.join(duplicates)}")
    return rows


@transaction.atomic
def country_rules_load(
    *, path: Path | str = SEED_FILE, model: type[models.Model] | None = None, change_reason: str = ""
) -> LoadResult:
    """Create or update one CountryRule per row of the file; rows not in the file are left alone.

    Idempotent: a row whose values already match is not saved again, so no history entry is
    written for it. `model` is the migration's historical model when called from a migration.
    """
    if model is None:
        from policies.models import CountryRule as model

    created = updated = unchanged = 0
    for country, values in country_rows_read(path):
        rule = model.objects.filter(country=country).first()
        if rule is None:
            rule = model(country=country)
            created += 1
        elif all(getattr(rule, key) == value for key, value in values.items()):
            unchanged += 1
            continue
        else:
            updated += 1
        for key, value in values.items():
            setattr(rule, key, value)
        try:
            rule.full_clean()
        except ValidationError as error:
            raise PolicyFileError(f"{country}: {' '.join(error.messages)}") from error
        if change_reason:
            rule._change_reason = change_reason  # read by django-simple-history
        rule.save()
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
