"""Photos are refused or scaled down by their pixel count before they are decoded in full."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from correspondence.photos import photo_clean
from tests.factories import image_bytes

ROOT = Path(__file__).resolve().parents[2]


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_it_refuses_a_png_too_big_to_decode_without_decoding_it(monkeypatch):
    """A 154 KB PNG of 6300 x 6300 pixels (under the header cap) would take ~500 MB to decode."""
    bomb = image_bytes("PNG", size=(6300, 6300), mode="1")

    def no_decoding(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError) as refused:
        photo_clean(upload(bomb, "bomb.png"))
    assert refused.value.code == "photo_too_many_pixels"


def test_it_decodes_a_large_jpeg_at_a_reduced_scale_and_keeps_it_at_most_2048_pixels_wide():
    photo = photo_clean(upload(image_bytes("JPEG", size=(6400, 4800)), "large.jpg"))
    assert (photo.width, photo.height) == (2048, 1536)
    assert Image.open(io.BytesIO(photo.content)).size == (2048, 1536)


def test_it_keeps_a_small_photo_at_its_size():
    photo = photo_clean(upload(image_bytes("PNG", size=(640, 480)), "small.png"))
    assert (photo.width, photo.height) == (640, 480)


MEASURE = """
import resource, sys, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from correspondence.photos import photo_clean
content = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    photo_clean(SimpleUploadedFile("photo", content))
except Exception as exc:
    print(type(exc).__name__, file=sys.stderr)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.parametrize(
    ("fmt", "mode", "size"),
    [
        pytest.param("JPEG", "RGB", (6300, 6300), id="jpeg-40-megapixels"),
        pytest.param("PNG", "RGB", (6300, 6300), id="png-40-megapixels-refused"),
        pytest.param("PNG", "RGB", (4000, 4000), id="png-16-megapixels"),
        pytest.param("PNG", "RGBA", (2800, 2800), id="png-8-megapixels-with-transparency"),
    ],
)
def test_it_cleans_the_largest_photos_within_130_mb(tmp_path, fmt, mode, size):
    """Measured in a fresh process: its peak resident memory grows by under 130 MB (the old way: 600)."""
    path = tmp_path / "photo"
    Image.new(mode, size, color=(90, 120, 200)).save(path, format=fmt)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) < 130, result.stdout + result.stderr
