"""Time "Check my letter" on 300-word letters with the models warm, and the first check of a process.

    createdb -h 127.0.0.1 -U postgres gobetween_check_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gobetween_check_bench
    .venv/bin/python bench/check_bench.py

Migrates the database and seeds one donor (German registry, a patient in the United States: the
countries differ, so the English check runs as well). Then, in this process, it loads the models
as a web worker does when it starts (`correspondence.warmup.models_warm`, called by gunicorn's
post_worker_init) and posts BENCH_RUNS different invented letters of 300 words to /letters/check/
through Django's test client: each request's server time, wall clock and CPU, with no network in
between. Last, in fresh processes, the first check after a start with the warm-up (what gunicorn and
the Celery workers do) and without it (what the first check of each process paid before).

Targets, with the models warm: p50 under 50 ms, p95 under 120 ms; no request pays the model load.
This machine is shared: the load average is printed with the figures.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "200"))
FRESH_PROCESSES = int(os.environ.get("BENCH_FRESH", "3"))
WORDS = int(os.environ.get("BENCH_WORDS", "300"))
DONOR_NUMBER = "BENCH-CHECK-1"
settings.ALLOWED_HOSTS = ["*"]

# Invented sentences; {name}, {place} and {date} give the detectors something to find.
SENTENCES = (
    "I have thought about you every day since the doctors told me the transplant went well.",
    "My brother {name} and I planted roses in the garden this spring.",
    "We walked along the river near {place} last Sunday and the weather was lovely.",
    "I work as a teacher and my students sometimes ask how you are.",
    "The summer here was long and warm, and the evenings were full of birdsong.",
    "On {date} my family gathered for a big dinner and we raised a glass to you.",
    "I hope you have people around you who make you laugh.",
    "Donating was easier than I expected, and the nurses were kind and patient.",
    "My dog {name} still wakes me up far too early every morning.",
    "I started learning to play the piano again after many years.",
    "Whatever you are going through, please know that a stranger is cheering for you.",
    "Last month I visited my aunt in {place} and told her about you.",
    "I read a lot of books this year, mostly old detective stories.",
    "My neighbour {name} grows tomatoes and gives them to the whole street.",
    "When I feel tired I think of you, and it gives me strength.",
    "We have had so much rain that the field behind our house became a lake.",
    "I would love to hear what makes you happy, if you ever feel like writing.",
    "I am not good with words, but I wanted you to know that I think of you.",
)
NAMES = ("Maximilian", "Annika", "Jonas", "Greta", "Biscuit", "Theo", "Marlene", "Oskar")
PLACES = ("Hamburg", "Lake Constance", "Freiburg", "the Black Forest", "Munich", "Bremen")
DATES = ("12 May", "3 March", "the 21st of June", "New Year's Eve", "24 December")


def invented_letter(seed: int, words: int = WORDS) -> str:
    """Return an invented letter of about `words` words, different for each seed."""
    rng = random.Random(seed)
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES).format(
            name=rng.choice(NAMES), place=rng.choice(PLACES), date=rng.choice(DATES)
        )
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "Dear friend,\n\n" + "\n\n".join(paragraphs) + "\n\nWarm wishes,\nyour donor"


def seed():
    """The bench donor and donation (made once), and a client signed in as the donor."""
    from django.contrib.auth.models import User

    from clinics.models import Patient, TransplantCentre
    from donors.models import Donation, Donor

    centre, _ = TransplantCentre.objects.get_or_create(
        code="BENCHCHK", defaults={"name": "Bench Transplant Centre", "country": "US"}
    )
    patient, _ = Patient.objects.get_or_create(
        centre=centre, reference="BENCH-P1", defaults={"given_names": "Rosalind", "family_name": "Okafor"}
    )
    user, _ = User.objects.get_or_create(username=f"donor-{DONOR_NUMBER}")
    donor, _ = Donor.objects.get_or_create(
        donor_number=DONOR_NUMBER,
        defaults={
            "user": user,
            "registry_country": "DE",
            "date_of_birth": "1988-04-02",
            "email": "bench@example.org",
            "given_names": "Friedrich",
            "family_name": "Langenbach",
            "city": "Kassel",
        },
    )
    donation, _ = Donation.objects.get_or_create(
        donor=donor,
        patient=patient,
        defaults={"reference": "BENCH-DON-1", "first_transplant_date": "2026-03-01"},
    )
    client = Client()
    client.force_login(user, backend="donors.backends.DonorOneTimeCodeBackend")
    return client, donation


def check(client: Client, donation, text: str) -> tuple[float, float]:
    """Post one check of a letter never seen before; return its wall and CPU time in milliseconds."""
    from correspondence.language import _sentence_language

    # The invented letters share their sentences; a real one shares none with other letters.
    _sentence_language.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.post("/letters/check/", {"donation": donation.pk, "body": text})
    wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200 and b'id="check-result"' in response.content, response.status_code
    return wall, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def first_check(*, warm: bool) -> dict:
    """In this fresh process: start as a worker would (with or without the warm-up), time one check."""
    client, donation = seed()
    started = time.perf_counter()
    if warm:
        from correspondence.warmup import models_warm

        models_warm()
    warm_up = (time.perf_counter() - started) * 1000
    wall, cpu = check(client, donation, invented_letter(10_000))
    return {"warm_up_ms": warm_up, "first_wall_ms": wall, "first_cpu_ms": cpu}


def in_fresh_process(*, warm: bool) -> dict:
    args = [sys.executable, __file__, "--first-warm" if warm else "--first-cold"]
    out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    from django.core.management import call_command

    from correspondence.warmup import models_warm

    call_command("migrate", verbosity=0)
    client, donation = seed()
    letter = invented_letter(0)
    print(f"letters of {len(letter.split())} words, {len(letter)} characters; {RUNS} checks", flush=True)
    started = time.perf_counter()
    models_warm()
    print(f"warm-up (as a worker starts): {(time.perf_counter() - started):.1f} s", flush=True)
    for seed_ in range(5):  # the first requests of a client (session, templates): not the models
        check(client, donation, invented_letter(100_000 + seed_))
    walls, cpus = [], []
    for run in range(RUNS):
        wall, cpu = check(client, donation, invented_letter(run))
        walls.append(wall)
        cpus.append(cpu)
    load = os.getloadavg()
    summary = {"wall": walls, "CPU": cpus}
    for name, values in summary.items():
        print(
            f"server time per check, {name}: p50 {statistics.median(values):.1f} ms,"
            f" p95 {percentile(values, 0.95):.1f} ms, p99 {percentile(values, 0.99):.1f} ms,"
            f" max {max(values):.1f} ms"
        )
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores", flush=True)
    for warm in (True, False):
        firsts = [in_fresh_process(warm=warm) for _ in range(FRESH_PROCESSES)]
        walls = sorted(first["first_wall_ms"] for first in firsts)
        label = "with the warm-up" if warm else "without it"
        print(
            f"first check of a fresh process {label}: median {statistics.median(walls):.0f} ms"
            f" ({', '.join(f'{wall:.0f}' for wall in walls)} ms in {FRESH_PROCESSES} processes)"
            + (
                f"; warm-up at start {statistics.median(f['warm_up_ms'] for f in firsts) / 1000:.1f} s"
                if warm
                else ""
            )
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--first-warm", "--first-cold"):
        print(json.dumps(first_check(warm=sys.argv[1] == "--first-warm")))
    else:
        main()
