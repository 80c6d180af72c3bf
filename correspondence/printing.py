"""Printable letters: an approved letter's redacted text and released photos as a PDF on the letterhead.

Only what `PrintableLetter` carries goes into the PDF: the redacted text, the released photos (already
re-encoded without metadata on upload), a reference and a date. The document information (author,
creator, producer, dates) is removed after layout, so the file names nobody.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpResponse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from correspondence.models import Letter

# DejaVu (Debian's fonts-dejavu-core) covers far more scripts than reportlab's own Vera, its
# ancestor, which stays the fallback so that a machine without the package still prints.
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILES = {"regular": ("DejaVuSans.ttf", "Vera.ttf"), "bold": ("DejaVuSans-Bold.ttf", "VeraBd.ttf")}

MARGIN = 2 * cm
LETTERHEAD_HEIGHT = 3.2 * cm
FOOTER_HEIGHT = 1.5 * cm
PHOTO_MAX_HEIGHT = 11 * cm


@dataclass(frozen=True)
class PrintableLetter:
    """What a printed letter shows; nothing else reaches the PDF."""

    reference: str
    letter_id: str
    heading: str
    dated: str
    text: str
    photos: Sequence[bytes] = ()


@dataclass(frozen=True)
class Letterhead:
    name: str
    address: Sequence[str]
    # Printed in each page's footer; words are the caller's (translated), the layout is ours.
    footer: str
    reference_label: str
    photo_label: str


@cache
def _fonts() -> tuple[str, str]:
    """Register the regular and bold fonts once per process; return their names."""
    names = []
    for weight, (system, bundled) in FONT_FILES.items():
        path = next((str(d / system) for d in FONT_DIRS if (d / system).is_file()), bundled)
        name = f"GoBetween-{weight}"
        pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    return names[0], names[1]


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """The text as paragraphs (split at blank lines), its line breaks kept and all markup escaped."""
    blocks = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return [Paragraph("<br/>".join(escape(line) for line in block.split("\n")), style) for block in blocks]


def _photo(content: bytes, *, width: float) -> Image:
    reader = ImageReader(io.BytesIO(content))
    pixels_wide, pixels_high = reader.getSize()
    scale = min(width / pixels_wide, PHOTO_MAX_HEIGHT / pixels_high)
    image = Image(io.BytesIO(content), width=pixels_wide * scale, height=pixels_high * scale)
    image.hAlign = "LEFT"
    return image


def letter_pdf(letter: PrintableLetter, *, letterhead: Letterhead) -> bytes:
    """Return the letter as an A4 PDF without document metadata."""
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15.5, spaceAfter=9)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=14, leading=18, spaceAfter=4)
    small = ParagraphStyle(
        "small", fontName=regular, fontSize=9, leading=12, textColor=colors.HexColor("#444")
    )
    caption = ParagraphStyle("caption", parent=small, spaceBefore=4, spaceAfter=12)
    page_width, page_height = A4
    frame_width = page_width - 2 * MARGIN

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        top = page_height - MARGIN
        canvas.setFont(bold, 13)
        canvas.drawString(MARGIN, top - 13, letterhead.name)
        canvas.setFont(regular, 8.5)
        for i, line in enumerate(letterhead.address[:4]):
            canvas.drawString(MARGIN, top - 27 - i * 11, line)
        canvas.setFont(regular, 9)
        canvas.drawRightString(
            page_width - MARGIN, top - 13, f"{letterhead.reference_label} {letter.reference}"
        )
        canvas.setFillColor(colors.HexColor("#444"))
        canvas.setFont(regular, 7)
        canvas.drawRightString(page_width - MARGIN, top - 25, letter.letter_id)
        canvas.setStrokeColor(colors.HexColor("#8a8a8a"))
        canvas.setLineWidth(0.6)
        line_y = page_height - MARGIN - LETTERHEAD_HEIGHT + 0.4 * cm
        canvas.line(MARGIN, line_y, page_width - MARGIN, line_y)
        canvas.line(MARGIN, MARGIN + 0.6 * cm, page_width - MARGIN, MARGIN + 0.6 * cm)
        canvas.setFont(regular, 8)
        canvas.drawString(MARGIN, MARGIN, letterhead.footer)
        canvas.drawRightString(page_width - MARGIN, MARGIN, str(doc.page))
        canvas.restoreState()

    story: list = [Paragraph(escape(letter.heading), heading)]
    if letter.dated:
        story.append(Paragraph(escape(letter.dated), small))
    story.append(Spacer(1, 0.6 * cm))
    story += _paragraphs(letter.text, body)
    for number, content in enumerate(letter.photos, start=1):
        label = letterhead.photo_label % {"number": number, "count": len(letter.photos)}
        story.append(
            KeepTogether(
                [Spacer(1, 0.4 * cm), _photo(content, width=frame_width), Paragraph(escape(label), caption)]
            )
        )

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + LETTERHEAD_HEIGHT,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
        invariant=True,  # no time stamps or random ids: the same letter prints to the same bytes
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return _without_metadata(out.getvalue())


def _without_metadata(pdf: bytes) -> bytes:
    """The PDF with its document information dictionary (author, creator, producer, dates) removed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def printable_letter(*, letter: Letter) -> PrintableLetter:
    """What prints of an approved letter: its redacted version and released photos, never its original.

    Raises RedactedVersion.DoesNotExist for a letter that was never approved.
    """
    redacted = letter.redacted
    photos = []
    for attachment in redacted.attachments.order_by("created_at", "pk"):
        with attachment.file.open("rb") as handle:
            photos.append(handle.read())
    heading = (
        _("A letter from your donor")
        if letter.direction == Letter.Direction.DONOR_TO_PATIENT
        else _("A letter from your recipient")
    )
    sent = letter.forwarded_at or redacted.approved_at
    return PrintableLetter(
        reference=letter.reference,
        letter_id=str(letter.public_id),
        heading=heading,
        dated=_("Sent on %(date)s") % {"date": date_format(sent, "j F Y")} if sent else "",
        text=redacted.text,
        photos=photos,
    )


def letter_print(*, letter: Letter) -> bytes:
    """Return the approved letter as a PDF on the registry's letterhead (settings.REGISTRY_NAME, _ADDRESS)."""
    printable = printable_letter(letter=letter)
    letterhead = Letterhead(
        name=settings.REGISTRY_NAME,
        address=settings.REGISTRY_ADDRESS,
        footer=_(
            "Forwarded anonymously by %(registry)s. Please quote reference %(reference)s about this letter."
        )
        % {"registry": settings.REGISTRY_NAME, "reference": printable.reference},
        reference_label=_("Reference"),
        photo_label=_("Photo %(number)d of %(count)d"),
    )
    return letter_pdf(printable, letterhead=letterhead)


def letter_pdf_response(pdf: bytes, *, letter: Letter) -> HttpResponse:
    """The PDF as a download named by the letter's reference (never by anyone's name)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{letter.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
