"""Letter text with its flags marked up, built with format_html: letter text is never marked safe."""

from collections.abc import Iterable
from typing import Protocol

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from redaction import reason


class Span(Protocol):
    start: int | None
    end: int | None
    label: str


def highlight(text: str, flags: Iterable[Span]) -> SafeString:
    """Return the text as HTML with each flag in `<mark class="flag" data-label="KIND">`.

    Flags are expected sorted and disjoint (as the pipeline returns them); overlapping ones are
    skipped rather than nested.
    """
    parts: list[tuple[str, ...]] = []
    position = 0
    for flag in sorted((f for f in flags if f.start is not None), key=lambda f: (f.start, f.end)):
        if flag.start < position or flag.end > len(text):
            continue
        parts.append(("text", text[position : flag.start]))
        parts.append(("mark", flag.label, reason(flag.label), text[flag.start : flag.end]))
        position = flag.end
    parts.append(("text", text[position:]))
    return format_html_join(
        "",
        "{}",
        (
            (format_html('<mark class="flag" data-label="{}" title="{}">{}</mark>', *part[1:]),)
            if part[0] == "mark"
            else (part[1],)
            for part in parts
        ),
    )


def review_highlight(text: str, flags: Iterable) -> SafeString:
    """Return the text as HTML with each flag marked up for review: kind, decision and the flag's id.

    The text nodes between and inside the marks are exactly the letter's characters, so a
    selection in the browser maps back to character offsets.
    """
    out: list[SafeString | str] = []
    position = 0
    for flag in sorted(flags, key=lambda f: (f.start, f.end)):
        if flag.start < position or flag.end > len(text):
            continue
        out.append(text[position : flag.start])
        out.append(
            format_html(
                '<mark class="flag decision-{}" data-label="{}" data-flag="{}" id="flag-{}" title="{}">'
                "{}</mark>",
                flag.decision,
                flag.label,
                flag.pk,
                flag.pk,
                flag.get_label_display(),
                text[flag.start : flag.end],
            )
        )
        position = flag.end
    out.append(text[position:])
    return format_html_join("", "{}", ((part,) for part in out))
