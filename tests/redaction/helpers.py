"""Assertions the redaction tests share."""

from redaction import Flag, Known, detect


def covered(text: str, fragment: str, flags: list[Flag]) -> bool:
    """Whether every letter and digit of each occurrence of `fragment` lies inside some flag."""
    start = text.index(fragment)
    inside = set()
    for flag in flags:
        inside.update(range(flag.start, flag.end))
    while start != -1:
        if any(text[i].isalnum() and i not in inside for i in range(start, start + len(fragment))):
            return False
        start = text.find(fragment, start + 1)
    return True


def flagged(text: str, fragment: str, *, known: Known | None = None) -> bool:
    return covered(text, fragment, detect(text, known=known))


def untouched(text: str, fragment: str, *, known: Known | None = None) -> bool:
    """Whether no flag overlaps any occurrence of `fragment`."""
    flags = detect(text, known=known)
    start = text.index(fragment)
    while start != -1:
        end = start + len(fragment)
        if any(f.start < end and start < f.end for f in flags):
            return False
        start = text.find(fragment, start + 1)
    return True
