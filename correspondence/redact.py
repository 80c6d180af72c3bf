"""The one renderer of a redacted letter: every path that shows a letter to the other side uses it."""

from collections.abc import Iterable
from typing import Protocol

PLACEHOLDERS = {
    "NAME": "[name]",
    "INITIALS": "[initials]",
    "LOCATION": "[place]",
    "ORGANISATION": "[organisation]",
    "DATE": "[date]",
    "CONTACT": "[contact]",
    "ID": "[number]",
}
DEFAULT_PLACEHOLDER = "[redacted]"


class Span(Protocol):
    start: int | None
    end: int | None
    label: str


def placeholder(label: str) -> str:
    """Return the placeholder that stands for a redaction of this kind: its kind, never its content."""
    return PLACEHOLDERS.get(label, DEFAULT_PLACEHOLDER)


def redacted_segments(text: str, redactions: Iterable[Span]) -> list[tuple[str, str | None]]:
    """Return the text as (piece, None) for kept text and (placeholder, kind) for each redaction.

    Overlapping redactions are joined into one (the kind of the first wins), so no character of a
    redacted span survives whatever order the spans come in.
    """
    spans = sorted(
        (max(0, r.start), min(len(text), r.end), r.label)
        for r in redactions
        if r.start is not None and r.end is not None and r.end > r.start
    )
    merged: list[list] = []
    for start, end, label in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, label])
    segments: list[tuple[str, str | None]] = []
    position = 0
    for start, end, label in merged:
        segments += [(text[position:start], None), (placeholder(label), label)]
        position = end
    segments.append((text[position:], None))
    return segments


def render_redacted(text: str, redactions: Iterable[Span]) -> str:
    """Return the text with every redaction replaced by its placeholder."""
    return "".join(piece for piece, _ in redacted_segments(text, redactions))
