"""Load the clinic API: 50 concurrent clients page through 1,000 forwarded letters of one centre.

    createdb -h 127.0.0.1 -U postgres gobetween_api_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gobetween_api_bench \\
        .venv/bin/python bench/api_load.py [--driver wrk|threads] [--clients 50] [--workers 4]

Migrates the database and seeds it once (one centre, its letters forwarded with their redacted
versions, bulk inserts, then ANALYZE), issues one API key per client, starts gunicorn on 127.0.0.1
only (no DEBUG, Redis for the per-key throttle and the page cache) and loads it. Every page read
writes its audit rows, as in production. Prints p50/p95/p99/max per page, the throughput and the
errors, then stops gunicorn. Requests go to 127.0.0.1 only; the run is bounded by --timeout.
Target: p95 < 150 ms.

`--driver wrk` (the default, Debian's `wrk` package): the cursor pages are read once, then wrk
keeps `--clients` connections busy for `--duration` seconds, each request the next page in turn
with the next client's key; any status but 200 or a socket error is an error.
`--driver threads`: one Python thread per client, each following `next` through all the letters,
`--rounds` times, back to back or with `--think` seconds (0.5 to 1.5 times, at random) between
pages; a client that did not see every letter is an error too. The threads' own GIL contention
adds to the latencies they measure.
`--no-page-cache` sets CLINIC_API_PAGE_CACHE_SECONDS=0: every page is built from the database.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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
    from django.db import connection
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
        with connection.cursor() as cursor:  # fresh statistics for the planner after bulk inserts
            cursor.execute("ANALYZE")
    CentreAPIKey.objects.filter(centre=centre, name="load test").update(revoked=True)
    return [centre_api_key_issue(centre=centre, name="load test")[1] for _ in range(clients)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(*, port: int, workers: int, threads: int, page_cache: bool) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "LOG_LEVEL": "WARNING",
        **({} if page_cache else {"CLINIC_API_PAGE_CACHE_SECONDS": "0"}),
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


def page_paths(*, port: int, key: str, page_size: int) -> list[str]:
    """The paths of every cursor page, in order, read once with `key`."""
    paths, path = [], f"/api/v1/letters/?page_size={page_size}"
    while path:
        paths.append(path)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Authorization": f"Api-Key {key}"})
        page = json.loads(connection.getresponse().read())
        connection.close()
        parts = urlsplit(page["next"]) if page["next"] else None
        path = f"{parts.path}?{parts.query}" if parts else None
    return paths


WRK_SCRIPT = """
paths = {%(paths)s}
keys = {%(keys)s}
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local key = keys[(math.floor(counter / #paths) %% #keys) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Api-Key " .. key, ["Accept"] = "application/json"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%.3f %%.1f %%.1f %%.1f %%.1f %%d %%d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(*, port: int, keys: list[str], args: argparse.Namespace) -> bool:
    """Drive the load with wrk; print its figures; True when there was no error."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --driver threads.")
    paths = page_paths(port=port, key=keys[0], page_size=args.page_size)
    script = WRK_SCRIPT % {
        "paths": ", ".join(json.dumps(p) for p in paths),
        "keys": ", ".join(json.dumps(k) for k in keys),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        command = [
            "wrk",
            "-t2",
            f"-c{args.clients}",
            f"-d{args.duration}s",
            "--timeout",
            "10s",
            "-s",
            lua.name,
        ]
        output = subprocess.run(
            [*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=args.timeout
        ).stdout
    match = re.search(r"^RESULT (.+)$", output, re.MULTILINE)
    if not match:
        raise SystemExit(f"wrk gave no result:\n{output}")
    requests, seconds, p50, p95, p99, top, bad_status, socket_errors = match.group(1).split()
    print(
        f"wrk: {args.clients} connections for {args.duration} s over the {len(paths)} pages of "
        f"{args.letters} letters (pages of {args.page_size}); gunicorn {args.workers} workers x "
        f"{args.threads} threads, {os.cpu_count()} CPUs; page cache {'on' if args.page_cache else 'off'}"
    )
    print(f"pages: {requests} in {float(seconds):.1f} s ({int(requests) / float(seconds):.0f} pages/s)")
    print(f"per page: p50 {p50} ms, p95 {p95} ms, p99 {p99} ms, max {top} ms")
    print(f"errors: {bad_status} not 200, {socket_errors} socket errors")
    return bad_status == "0" and socket_errors == "0"


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
    parser.add_argument("--driver", choices=["threads", "wrk"], default="wrk")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load (wrk)")
    parser.add_argument(
        "--no-page-cache", dest="page_cache", action="store_false", help="build every page from the database"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")

    keys = seed(letters=args.letters, clients=args.clients)
    port = free_port()
    server = start_gunicorn(port=port, workers=args.workers, threads=args.threads, page_cache=args.page_cache)
    try:
        warm_up(port=port, key=keys[0], requests=4 * args.workers)
        if args.driver == "wrk":
            sys.exit(0 if run_wrk(port=port, keys=keys, args=args) else 1)
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
