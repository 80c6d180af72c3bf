"""Character accuracy (1 - CER) of the OCR that reads letters on paper, on generated scans.

    .venv/bin/python bench/ocr_bench.py [--quick] [--language eng]

Draws an invented letter with Pillow (bench/scans.py) in several fonts and sizes, turned, speckled,
blurred and JPEG-compressed, reads each image with the app's own `correspondence.reading.ocr_image`
(tesseract, with the same clean-up), and prints per case the accuracy (1 - edit distance / length,
over the texts with white space runs made one space) and the seconds taken, then the mean per group.
Needs Debian's tesseract-ocr; fonts from fonts-dejavu-core and fonts-liberation when installed.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from PIL import Image  # noqa: E402

from bench.scans import accuracy, render_scan  # noqa: E402
from correspondence.reading import ocr_image  # noqa: E402

LETTER = """Dear recipient,
I have thought of you often since the day of the donation.
The nurses told me only that you are a woman of about forty,
so I imagine you reading this on a quiet morning with a cup of tea.
Our autumn has been mild: we picked apples, walked the dog by the
river and planted bulbs for the spring. I hope the worst is behind
you and that every week brings a little more strength.
If you would like to write back, I would be very happy to hear
how you are doing. Whatever you decide, I wish you well.
With warm wishes from your donor"""

# (group, label, keyword arguments of render_scan, JPEG quality or None)
FONTS = ["DejaVuSans.ttf", "DejaVuSerif.ttf", "LiberationSerif-Italic.ttf", "LiberationMono-Regular.ttf"]
CASES = (
    [
        ("fonts and sizes", f"{name} {size}px", {"font_name": name, "size": size}, None)
        for name in FONTS
        for size in (22, 40)
    ]
    + [
        ("turned", f"{name} {angle}°", {"font_name": name, "size": 32, "angle": angle}, None)
        for name in FONTS[:2]
        for angle in (3, -6, 90, 180)
    ]
    + [
        ("speckled", f"{name} {size}px {noise:.0%}", {"font_name": name, "size": size, "noise": noise}, None)
        for name in FONTS[:2]
        for size in (22, 40)
        for noise in (0.02, 0.05)
    ]
    + [
        ("phone photo", f"{name} blur 1.2 + JPEG q40", {"font_name": name, "size": 32, "blur": 1.2}, 40)
        for name in FONTS[:2]
    ]
)


def jpeg(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one case per group")
    parser.add_argument("--language", default="eng")
    args = parser.parse_args()
    cases = CASES
    if args.quick:
        seen: set[str] = set()
        cases = [c for c in CASES if not (c[0] in seen or seen.add(c[0]))]
    results: dict[str, list[float]] = {}
    seconds: list[float] = []
    print("| group | case | 1 - CER | seconds |\n| --- | --- | --- | --- |")
    for group, label, kwargs, quality in cases:
        image = render_scan(LETTER, **kwargs)
        if quality:
            image = jpeg(image, quality)
        start = time.perf_counter()
        text = ocr_image(image, language=args.language)
        took = time.perf_counter() - start
        score = accuracy(text, LETTER)
        results.setdefault(group, []).append(score)
        seconds.append(took)
        print(f"| {group} | {label} | {score:.3f} | {took:.1f} |", flush=True)
    print()
    for group, scores in results.items():
        print(f"{group}: mean {statistics.mean(scores):.3f}, worst {min(scores):.3f} ({len(scores)} scans)")
    every = [s for scores in results.values() for s in scores]
    print(
        f"all: mean {statistics.mean(every):.3f} over {len(every)} scans; "
        f"{statistics.median(seconds):.1f} s median a scan"
    )


if __name__ == "__main__":
    main()
