"""The training corpus: generated letters plus the hand-written ones in `letters/train/`, augmented.

Usage: python -m redaction.training.corpus OUT.jsonl [--generated N] [--seed S] [--heldout]

Each line is {"text", "spans": [{"start", "end", "label"}], "source"}. Hand-written letters carry their
entities inline as `[[LABEL:text]]` (labels NAME, INITIALS, LOCATION, ORGANISATION, DATE, CONTACT, ID, or
their first letters N, I, L, O, D, C, and ID). Augmentation changes case (all lower, all upper, no capital
at a sentence's start), hard-wraps lines, adds light OCR noise, and swaps the names and towns of
hand-written letters for others, so the model learns the context rather than the words.
`letters/heldout/` is never read here: it estimates how the model does on letters it has not seen.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from redaction.training import templates
from redaction.training.fillers import (
    DIACRITIC_FAMILIES,
    FAMILY_NICKNAMES,
    MONTHS_EN,
    SPECIES,
    TWO_WORD_NICKNAMES,
    WORD_NAMES,
    Fillers,
)

LETTERS = Path(__file__).parent / "letters"
ALIASES = {
    "N": "NAME",
    "I": "INITIALS",
    "L": "LOCATION",
    "O": "ORGANISATION",
    "D": "DATE",
    "C": "CONTACT",
    "ID": "ID",
}
LABELS = ("NAME", "INITIALS", "LOCATION", "ORGANISATION", "DATE", "CONTACT", "ID")
MARKUP = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)
SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")
SEPARATOR = re.compile(r"^---+\s*$", re.M)
LEADING_THE = re.compile(r"^(the|The|THE)\s+")


@dataclass
class Sample:
    """A letter as segments of text, each with our label or None, so edits keep the spans exact."""

    segments: list[tuple[str, str | None]] = field(default_factory=list)
    source: str = "generated"

    def add(self, text: str, label: str | None = None) -> None:
        if text:
            self.segments.append((text, label))

    def to_json(self) -> dict:
        text, spans, offset = [], [], 0
        for part, label in self.segments:
            if label:
                stripped = part.strip()
                start = offset + part.index(stripped[0]) if stripped else offset
                if stripped:
                    spans.append({"start": start, "end": start + len(stripped), "label": label})
            text.append(part)
            offset += len(part)
        return {"text": "".join(text), "spans": spans, "source": self.source}


def parse(marked: str, source: str = "written") -> Sample:
    """Return the Sample of a letter with `[[LABEL:text]]` markup."""
    sample = Sample(source=source)
    position = 0
    for match in MARKUP.finditer(marked):
        label = ALIASES.get(match.group(1), match.group(1))
        if label not in LABELS:
            raise ValueError(f"unknown label {match.group(1)!r} in {match.group(0)!r}")
        sample.add(marked[position : match.start()])
        text = match.group(2)
        if the := LEADING_THE.match(text):  # "the" stays outside a span, as the office marks it
            sample.add(the.group(0))
            text = text[the.end() :]
        sample.add(text, label)
        position = match.end()
    sample.add(marked[position:])
    return sample


def written_letters(folder: str = "train") -> Iterator[Sample]:
    """The hand-written letters of `letters/<folder>/`, one Sample each."""
    for path in sorted((LETTERS / folder).glob("*.txt")):
        for chunk in SEPARATOR.split(path.read_text(encoding="utf-8")):
            if chunk.strip():
                yield parse(chunk.strip("\n"), source=f"{folder}/{path.stem}")


# Slots: kind -> (filler method name or a callable of Fillers, label)
SLOTS = {
    "given": ("given", "NAME"),
    "family": ("family", "NAME"),
    "full": ("full_name", "NAME"),
    "nick": ("nickname", "NAME"),
    "famnick": (lambda f: f.rng.choice(FAMILY_NICKNAMES), "NAME"),
    "twonick": (lambda f: f.rng.choice(TWO_WORD_NICKNAMES), "NAME"),
    "wordname": (lambda f: f.rng.choice(WORD_NAMES), "NAME"),
    "diacritic": (lambda f: f.rng.choice(DIACRITIC_FAMILIES), "NAME"),
    "pet": ("pet", "NAME"),
    "initials": ("initials", "INITIALS"),
    "city": ("city", "LOCATION"),
    "region": ("region", "LOCATION"),
    "country": ("country", "LOCATION"),
    "place": ("place", "LOCATION"),
    "landmark": ("landmark", "LOCATION"),
    "nature": ("nature", "LOCATION"),
    "venue": ("venue", "LOCATION"),
    "street": ("street", "LOCATION"),
    "address": ("street_address", "LOCATION"),
    "postcode": ("postcode", "LOCATION"),
    "citycode": ("city_with_code", "LOCATION"),
    "hospital": ("hospital", "ORGANISATION"),
    "ward": ("ward", "ORGANISATION"),
    "school": ("school", "ORGANISATION"),
    "employer": ("employer", "ORGANISATION"),
    "church": ("church", "ORGANISATION"),
    "club": ("club", "ORGANISATION"),
    "charity": ("charity", "ORGANISATION"),
    "unit": ("unit", "ORGANISATION"),
    "team": ("team", "ORGANISATION"),
    "registry": ("registry", "ORGANISATION"),
    "date": ("date", "DATE"),
    "year": ("year", "DATE"),
    "monthyear": (lambda f: f"{f.rng.choice(MONTHS_EN)} {f.year()}", "DATE"),
    "email": ("email", "CONTACT"),
    "phone": ("phone", "CONTACT"),
    "handle": ("handle", "CONTACT"),
    "url": ("url", "CONTACT"),
    "donorid": ("donor_id", "ID"),
    "plate": ("plate", "ID"),
    # Not identifying.
    "species": (lambda f: f.rng.choice(SPECIES), None),
    "hon": ("honorific", None),
    "age": (lambda f: str(f.rng.randint(18, 92)), None),
    "small": (lambda f: str(f.rng.randint(2, 12)), None),
    "years": (lambda f: str(f.rng.randint(2, 30)), None),
    "relation": (
        lambda f: f.rng.choice(["wife", "husband", "two kids", "mum", "cat", "grandson", "parents"]),
        None,
    ),
    "god": (lambda f: f.rng.choice(["God", "the Lord", "Allah", "Waheguru", "Jesus", "the universe"]), None),
}


def fill(template: str, fillers: Fillers, sample: Sample) -> None:
    """Append `template` to `sample`, its slots filled and labelled."""
    position = 0
    for match in SLOT.finditer(template):
        sample.add(template[position : match.start()])
        kind, form = match.group(1), match.group(2)
        maker, label = SLOTS[kind]
        text = maker(fillers) if callable(maker) else getattr(fillers, maker)()
        if form == "upper":
            text = text.upper()
        elif form == "lower":
            text = text.lower()
        if label and (the := LEADING_THE.match(text)):
            sample.add(the.group(0))
            text = text[the.end() :]
        if form == "quoted":
            quote = fillers.rng.choice(['"', "'", "“"])
            sample.add(quote)
            sample.add(text, label)
            sample.add({"“": "”"}.get(quote, quote))
        else:
            sample.add(text, label)
        position = match.end()
    sample.add(template[position:])


def generated_letter(fillers: Fillers) -> Sample:
    """Compose one letter: a greeting, a few paragraphs of template sentences, a closing and a signature."""
    rng = fillers.rng
    fillers.new_letter()
    sample = Sample()
    if rng.random() < 0.9:
        fill(rng.choice(templates.GREETINGS), fillers, sample)
        sample.add("\n\n" if rng.random() < 0.8 else "\n")
    for paragraph in range(rng.randint(1, 4)):
        if paragraph:
            sample.add("\n\n")
        for i in range(rng.randint(1, 6)):
            if i:
                sample.add(" ")
            roll = rng.random()
            if roll < 0.45:
                fill(rng.choice(templates.BODY), fillers, sample)
            elif roll < 0.9:
                sample.add(rng.choice(templates.NEUTRAL))
            else:  # ordinary English words in any order: never names
                sample.add(fillers.lorem())
    if rng.random() < 0.85:
        sample.add("\n\n")
        fill(rng.choice(templates.CLOSINGS), fillers, sample)
        sample.add("\n" if rng.random() < 0.8 else " ")
        fill(rng.choice(templates.SIGNATURES), fillers, sample)
    return sample


# Augmentation --------------------------------------------------------------------------------------------

OCR_SWAPS = {
    "l": "1",
    "I": "l",
    "O": "0",
    "o": "0",
    "e": "c",
    "i": "í",
    "S": "5",
    "B": "8",
    "m": "rn",
    ",": ".",
}


def _map_text(sample: Sample, change) -> Sample:
    return Sample([(change(text), label) for text, label in sample.segments], sample.source)


def lower(sample: Sample) -> Sample:
    return _map_text(sample, str.lower)


def upper(sample: Sample) -> Sample:
    return _map_text(sample, str.upper)


def no_sentence_capitals(sample: Sample) -> Sample:
    """Lower-case each sentence's first letter, as hurried writers do."""

    def change(text: str) -> str:
        return re.sub(r"(^|[.!?]\s+)([A-Z])", lambda m: m.group(1) + m.group(2).lower(), text)

    return _map_text(sample, change)


def wrap(sample: Sample, width: int) -> Sample:
    """Hard-wrap the letter at `width` columns, as e-mail clients do: spaces become line breaks."""
    column, segments = 0, []
    for text, label in sample.segments:
        chars = list(text)
        for i, c in enumerate(chars):
            if c == "\n":
                column = 0
            elif c == " " and column >= width:
                chars[i] = "\n"
                column = 0
            else:
                column += 1
        segments.append(("".join(chars), label))
    return Sample(segments, sample.source)


def ocr_noise(sample: Sample, rng: random.Random, rate: float = 0.015) -> Sample:
    """Swap a few characters for ones a scanner confuses them with."""

    def change(text: str) -> str:
        return "".join(OCR_SWAPS[c] if c in OCR_SWAPS and rng.random() < rate else c for c in text)

    return _map_text(sample, change)


def _like(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old.islower():
        return new.lower()
    return new


def swap_entities(sample: Sample, fillers: Fillers) -> Sample:
    """Replace a hand-written letter's names and towns by others, the same one each time it recurs."""
    swapped: dict[str, str] = {}
    segments = []
    for text, label in sample.segments:
        words = text.split()
        if label in ("NAME", "LOCATION") and 1 <= len(words) <= 2 and all(w.isalpha() for w in words):
            key = text.lower()
            if key not in swapped:
                if label == "LOCATION":
                    swapped[key] = fillers.city()
                else:
                    swapped[key] = fillers.given() if len(words) == 1 else fillers.full_name()
            text = _like(swapped[key], text)
        segments.append((text, label))
    return Sample(segments, sample.source)


def augment(sample: Sample, rng: random.Random) -> Sample:
    """One random variant of a letter: most stay as written, the rest change case, wrap or get noise."""
    roll = rng.random()
    if roll < 0.24:
        sample = lower(sample)
    elif roll < 0.36:
        sample = upper(sample)
    elif roll < 0.42:
        sample = no_sentence_capitals(sample)
    if rng.random() < 0.2:
        sample = wrap(sample, rng.randint(40, 78))
    if rng.random() < 0.07:
        sample = ocr_noise(sample, rng)
    return sample


def build(generated: int = 4000, copies: int = 6, seed: int = 11) -> list[dict]:
    """Return the corpus: `generated` template letters and `copies` variants of each hand-written one."""
    rng = random.Random(seed)
    fillers = Fillers(rng)
    rows = []
    for _ in range(generated):
        rows.append(augment(generated_letter(fillers), rng).to_json())
    for letter in written_letters("train"):
        rows.append(letter.to_json())
        for _ in range(copies - 1):
            rows.append(augment(swap_entities(letter, fillers), rng).to_json())
    rng.shuffle(rows)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="where to write the corpus (JSON lines)")
    parser.add_argument("--generated", type=int, default=4000, help="how many template letters")
    parser.add_argument("--copies", type=int, default=6, help="variants of each hand-written letter")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--heldout", action="store_true", help="write the held-out letters instead (for measuring only)"
    )
    parser.add_argument(
        "--blind",
        action="store_true",
        help="write the letters written for a blind check instead (letters/blind/, for measuring only)",
    )
    args = parser.parse_args(argv)
    if args.heldout or args.blind:
        folder = "heldout" if args.heldout else "blind"
        rows = [
            {"id": f"{folder}-{i:03d}", **letter.to_json()}
            for i, letter in enumerate(written_letters(folder), start=1)
        ]
    else:
        rows = build(args.generated, args.copies, args.seed)
    with open(args.output, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} letters to {args.output}")


if __name__ == "__main__":
    main()
