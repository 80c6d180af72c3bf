"""Load the clinic API: 50 concurrent clients page through 1,000 forwarded letters of one centre.

    createdb -h 127.0.0.1 -U postgres gobetween_api_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gobetween_api_bench \\
        .venv/bin/python bench/api_load.py [--clients 50] [--letters 1000] [--workers 4] [--rounds 2]

Migrates the database and seeds it once (one centre, its letters forwarded with their redacted
versions, bulk inserts), issues one API key per client, starts gunicorn on 127.0.0.1 only (no
DEBUG, Redis for the per-key throttle), then starts every client at once: each pages through all
the letters with `GET /api/v1/letters/` (cursor pages of 50, following `next`), `--rounds` times,
back to back, or with `--think` seconds (0.5 to 1.5 times, at random) between pages.
Every page read writes its audit rows, as in production. Prints p50/p95/p99/max per page, the
throughput and the errors (any status but 200, or a client that did not see every letter), then
stops gunicorn. Requests go to 127.0.0.1 only; the run is bounded by --timeout. Target: p95 < 150 ms.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CENTRE = "BENCH-API"


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def seed(*, letters: int, clients: int) -> list[str]:
    """Create the centre and its forwarded letters once; return a new API key per client."""
    _django()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.utils import timezone

    from clinics.models import CentreAPIKey, Patient, TransplantCentre
    from clinics.services import centre_api_key_issue
    from correspondence.models import Letter, RedactedVersion
    from donors.models import Donation, Donor

    call_command("migrate", verbosity=0, interactive=False)
    centre, _ = TransplantCentre.objects.get_or_create(
        code=CENTRE, defaults={"name": "Load-test Transplant Centre", "country": "US"}
    )
    have = Letter.objects.filter(donation__patient__centre=centre, status=Letter.Status.FORWARDED).count()
    if have < letters:
        print(f"seeding {letters - have} forwarded letters ...", flush=True)
        caseworker, _ = User.objects.get_or_create(username="bench-api-caseworker")
        count = 100
        users = User.objects.bulk_create(
            [User(username=f"bench-api-donor-{have}-{i}") for i in range(count)], ignore_conflicts=True
        )
        users = list(User.objects.filter(username__startswith=f"bench-api-donor-{have}-").order_by("pk"))
        donors = Donor.objects.bulk_create(
            Donor(
                user=user,
                donor_number=f"BA{have:05d}{i:04d}",
                registry_country="DE",
                date_of_birth="1985-01-01",
                email=f"donor{i}@example.org",
                given_names="Load",
                family_name=f"Test{i}",
            )
            for i, user in enumerate(users)
        )
        patients = Patient.objects.bulk_create(
            Patient(centre=centre, reference=f"BENCH-{have}-{i:04d}") for i in range(count // 2)
        )
        donations = Donation.objects.bulk_create(
            Donation(donor=donor, patient=patients[i % len(patients)], reference=f"BENCH-DON-{have}-{i}")
            for i, donor in enumerate(donors)
        )
        now = timezone.now()
        rows = Letter.objects.bulk_create(
            Letter(
                donation=donations[i % len(donations)],
                body=f"Dear recipient, this is original letter {i} with names in it.",
                status=Letter.Status.FORWARDED,
                submitted_at=now,
                forwarded_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(letters - have)
        )
        RedactedVersion.objects.bulk_create(
            RedactedVersion(
                letter=letter,
                text=f"Dear recipient,\n\nI think of you every day in [PLACE]. Letter {n}.\n\nYour donor",
                approved_by=caseworker,
            )
            for n, letter in enumerate(rows)
        )
    CentreAPIKey.objects.filter(centre=centre, name="load test").update(revoked=True)
    return [centre_api_key_issue(centre=centre, name="load test")[1] for _ in range(clients)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(*, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    """Stop the gunicorn started here (its own process group), and only it."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


class Client(threading.Thread):
    """One centre integration: pages through every letter, `rounds` times, on one keep-alive connection."""

    def __init__(
        self, *, port: int, key: str, rounds: int, page_size: int, think: float, start: threading.Barrier
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.key, self.rounds, self.page_size = port, key, rounds, page_size
        self.think, self.start_barrier = think, start
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.seen: list[int] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Authorization": f"Api-Key {self.key}", "Accept": "application/json"}
        self.start_barrier.wait()
        if self.think:  # spread the clients over one think time instead of firing them in lock step
            time.sleep(random.uniform(0, self.think))
        for _ in range(self.rounds):
            path: str | None = f"/api/v1/letters/?page_size={self.page_size}"
            seen = 0
            while path:
                began = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException) as exc:
                    self.errors.append(type(exc).__name__)
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    break
                self.latencies.append(time.perf_counter() - began)
                if response.status != 200:
                    self.errors.append(f"HTTP {response.status}")
                    break
                page = json.loads(body)
                if self.think:
                    time.sleep(random.uniform(0.5, 1.5) * self.think)
                seen += len(page["results"])
                next_url = page["next"]
                path = None
                if next_url:
                    parts = urlsplit(next_url)
                    assert parts.hostname == "127.0.0.1", "requests go to 127.0.0.1 only"
                    path = f"{parts.path}?{parts.query}"
            self.seen.append(seen)
        connection.close()


def warm_up(*, port: int, key: str, requests: int) -> None:
    """A few unmeasured requests, so that every worker has imported its code and opened its connection."""
    for _ in range(requests):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/v1/letters/?page_size=1", headers={"Authorization": f"Api-Key {key}"})
        connection.getresponse().read()
        connection.close()


def percentile(values: list[float], p: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="times each client pages through all letters")
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds a client waits after each page (0: back to back)"
    )
    parser.add_argument("--timeout", type=float, default=300, help="seconds before the run is abandoned")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")

    keys = seed(letters=args.letters, clients=args.clients)
    port = free_port()
    server = start_gunicorn(port=port, workers=args.workers, threads=args.threads)
    try:
        warm_up(port=port, key=keys[0], requests=4 * args.workers)
        barrier = threading.Barrier(args.clients)
        clients = [
            Client(
                port=port,
                key=key,
                rounds=args.rounds,
                page_size=args.page_size,
                think=args.think,
                start=barrier,
            )
            for key in keys
        ]
        began = time.perf_counter()
        for client in clients:
            client.start()
        deadline = time.monotonic() + args.timeout
        for client in clients:
            client.join(max(0.0, deadline - time.monotonic()))
        elapsed = time.perf_counter() - began
    finally:
        stop(server)

    unfinished = sum(client.is_alive() for client in clients)
    latencies = sorted(ms * 1000 for client in clients for ms in client.latencies)
    errors = [e for client in clients for e in client.errors]
    short = sum(
        1
        for client in clients
        if len(client.seen) < args.rounds or any(n < args.letters for n in client.seen)
    )
    print(
        f"{args.clients} clients x {args.rounds} rounds over {args.letters} letters, "
        f"pages of {args.page_size}, think {args.think:g} s; "
        f"gunicorn {args.workers} workers x {args.threads} threads, {os.cpu_count()} CPUs"
    )
    print(f"pages: {len(latencies)} in {elapsed:.1f} s ({len(latencies) / elapsed:.0f} pages/s)")
    if latencies:
        print(
            f"per page: p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
            f"p99 {percentile(latencies, 99):.1f} ms, max {latencies[-1]:.1f} ms"
        )
    print(f"errors: {len(errors)} {sorted(set(errors))}; clients short: {short}; unfinished: {unfinished}")
    if errors or short or unfinished:
        sys.exit(1)


if __name__ == "__main__":
    main()
