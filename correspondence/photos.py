"""Photo uploads: checked by content, decompression bombs refused, metadata stripped."""

import hashlib
import io
import math
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    width: int
    height: int
    sha256: str


def _refuse_pixels(name: str, *, limit: int) -> ValidationError:
    return ValidationError(
        _("%(name)s has too many pixels (at most %(limit)d megapixels).")
        % {"name": name, "limit": limit // 1_000_000},
        code="photo_too_many_pixels",
    )


def photo_clean(upload: UploadedFile) -> CleanPhoto:
    """Return the photo re-drawn into a fresh image: no EXIF, GPS, comments or other metadata.

    A plain re-save keeps some metadata (the JPEG comment among it), so the pixels are copied into
    a new image instead. Memory stays bounded whatever the file claims: its pixel count is checked
    from the header before anything is decoded (PHOTO_MAX_PIXELS); a JPEG is decoded at 1/2, 1/4 or
    1/8 scale when that still covers PHOTO_MAX_SIDE (Image.draft), and what would be decoded must
    fit PHOTO_MAX_DECODED_PIXELS (half that with transparency; a PNG cannot be decoded smaller);
    the photo is decoded once and scaled down to PHOTO_MAX_SIDE before any copy is made. Measured
    (tests/correspondence/test_photos.py): at most about 110 MB for the largest photo allowed.
    """
    name = getattr(upload, "name", "photo")
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)d MB.")
            % {"name": name, "limit": settings.PHOTO_MAX_BYTES // 2**20},
            code="photo_too_large",
        )
    side = settings.PHOTO_MAX_SIDE
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only
            kind = image.format
            if kind not in FORMATS:
                raise ValidationError(
                    _("%(name)s is not a JPEG or PNG photo.") % {"name": name}, code="photo_type"
                )
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise _refuse_pixels(name, limit=settings.PHOTO_MAX_PIXELS)
            if kind == "JPEG":
                scale = min(1.0, side / max(image.size))
                image.draft(image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
            # Scaling a picture with transparency works on a second, premultiplied copy of it.
            decodable = settings.PHOTO_MAX_DECODED_PIXELS // (2 if image.mode in ("RGBA", "LA", "PA") else 1)
            if image.width * image.height > decodable:
                raise _refuse_pixels(name, limit=decodable)
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        code = "photo_too_many_pixels" if "decompression" in type(exc).__name__.lower() else "photo_type"
        message = (
            _("%(name)s has too many pixels.")
            if code == "photo_too_many_pixels"
            else _("%(name)s is not a JPEG or PNG photo.")
        )
        raise ValidationError(message % {"name": name}, code=code) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("%(name)s could not be read as a photo; it may be damaged.") % {"name": name},
            code="photo_damaged",
        ) from exc

    # Smaller first (in place: the decoded pixels are let go), then upright: the orientation lives
    # in the EXIF data about to be dropped.
    image.thumbnail((side, side))
    image = ImageOps.exif_transpose(image)
    if kind == "JPEG":
        mode = "L" if image.mode in ("L", "1") else "RGB"
    else:
        mode = image.mode if image.mode in ("1", "L", "LA", "RGB", "RGBA") else "RGBA"
    if image.mode != mode:
        image = image.convert(mode)
    fresh = Image.new(mode, image.size)
    fresh.paste(image)
    del image
    out = io.BytesIO()
    if kind == "JPEG":
        fresh.save(out, format="JPEG", quality=90, optimize=True)
    else:
        fresh.save(out, format="PNG", optimize=True)
    content = out.getvalue()
    return CleanPhoto(
        content=content,
        content_type=FORMATS[kind],
        width=fresh.width,
        height=fresh.height,
        sha256=hashlib.sha256(content).hexdigest(),
    )
