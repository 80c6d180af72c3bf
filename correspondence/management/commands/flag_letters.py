"""Flag identifying details in a JSON-lines file of letters, with the pipeline screening uses."""

import json
import sys
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

import redaction
from redaction import Known

KNOWN_FIELDS = ("names", "places", "organisations", "phones", "emails", "dates")
BATCH = 32


def known_from_json(value: Any) -> Known | None:
    """Return the Known of an input line's optional `known` object, lists of strings by field."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("known must be an object")
    unknown = set(value) - set(KNOWN_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields in known: {', '.join(sorted(unknown))}")
    fields = {}
    for field in KNOWN_FIELDS:
        items = value.get(field) or []
        if isinstance(items, str):
            items = [items]
        if not all(isinstance(item, str) for item in items):
            raise ValueError(f"known.{field} must be a list of strings")
        fields[field] = tuple(items)
    return Known(**fields)


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


class Command(BaseCommand):
    help = (
        'Read {"id", "text", "known"?} lines from IN and write {"id", "spans": [{"start", "end", "label"}]} '
        "lines to OUT, flagged by the same redaction.detect_many screening calls."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON lines with id, text and an optional known object")
        parser.add_argument("output", help="where to write the flagged spans, one JSON line per letter")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, **options):
        rows = self._read(options["input"])
        progress = tqdm(total=len(rows), unit="letter", disable=options["no_progress"], file=sys.stderr)
        written = 0
        with open(options["output"], "w", encoding="utf-8") as out, progress:
            for batch in _batches(rows):
                try:
                    results = redaction.detect_many(
                        [row["text"] for row in batch], known=[row["known"] for row in batch]
                    )
                except redaction.LetterTooLong as error:
                    raise CommandError(str(error)) from error
                for row, flags in zip(batch, results, strict=True):
                    spans = [{"start": f.start, "end": f.end, "label": f.label} for f in flags]
                    out.write(json.dumps({"id": row["id"], "spans": spans}, ensure_ascii=False) + "\n")
                    written += 1
                progress.update(len(batch))
        self.stderr.write(f"Flagged {written} letters into {options['output']}.")

    @staticmethod
    def _read(path: str) -> list[dict[str, Any]]:
        rows = []
        try:
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, start=1):
                    if not line.strip():
                        continue
                    try:
                        data = json.loads(line)
                        if not isinstance(data.get("text"), str):
                            raise ValueError("text must be a string")
                        known = known_from_json(data.get("known"))
                    except (ValueError, AttributeError) as error:
                        raise CommandError(f"{path}:{number}: {error}") from error
                    rows.append({"id": data.get("id", number), "text": data["text"], "known": known})
        except OSError as error:
            raise CommandError(str(error)) from error
        return rows
