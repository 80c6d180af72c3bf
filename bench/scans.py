"""Generated scans with known text, for the OCR tests and bench/ocr_bench.py: a page of text drawn with
Pillow in a given font and size, then turned, blurred and speckled like a scan or a phone photo."""

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A TrueType font by file name (Debian's DejaVu or Liberation); Pillow's own font if it is missing."""
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def render_scan(
    text: str,
    *,
    font_name: str = "DejaVuSans.ttf",
    size: int = 28,
    angle: float = 0,
    noise: float = 0,
    blur: float = 0,
    seed: int = 1,
) -> Image.Image:
    """Draw the text (one line per line) dark grey on white paper, then turn it by `angle` degrees,
    blur it and flip `noise` (a fraction) of its pixels to black or white."""
    face = font(font_name, size)
    lines = text.split("\n")
    margin, leading = size * 2, round(size * 1.5)
    width = max(round(face.getlength(line)) for line in lines) + 2 * margin
    height = leading * len(lines) + 2 * margin
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * leading), line, font=face, fill=25)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=250, resample=Image.Resampling.BICUBIC)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        for _ in range(int(image.width * image.height * noise)):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
    return image


def encoded(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.convert("RGB" if fmt == "JPEG" else image.mode).save(out, format=fmt)
    return out.getvalue()


def levenshtein(a: str, b: str) -> int:
    """Edits (insertions, deletions, substitutions) turning a into b."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def accuracy(read: str, truth: str) -> float:
    """Character accuracy, 1 - CER, over the texts with runs of white space made one space (floor 0)."""
    read, truth = " ".join(read.split()), " ".join(truth.split())
    return max(0.0, 1 - levenshtein(read, truth) / max(1, len(truth)))
