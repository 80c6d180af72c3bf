"""Time the caseworker's review queue with 10,000 letters in review, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres gobetween_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gobetween_bench .venv/bin/python bench/queue_bench.py

Migrates the database, seeds it once (10,000 letters with flags, bulk inserts), then renders the
queue's first page, a filtered page and a search through Django's test client, printing the
median and p95 time and the number of SQL queries of each. Target: under 300 ms.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

LETTERS = int(os.environ.get("BENCH_LETTERS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
settings.ALLOWED_HOSTS = ["*"]


def seed() -> None:
    from django.contrib.auth.models import Group, User

    from clinics.models import Patient, TransplantCentre
    from correspondence.models import Flag, Letter
    from correspondence.roles import CASEWORKERS
    from donors.models import Donation, Donor

    if Letter.objects.filter(status=Letter.Status.IN_REVIEW).count() >= LETTERS:
        return
    print(f"seeding {LETTERS} letters in review ...", flush=True)
    centres = [
        TransplantCentre.objects.get_or_create(
            code=f"BENCH{c}", defaults={"name": f"Centre {c}", "country": c}
        )[0]
        for c in ("US", "DE", "GB", "PL")
    ]
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(username=f"bench-donor-{i}") for i in range(LETTERS // 10)], ignore_conflicts=True
    )
    users = list(User.objects.filter(username__startswith="bench-donor-").order_by("pk"))
    donors = Donor.objects.bulk_create(
        [
            Donor(
                user=user,
                donor_number=f"B{i:07d}",
                registry_country=("DE", "US", "GB")[i % 3],
                date_of_birth="1985-01-01",
                email=f"b{i}@example.org",
                given_names="Bench",
                family_name=f"Donor{i}",
            )
            for i, user in enumerate(users)
        ]
    )
    patients = Patient.objects.bulk_create(
        [Patient(centre=centres[i % 4], reference=f"BP{i:06d}") for i in range(len(donors))]
    )
    donations = Donation.objects.bulk_create(
        [
            Donation(donor=d, patient=p, reference=f"BENCH-{i:06d}", first_transplant_date="2026-01-10")
            for i, (d, p) in enumerate(zip(donors, patients, strict=True))
        ]
    )
    body = "Dear friend, my sister Philippa and I walked by the river in Leeds on 3 May. " * 4
    letters = Letter.objects.bulk_create(
        [
            Letter(
                donation=donations[i % len(donations)],
                body=body,
                status=Letter.Status.IN_REVIEW,
                submitted_at=now,
                policy_action="forward",
            )
            for i in range(LETTERS)
        ],
        batch_size=1000,
    )
    Flag.objects.bulk_create(
        [
            Flag(letter=letter, start=start, end=end, label=label, source="ner")
            for letter in letters
            for start, end, label in ((23, 31, "NAME"), (62, 67, "LOCATION"), (71, 76, "DATE"))
        ],
        batch_size=5000,
    )
    user, _ = User.objects.get_or_create(username="bench-caseworker", defaults={"is_staff": True})
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client: Client, url: str) -> tuple[float, float, int]:
    client.get(url)  # warm up
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries.captured_queries)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run with DATABASE_URL pointing at PostgreSQL.")
    call_command("migrate", verbosity=0)
    seed()
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-caseworker"))
    base = "/admin/correspondence/letter/"
    print(f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, url in (
        ("queue, first page", base + "?status__exact=in_review"),
        ("queue, page 50", base + "?status__exact=in_review&p=50"),
        ("queue, English required, has photos: no", base + "?status__exact=in_review&english=yes&photos=no"),
        ("search by donor number", base + "?status__exact=in_review&q=B0000042"),
    ):
        median, p95, queries = measure(client, url)
        print(f"{name:<44} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
