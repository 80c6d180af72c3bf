"""Pets' names the screening took for something else, put right before a caseworker sees them.

"our cat Biscuit" must read "our cat [name]" on the other side, never "our cat [organisation]":
the kind decides the placeholder. The redaction pipeline sometimes labels a pet's name after its
species or breed as an organisation or a place ("a Labrador, Biscuit", "My Labrador Biscuit"),
and then draws the flag over the breed too. This pass keeps the name only, as a name.
"""

import re
from dataclasses import replace


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Species and common breeds a pet's name follows ("our cat Biscuit", "a Labrador, Biscuit").
SPECIES = _words(
    "dog dogs puppy puppies pup cat cats kitten kittens kitty horse horses pony ponies foal donkey rabbit "
    "rabbits bunny hamster hamsters guinea pig gerbil mouse rat ferret parrot budgie budgies canary bird "
    "tortoise turtle goldfish fish snake lizard gecko chicken chickens hen hens goat cow pig lamb sheep "
    "labrador retriever spaniel terrier poodle collie dachshund beagle boxer bulldog pug husky sheepdog "
    "shepherd alsatian greyhound whippet lurcher schnauzer chihuahua rottweiler doberman dalmatian corgi "
    "setter pointer cockapoo labradoodle tabby moggy siamese persian"
)
_SPECIES_BEFORE = re.compile(
    r"\b(?:" + "|".join(SPECIES) + r")(?:\s*,\s*|\s+)(?:(?:called|named)\s+)?$", re.IGNORECASE
)
# The pet's name at the end of the flag: one capitalised word, or two ("Mister Biscuit").
_NAME_AT_END = re.compile(r"(?:[A-ZÀ-Þ][\w'\u2019-]*\s+)?[A-ZÀ-Þ][\w'\u2019-]*$")
WRONG_KINDS = ("ORGANISATION", "LOCATION")
# A flag ending in one of these names a place or a body, whatever animal stands before it
# ("the Boxer Rebellion Museum").
INSTITUTION_WORDS = frozenset(
    _words(
        "academy association bank café cafe centre center church clinic club college company council fc "
        "farm foundation hall hospital hotel inc institute ltd museum park pub rangers road rovers school "
        "shelter society square station street team town trust united university vets village"
    )
)
# How far before a name its species may stand ("my dog, a Labrador, Biscuit": the nearest one counts).
LOOK_BACK = 40


def pet_name_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return where the pet's name is when the span ends with a name that follows a species word, else None.

    The shortest name is tried first, so "Labrador Biscuit" gives "Biscuit" (after "Labrador").
    """
    found = _NAME_AT_END.search(text, start, end)
    if found is None:
        return None
    words = list(re.finditer(r"\S+", text[found.start() : end]))
    if words[-1].group().casefold().strip(".,") in INSTITUTION_WORDS:
        return None
    for word in reversed(words):
        name_start = found.start() + word.start()
        before = text[max(0, name_start - LOOK_BACK) : name_start]
        if _SPECIES_BEFORE.search(before):
            return name_start, end
    return None


def pet_names_corrected[SpanT](text: str, flags: list[SpanT]) -> list[SpanT]:
    """Return the flags with each pet's name labelled NAME and narrowed to the name (frozen dataclasses)."""
    corrected = []
    for flag in flags:
        span = pet_name_span(text, flag.start, flag.end) if flag.label in WRONG_KINDS else None
        if span is not None:
            flag = replace(flag, start=span[0], end=span[1], label="NAME")
        corrected.append(flag)
    return corrected
