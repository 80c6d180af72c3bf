"""Reading letters that came on paper or by e-mail: scans and photos (OCR), PDFs, and .eml messages.

Everything runs offline on this machine. OCR is Debian's tesseract-ocr (through pytesseract): on
generated scans it was both faster and more accurate than the wheel-shipped RapidOCR models, it keeps
the spaces between words, and Debian packages its models for the European languages letters are
written in (see the README's benchmark). PDFs are read from their text layer when they have one
(pypdf), and rendered with pypdfium2 (no poppler) and read by OCR when they do not.

Nothing here touches the database: it takes bytes and returns text, page images and photos.
"""

import email
import email.policy
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from functools import cache
from html.parser import HTMLParser

from django.conf import settings
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

# Below this many letters and digits a PDF page's text layer counts as empty (a scan with a stray
# header line, say), and the page is read by OCR instead.
TEXT_LAYER_MIN_CHARS = 20
# Scans are shown to caseworkers and cropped at this size at most (long side, pixels).
PAGE_MAX_SIDE = 2400
PDF_RENDER_DPI = 200
# OCR reads best at about 30 pixels per line of text; small images are enlarged up to this long side.
OCR_MIN_SIDE = 2000
OCR_MAX_SCALE = 3


class ReadingError(Exception):
    """The file could not be read (damaged, encrypted, too large, or of another kind)."""


class OcrUnavailable(ReadingError):
    """tesseract is not installed on this machine."""


@dataclass(frozen=True)
class Page:
    """One page as the caseworker sees it: an upright JPEG without metadata, and the text read from it."""

    image: bytes
    width: int
    height: int
    text: str
    text_source: str  # "ocr" or "text layer"


@dataclass(frozen=True)
class Photo:
    content: bytes
    filename: str


@dataclass(frozen=True)
class Email:
    """An e-mail's letter text; the sender is kept for screening in the office, never put in the text."""

    text: str
    sender_name: str
    sender_address: str
    photos: list[Photo] = field(default_factory=list)
    skipped_attachments: int = 0


# --- OCR ---------------------------------------------------------------------------------------


@cache
def ocr_languages() -> tuple[str, ...]:
    """The installed tesseract languages (e.g. "eng", "deu"), without the orientation model; () if none."""
    import pytesseract

    try:
        return tuple(sorted(lang for lang in pytesseract.get_languages(config="") if lang != "osd"))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return ()


def _upright(image: Image.Image) -> Image.Image:
    """Turn a page photographed sideways or upside down upright, when tesseract can tell (else as it is)."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=30)
    except (pytesseract.TesseractError, RuntimeError):
        return image  # too little text to tell, or no orientation model: leave it
    if osd.get("rotate") and osd.get("orientation_conf", 0) >= 1.5:
        return image.rotate(-int(osd["rotate"]), expand=True, fillcolor=255)
    return image


# Skew is looked for within this many degrees either way (tesseract copes with about 3 on its own).
SKEW_LIMIT = 12
SKEW_STEP = 0.5


def skew_angle(grey: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the text lines, from a projection profile.

    Rows of ink sum to sharp peaks and troughs only when the lines run level, so the angle at which the
    row sums vary most is the one that levels them. Worked out on a small copy, so it is cheap.
    """
    import numpy as np

    small = grey.copy()
    small.thumbnail((800, 800))
    ink = small.point(lambda value: 255 if value < 128 else 0)
    best, best_score = 0.0, -1.0
    steps = int(SKEW_LIMIT / SKEW_STEP)
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP
        rows = np.asarray(ink.rotate(angle, expand=True, fillcolor=0), dtype=np.float32).sum(axis=1)
        score = float(np.var(np.diff(rows)))
        if score > best_score:
            best, best_score = angle, score
    return best


def prepare_for_ocr(image: Image.Image) -> Image.Image:
    """Grey, levelled when turned a little, without salt-and-pepper specks, enlarged when small."""
    grey = ImageOps.exif_transpose(image).convert("L")
    angle = skew_angle(grey)
    if abs(angle) >= 1:
        grey = grey.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    # Specks go before enlarging (once enlarged they are blobs a 3-pixel median no longer removes);
    # a clean page is enlarged first, since a median at its size would thin small letters.
    specks = speckled(grey)
    if specks:
        grey = grey.filter(ImageFilter.MedianFilter(3))
    long_side = max(grey.size)
    if long_side < OCR_MIN_SIDE:
        scale = min(OCR_MAX_SCALE, OCR_MIN_SIDE / long_side)
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    return grey if specks else grey.filter(ImageFilter.MedianFilter(3))


# Isolated dark pixels (no dark neighbour) per pixel above which a page counts as speckled: a clean
# scan has next to none, since ink comes in strokes.
SPECKLED_ABOVE = 0.001


def speckled(grey: Image.Image) -> bool:
    """Whether the page is strewn with single dark pixels (scanner dust, a noisy photo)."""
    import numpy as np

    dark = np.asarray(grey) < 128
    padded = np.pad(dark, 1)
    height, width = dark.shape
    neighbours = sum(
        padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        if dy or dx
    )
    return float((dark & (neighbours == 0)).mean()) > SPECKLED_ABOVE


def _read(image: Image.Image, *, language: str) -> tuple[str, float]:
    """One tesseract pass: the text (lines and paragraphs kept) and the words' mean confidence (0-100)."""
    import pytesseract

    data = pytesseract.image_to_data(
        image,
        lang=language,
        config="--psm 3",
        output_type=pytesseract.Output.DICT,
        timeout=settings.OCR_TIMEOUT_SECONDS,
    )
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    confidences = []
    for word, conf, block, paragraph, line in zip(
        data["text"], data["conf"], data["block_num"], data["par_num"], data["line_num"], strict=True
    ):
        if word.strip():
            paragraphs.setdefault((block, paragraph), {}).setdefault(line, []).append(word)
            confidences.append(float(conf))
    text = "\n\n".join(
        "\n".join(" ".join(words) for words in lines.values()) for lines in paragraphs.values()
    )
    return text, (sum(confidences) / len(confidences) if confidences else 0.0)


# Below this mean word confidence the page may be sideways or upside down: orientation is checked
# (it costs another pass, so only then).
UNSURE_CONFIDENCE = 60


def ocr_image(image: Image.Image, *, language: str = "eng") -> str:
    """Return the text tesseract reads in the image, its lines and paragraphs kept.

    A page read with low confidence is checked for orientation and read again turned upright, if
    tesseract finds it turned; the better reading is kept.
    """
    import pytesseract

    try:
        prepared = prepare_for_ocr(image)
        text, confidence = _read(prepared, language=language)
        if confidence < UNSURE_CONFIDENCE:
            upright = _upright(prepared)
            if upright is not prepared:
                turned, turned_confidence = _read(upright, language=language)
                if turned_confidence > confidence:
                    text = turned
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable("tesseract is not installed") from exc
    except (pytesseract.TesseractError, RuntimeError) as exc:  # RuntimeError: the timeout
        raise ReadingError(str(exc)) from exc
    return tidy(text)


def tidy(text: str) -> str:
    """Normalise line ends and blank lines, trim trailing spaces; form feeds between pages go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    # tesseract often reads a lone capital I as a bar; a bar standing alone between words never is one.
    text = re.sub(r"(?<=\s)\|(?=\s)", "I", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- images and PDFs ---------------------------------------------------------------------------


def open_image(content: bytes) -> Image.Image:
    """Decode a JPEG or PNG, refusing decompression bombs; upright, its EXIF orientation applied."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            if image.format not in ("JPEG", "PNG"):
                raise ReadingError("not a JPEG or PNG image")
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise ReadingError("too many pixels")
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ReadingError("not a readable image") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReadingError("a damaged image") from exc
    return ImageOps.exif_transpose(image)


def page_image(image: Image.Image) -> tuple[bytes, int, int]:
    """The page as a fresh JPEG (no metadata survives), at most PAGE_MAX_SIDE pixels long."""
    picture = image.convert("RGB")
    picture.thumbnail((PAGE_MAX_SIDE, PAGE_MAX_SIDE), Image.Resampling.LANCZOS)
    fresh = Image.frombytes("RGB", picture.size, picture.tobytes())
    out = io.BytesIO()
    fresh.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue(), fresh.width, fresh.height


def read_image(content: bytes, *, language: str) -> Page:
    """Read a scanned or photographed page (JPEG or PNG)."""
    image = open_image(content)
    jpeg, width, height = page_image(image)
    return Page(jpeg, width, height, ocr_image(image, language=language), "ocr")


def read_pdf(content: bytes, *, language: str) -> Iterator[Page]:
    """Read a PDF page by page: its text layer where it has one, OCR of the rendered page otherwise."""
    import pypdfium2
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ReadingError("the PDF is encrypted")
        layers = [page.extract_text() or "" for page in reader.pages]
        document = pypdfium2.PdfDocument(content)
    except (PdfReadError, pypdfium2.PdfiumError, ValueError, KeyError, TypeError) as exc:
        raise ReadingError("a damaged PDF") from exc
    if len(document) > settings.INTAKE_MAX_PAGES:
        raise ReadingError(f"more than {settings.INTAKE_MAX_PAGES} pages")
    try:
        for number, layer in enumerate(layers):
            rendered = document[number].render(scale=PDF_RENDER_DPI / 72).to_pil()
            jpeg, width, height = page_image(rendered)
            if sum(ch.isalnum() for ch in layer) >= TEXT_LAYER_MIN_CHARS:
                yield Page(jpeg, width, height, tidy(layer), "text layer")
            else:
                yield Page(jpeg, width, height, ocr_image(rendered, language=language), "ocr")
    finally:
        document.close()


# --- e-mail ------------------------------------------------------------------------------------


class _TextFromHtml(HTMLParser):
    """Visible text of an HTML mail part: scripts, styles and the head dropped, blocks on their own lines.

    Only text is taken; tags, attributes, links and images never reach the letter.
    """

    SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
    BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("p", "div", "li", "tr", "blockquote") or tag.startswith("h"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """Return the text a reader would see in the HTML, markup and scripts gone."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return tidy("\n".join(lines))


def without_signature(text: str) -> str:
    """Cut the signature block that follows the standard "-- " line (contact details, usually)."""
    return re.split(r"(?m)^-- ?$", text, maxsplit=1)[0].rstrip()


def read_email(content: bytes) -> Email:
    """Read an e-mail (.eml): the text/plain body (else the HTML's text), its image attachments as photos.

    Headers (sender, recipients, subject) are not part of the letter; the sender is returned apart,
    for screening only.
    """
    try:
        message = email.message_from_bytes(content, policy=email.policy.default)
    except (ValueError, TypeError, IndexError) as exc:
        raise ReadingError("not an e-mail") from exc
    if not isinstance(message, EmailMessage) or not (message["From"] or message.get_content_type()):
        raise ReadingError("not an e-mail")
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            payload = body.get_content()
        except (LookupError, ValueError, AssertionError) as exc:
            raise ReadingError("the e-mail's text could not be decoded") from exc
        text = html_to_text(payload) if body.get_content_type() == "text/html" else tidy(payload)
    photos, skipped = [], 0
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind in ("image/jpeg", "image/png"):
            data = part.get_payload(decode=True) or b""
            photos.append(Photo(data, f"photo-{len(photos) + 1}.{'jpg' if kind == 'image/jpeg' else 'png'}"))
        elif part.get_content_disposition() == "attachment" or not kind.startswith(("text/", "multipart/")):
            skipped += 1
    name, address = parseaddr(str(message["From"] or ""))
    return Email(
        text=without_signature(text),
        sender_name=name.strip(),
        sender_address=address.strip(),
        photos=photos,
        skipped_attachments=skipped,
    )


def kind_of(content: bytes, filename: str = "") -> str:
    """Tell an upload's kind by its content: "pdf", "jpeg", "png" or "eml"; "" when none of them."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    head = content[:4096].decode("utf-8", "replace")
    if filename.lower().endswith(".eml") or re.search(
        r"(?mi)^(from|received|message-id|mime-version):", head
    ):
        return "eml"
    return ""
