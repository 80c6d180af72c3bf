"""Mentions of gifts in a letter, for the caseworker where the rules allow no gifts or only small ones."""

import re

GIFT_WORDS = re.compile(
    r"\b(?:gift(?:s|\s+cards?|\s+vouchers?)?|(?:a|some|little|small)(?:\s+(?:little|small))?\s+presents?|presents\s+for|parcels?|"
    r"packages?|money|cash|cheques?|vouchers?|souvenirs?|hampers?|care\s+packages?|bank\s+transfer)\b",
    re.IGNORECASE,
)


def gift_mentions(text: str) -> list[str]:
    """Return the gift words the text mentions, in order of appearance, each once."""
    return list(dict.fromkeys(match.group(0).lower() for match in GIFT_WORDS.finditer(text)))
