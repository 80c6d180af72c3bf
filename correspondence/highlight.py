"""Letter text with its flags marked up, built with format_html: letter text is never marked safe."""

from collections.abc import Callable, Iterable, Iterator

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from correspondence.redact import Span
from redaction import reason


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
