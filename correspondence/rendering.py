"""Letter text rendered: redacted (plain and as the review's preview) and highlighted where it is flagged.

The one renderer of a redacted letter: every path that shows a letter to the other side uses it.
HTML is built with format_html, so letter text is never marked safe. Pure functions of the text and
its spans; reading which spans apply is the selectors' business.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from redaction import reason

PLACEHOLDERS = {
    "NAME": "[name]",
    "INITIALS": "[initials]",
    "LOCATION": "[place]",
    "ORGANISATION": "[organisation]",
    "DATE": "[date]",
    "CONTACT": "[contact]",
    "ID": "[number]",
    "OTHER": "[redacted]",
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


def preview_html(text: str, redactions: Iterable[Span]) -> SafeString:
    """Return the redacted text as HTML for the review's preview: each placeholder in a styled span."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<span class="placeholder" data-label="{}">{}</span>', label, piece)
                if label
                else piece,
            )
            for piece, label in redacted_segments(text, redactions)
        ),
    )


def _marked(text: str, flags: Iterable[Span], mark: Callable[[Span, str], SafeString]) -> SafeString:
    """Return the text as HTML with each flag's characters passed through `mark`.

    Flags are expected sorted and disjoint (as the pipeline and the review keep them); overlapping
    ones are skipped rather than nested. The text between and inside the marks is exactly the
    letter's characters, escaped, so a selection in the browser maps back to character offsets.
    """

    def parts() -> Iterator[tuple[SafeString | str]]:
        position = 0
        for flag in sorted((f for f in flags if f.start is not None), key=lambda f: (f.start, f.end)):
            if flag.start < position or flag.end > len(text):
                continue
            yield (text[position : flag.start],)
            yield (mark(flag, text[flag.start : flag.end]),)
            position = flag.end
        yield (text[position:],)

    return format_html_join("", "{}", parts())


def highlight(text: str, flags: Iterable[Span]) -> SafeString:
    """Return the text as HTML with each flag in `<mark class="flag" data-label="KIND">`, for the writer."""
    return _marked(
        text,
        flags,
        lambda flag, piece: format_html(
            '<mark class="flag" data-label="{}" title="{}">{}</mark>', flag.label, reason(flag.label), piece
        ),
    )


def review_highlight(text: str, flags: Iterable) -> SafeString:
    """Return the text as HTML with each flag marked up for review: kind, decision and the flag's id."""
    return _marked(
        text,
        flags,
        lambda flag, piece: format_html(
            '<mark class="flag decision-{}" data-label="{}" data-flag="{}" id="flag-{}" title="{}">{}</mark>',
            flag.decision,
            flag.label,
            flag.pk,
            flag.pk,
            flag.get_label_display(),
            piece,
        ),
    )
