"""Measure the redaction pipeline: throughput against bare spaCy, latency of one letter, peak memory."""

import json
import os
import random
import resource
import statistics
import time

from django.core.management.base import BaseCommand, CommandError

import redaction
from redaction.model import BASE_MODEL, nlp

GIVEN = [
    "Maren",
    "Tomasz",
    "Aiyana",
    "Bertrand",
    "Oluwaseun",
    "Priyanka",
    "Lachlan",
    "Ingrid",
    "Mateo",
    "Keiko",
]
FAMILY = ["Okafor", "Lindqvist", "Moreau", "Castellanos", "Nakamura", "Fitzgerald", "Kowalczyk", "Haddad"]
PETS = ["Biscuit", "Noodle", "Captain", "Pepper", "Mochi", "Rufus"]
TOWNS = ["Tromsø", "Geelong", "Cork", "Winnipeg", "Mysore", "Valparaíso", "Dunedin", "Leipzig", "Tucson"]
ORGS = [
    "St Brendan's Hospital",
    "the Northgate Rovers",
    "Hallam Primary School",
    "Brightwater Logistics",
    "Riverside Baptist Church",
    "the Royal Engineers",
]
SENTENCES = [
    "My name is {given} and I live in {town} with my partner {given2} and our dog {pet}.",
    "I work at {org} and my colleagues were wonderful when I took a few days off for the donation.",
    "The collection was on {date} and the nurses at {org} looked after me the whole time.",
    "If the rules ever allow it, you can call me on {phone} or write to {email}.",
    "My donor number is {ref}, in case the office needs it.",
    "On weekends we walk along the river and talk about how you might be doing.",
    "I have thought about you every single day since the coordinator first rang me.",
    "The injections before the donation made my back ache a little, but it was nothing next to your months.",
    "We watched {org} play last Saturday and I wore my lucky scarf for you.",
    "My grandmother {given3} {family} prays for you every evening, and she is very stubborn about it.",
    "I hope the new cells settle in well and that you feel stronger with each week.",
    "Our town is small and quiet, but everybody knows somebody who has been ill.",
    "Please tell me one day what you like to cook, and whether you have a garden.",
    "I was born on {date} in {town}, so I am a little older than I feel.",
    "It still amazes me that a stranger's cells can make a new home in somebody else.",
]


def make_letter(rng: random.Random, words: int = 300) -> str:
    """Return an invented letter of about `words` words, full of the details the pipeline must flag."""

    def fill(sentence: str) -> str:
        return sentence.format(
            given=rng.choice(GIVEN),
            given2=rng.choice(GIVEN),
            given3=rng.choice(GIVEN),
            family=rng.choice(FAMILY),
            pet=rng.choice(PETS),
            town=rng.choice(TOWNS),
            org=rng.choice(ORGS),
            date=f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} {rng.randint(1960, 2024)}",
            phone=f"+44 7700 {rng.randint(100000, 999999)}",
            email=f"{rng.choice(GIVEN).lower()}.{rng.randint(1, 99)}@example.org",
            ref=f"DN-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        )

    parts = ["Dear Recipient,\n"]
    count = 2
    while count < words:
        paragraph = " ".join(fill(rng.choice(SENTENCES)) for _ in range(4))
        parts.append(paragraph)
        count += len(paragraph.split())
    parts.append(f"With love,\n{rng.choice(GIVEN)}")
    return "\n\n".join(parts)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = (
        "Benchmark redaction.detect_many against bare nlp.pipe of the full spaCy model on the same letters, "
        "the latency of one 300-word letter, and peak memory with the pipeline loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--letters", type=int, default=200, help="how many invented letters to time")
        parser.add_argument("--repeat", type=int, default=50, help="single-letter latency samples")
        parser.add_argument("--rounds", type=int, default=3, help="throughput rounds; the best one counts")
        parser.add_argument("--input", help="time these letters instead (JSON lines with a text field)")
        parser.add_argument("--all-cores", action="store_true", help="do not pin the process to one core")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, **options):
        if not options["all_cores"] and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        rng = random.Random(options["seed"])
        texts = self._texts(options, rng)
        one = make_letter(rng, 300)

        start = time.perf_counter()
        nlp()
        redaction.detect("Warm-up letter from Maren in Cork.")
        load_seconds = time.perf_counter() - start

        redaction.detect_many(texts)  # also what the memory peak below includes
        samples = []
        for _ in range(options["repeat"]):
            start = time.perf_counter()
            redaction.detect(one)
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        # Peak memory of a worker with the pipeline loaded, before the full model is loaded to compare.
        pipeline_rss = peak_rss_mb()

        import spacy

        full = spacy.load(BASE_MODEL)
        list(full.pipe(texts[:8]))
        # This machine is shared: alternate the two and keep each one's best round.
        pipeline_rate = bare_rate = 0.0
        for _ in range(options["rounds"]):
            start = time.perf_counter()
            redaction.detect_many(texts)
            pipeline_rate = max(pipeline_rate, len(texts) / (time.perf_counter() - start))
            start = time.perf_counter()
            list(full.pipe(texts))
            bare_rate = max(bare_rate, len(texts) / (time.perf_counter() - start))
        del full

        report = {
            "letters": len(texts),
            "words_per_letter": round(statistics.mean(len(t.split()) for t in texts)),
            "load_seconds": round(load_seconds, 2),
            "detect_many_letters_per_second": round(pipeline_rate, 1),
            "bare_nlp_pipe_full_model_letters_per_second": round(bare_rate, 1),
            "speed_ratio": round(pipeline_rate / bare_rate, 2),
            "one_letter_words": len(one.split()),
            "one_letter_median_ms": round(statistics.median(samples), 1),
            "one_letter_p95_ms": round(p95, 1),
            "peak_rss_mb_with_pipeline": round(pipeline_rss),
            "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        }
        width = max(map(len, report))
        for key, value in report.items():
            self.stdout.write(f"{key:<{width}}  {value}")

    @staticmethod
    def _texts(options, rng: random.Random) -> list[str]:
        if not options["input"]:
            return [make_letter(rng, rng.randint(150, 450)) for _ in range(options["letters"])]
        try:
            with open(options["input"], encoding="utf-8") as f:
                return [json.loads(line)["text"] for line in f if line.strip()]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read letters from {options['input']}: {error}") from error
