"""Image bombs posted to the running app: refused or scaled down, the web worker's memory bounded."""

import io
import json
import uuid

import pytest
from PIL import Image

from clinics.services import centre_api_key_issue
from tests.factories import DonationFactory, PatientFactory, TransplantCentreFactory
from tests.resilience.browser import Browser
from tests.resilience.procs import WebServer, needs_postgres

pytestmark = [needs_postgres, pytest.mark.resilience]


def multipart(fields: dict[str, str], photo: tuple[str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    name, content = photo
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def encoded(fmt: str, mode: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color=1 if mode == "1" else (90, 120, 200)).save(out, format=fmt)
    return out.getvalue()


def test_it_refuses_the_png_bomb_and_scales_a_40_megapixel_jpeg_within_150_mb(transactional_db):
    centre = TransplantCentreFactory()
    donation = DonationFactory(patient=PatientFactory(centre=centre))
    _, key = centre_api_key_issue(centre=centre, name="resilience")
    # A broker nobody listens on: the accepted reply's screening is not run in the web worker.
    server = WebServer(REDIS_URL="redis://127.0.0.1:1/0")
    try:
        api = Browser(server.url(""), Authorization=f"Api-Key {key}")
        assert api.request("/api/v1/letters/")[0] == 200  # warm: the worker has loaded the API
        before = server.peak_memory_mb()

        def reply(photo: tuple[str, bytes]) -> tuple[int, dict]:
            body, content_type = multipart(
                {"donation_id": str(donation.public_id), "text": "Thank you, with all my heart."}, photo
            )
            status, answer = api.request(
                "/api/v1/replies/",
                body,
                **{"Content-Type": content_type, "Idempotency-Key": str(uuid.uuid4())},
            )
            return status, json.loads(answer)

        bomb = encoded("PNG", "1", (6300, 6300))
        assert len(bomb) < 200_000
        status, answer = reply(("bomb.png", bomb))
        assert status == 400 and "too many pixels" in json.dumps(answer)
        status, answer = reply(("large.jpg", encoded("JPEG", "RGB", (6300, 6300))))
        assert status == 201, answer
        grown = server.peak_memory_mb() - before
        assert grown < 150, f"the web worker grew by {grown} MB"
        print(f"the web worker's peak memory grew by {grown} MB")
    finally:
        output = server.stop()
    print(output[-3000:])
