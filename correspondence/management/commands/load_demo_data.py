"""Load demo centres, patients, donors, donations, a caseworker and letters in several states."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from clinics.models import Patient, TransplantCentre
from correspondence.models import DonorQuestion, Flag, Letter, PatientReport
from correspondence.roles import CASEWORKERS, caseworkers_group_sync
from correspondence.services import letter_save_draft, letter_screen, letter_submit, review
from correspondence.services.replies import reply_submit
from donors.models import Donation, Donor
from donors.services import donor_user_create

DEMO_DONOR_NUMBER = "DEMO-1001"
DEMO_DONOR_BIRTH = date(1990, 5, 17)
CASEWORKER_USERNAME = "caseworker"
CASEWORKER_PASSWORD = "letters-with-care"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "office-admin-demo"

CENTRES = [
    ("US-SEA01", "Northwest Marrow Transplant Program", "US", True),
    ("DE-ESS01", "Westdeutsches Transplantationszentrum", "DE", True),
    ("GB-LON01", "London Haematology Transplant Unit", "GB", True),
    ("PL-WAW01", "Warsaw Transplant Clinic", "PL", True),
    ("FR-PAR01", "Centre de greffe de Paris", "FR", True),
    ("JP-TYO01", "Tokyo Transplant Centre", "JP", True),
    ("US-NOA01", "Centre with no anonymous contact", "US", False),
]

DONORS = [
    # number, country, birth, given, family, nicknames, city, region, postcode, phone, employer, e-mail
    (
        DEMO_DONOR_NUMBER,
        "DE",
        DEMO_DONOR_BIRTH,
        "Lena Marie",
        "Hoffmann",
        "Leni",
        "Freiburg",
        "Baden-Württemberg",
        "79098",
        "+49 761 555 0123",
        "Stadtwerke Freiburg",
        "lena.hoffmann@example.org",
    ),
    (
        "DEMO-2002",
        "US",
        date(1985, 11, 3),
        "Derek",
        "Alvarez",
        "D",
        "Toledo",
        "Ohio",
        "43604",
        "+1 419 555 0188",
        "Harding Elementary School",
        "derek.alvarez@example.org",
    ),
    (
        "DEMO-3003",
        "GB",
        date(1978, 2, 28),
        "Siobhan",
        "Kelly",
        "Shiv",
        "Leeds",
        "West Yorkshire",
        "LS1 4AP",
        "+44 113 496 0555",
        "Yorkshire Water",
        "siobhan.kelly@example.org",
    ),
]

PATIENTS = [
    ("US-SEA01", "P-7731", "Margaret", "Olsen", "Peggy", "Tacoma"),
    ("GB-LON01", "P-1188", "Tomasz", "Nowak", "", "Croydon"),
    ("DE-ESS01", "P-4410", "Jonas", "Becker", "", "Essen"),
    ("JP-TYO01", "P-0923", "Haruto", "Sato", "", "Yokohama"),
]

LETTERS = {
    "draft": "Dear recipient,\n\nI am still finding the right words. I think of you often.\n",
    "submitted": (
        "Dear recipient,\n\nMy name is Lena and I live in Freiburg. I work for Stadtwerke Freiburg "
        "and my dog Bruno kept me company while I recovered. My birthday is on 17 May, so I will "
        "celebrate twice this year!\n\n"
        "Warm wishes,\nLeni"
    ),
    "forwarded": (
        "Dear recipient,\n\nIt has been a few months since the donation and I hope you are getting stronger "
        "every day. My dog Bruno and I go hiking most weekends, and I bake bread on Sundays. I hope you "
        "can enjoy the spring sunshine soon.\n\nWith love,\nYour donor"
    ),
    "returned": (
        "Dear recipient,\n\nI still work at the same place, Stadtwerke Freiburg, and my colleagues ask "
        "after you every week. They send their best wishes.\n\nYour donor"
    ),
    "refused": "Dear recipient,\n\nHere is my phone number so we can talk: +49 761 555 0123.\n",
}


REPLY = (
    "Dear donor,\n\nYour letter made me cry happy tears. I am Peggy, and I am home again with my "
    "husband and our cat Whiskers. My doctors in Tacoma say my counts look good. Thank you for giving "
    "me more springs to see.\n\nWith all my love"
)


class Command(BaseCommand):
    help = "Load demo data for the embedded development mode. Refuses to run with DEBUG off."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: this is not a development machine."
            )
        with transaction.atomic():
            centres = self._centres()
            patients = self._patients(centres)
            donors = self._donors()
            donations = self._donations(donors, patients)
            self._staff()
        # Letters outside the transaction above: submitting queues screening after commit.
        self._letters(donors[DEMO_DONOR_NUMBER], donations)
        self._patient_side(donors, donations)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(
            f"  Donor:      donor number {DEMO_DONOR_NUMBER}, date of birth {DEMO_DONOR_BIRTH.isoformat()} "
            "(the one-time code is printed in the console e-mail)\n"
            f"  Caseworker: {CASEWORKER_USERNAME} / {CASEWORKER_PASSWORD} at /admin/\n"
            f"  Admin:      {ADMIN_USERNAME} / {ADMIN_PASSWORD} at /admin/"
        )

    def _centres(self) -> dict[str, TransplantCentre]:
        centres = {}
        for code, name, country, anonymous in CENTRES:
            centres[code], _ = TransplantCentre.objects.update_or_create(
                code=code,
                defaults={"name": name, "country": country, "allows_anonymous_correspondence": anonymous},
            )
        return centres

    def _patients(self, centres: dict[str, TransplantCentre]) -> dict[str, Patient]:
        patients = {}
        for code, reference, given, family, nicknames, city in PATIENTS:
            patients[reference], _ = Patient.objects.update_or_create(
                centre=centres[code],
                reference=reference,
                defaults={"given_names": given, "family_name": family, "nicknames": nicknames, "city": city},
            )
        return patients

    def _donors(self) -> dict[str, Donor]:
        donors = {}
        for (
            number,
            country,
            birth,
            given,
            family,
            nick,
            city,
            region,
            postcode,
            phone,
            employer,
            email,
        ) in DONORS:
            donor = Donor.objects.filter(donor_number=number).first()
            if donor is None:
                donor = Donor(donor_number=number, user=donor_user_create(donor_number=number))
            donor.registry_country = country
            donor.date_of_birth = birth
            donor.given_names, donor.family_name, donor.nicknames = given, family, nick
            donor.city, donor.region, donor.postcode = city, region, postcode
            donor.phone, donor.employer, donor.email = phone, employer, email
            donor.full_clean()
            donor.save()
            donors[number] = donor
        return donors

    def _donations(self, donors: dict[str, Donor], patients: dict[str, Patient]) -> dict[str, Donation]:
        today = timezone.localdate()
        rows = [
            (
                "DON-2026-0001",
                DEMO_DONOR_NUMBER,
                "P-7731",
                Donation.Product.FRESH,
                today - timedelta(days=120),
                None,
            ),
            (
                "DON-2024-0417",
                DEMO_DONOR_NUMBER,
                "P-0923",
                Donation.Product.CRYOPRESERVED,
                today - timedelta(days=800),
                today - timedelta(days=790),
            ),
            (
                "DON-2025-0033",
                "DEMO-2002",
                "P-1188",
                Donation.Product.FRESH,
                today - timedelta(days=400),
                None,
            ),
            (
                "DON-2025-0102",
                "DEMO-3003",
                "P-4410",
                Donation.Product.FRESH,
                today - timedelta(days=30),
                None,
            ),
        ]
        donations = {}
        for reference, number, patient, product, transplant, requested in rows:
            donations[reference], _ = Donation.objects.update_or_create(
                reference=reference,
                defaults={
                    "donor": donors[number],
                    "patient": patients[patient],
                    "product": product,
                    "first_transplant_date": transplant,
                    "requested_date": requested,
                },
            )
        return donations

    def _staff(self) -> None:
        user_model = get_user_model()
        group = Group.objects.filter(name=CASEWORKERS).first() or caseworkers_group_sync()
        caseworker, _ = user_model.objects.get_or_create(
            username=CASEWORKER_USERNAME,
            defaults={"first_name": "Casey", "last_name": "Worker", "email": "caseworker@example.org"},
        )
        caseworker.is_staff = True
        caseworker.set_password(CASEWORKER_PASSWORD)
        caseworker.save()
        caseworker.groups.add(group)
        admin_user, _ = user_model.objects.get_or_create(
            username=ADMIN_USERNAME, defaults={"email": "admin@example.org"}
        )
        admin_user.is_staff = admin_user.is_superuser = True
        admin_user.set_password(ADMIN_PASSWORD)
        admin_user.save()

    def _letters(self, donor: Donor, donations: dict[str, Donation]) -> None:
        """Letters in several states, each taken there through the same services staff use."""
        if Letter.objects.filter(donation__donor=donor).exists():
            return
        caseworker = get_user_model().objects.get(username=CASEWORKER_USERNAME)
        donation = donations["DON-2026-0001"]
        letter_save_draft(donor=donor, donation=donation, body=LETTERS["draft"])
        letters = {}
        for state in ("submitted", "forwarded", "returned", "refused"):
            letter = letter_submit(donor=donor, donation=donation, body=LETTERS[state])
            letters[state] = letter_screen(letter_id=letter.pk)
        forwarded = letters["forwarded"]
        for flag in forwarded.flags.all():
            review.flag_decide(flag=flag, caseworker=caseworker, decision=Flag.Decision.ACCEPTED)
        forwarded = review.letter_approve(letter=forwarded, caseworker=caseworker)
        # The patient's centre answers over the API; the reply takes the same review path back.
        reply = reply_submit(
            centre=donation.patient.centre, donation=donation, body=REPLY, in_reply_to=forwarded
        )
        reply = letter_screen(letter_id=reply.pk)
        for flag in reply.flags.all():
            review.flag_decide(flag=flag, caseworker=caseworker, decision=Flag.Decision.ACCEPTED)
        review.letter_approve(letter=reply, caseworker=caseworker)
        if letters["returned"].status == Letter.Status.IN_REVIEW:
            review.letter_return(
                letter=letters["returned"],
                caseworker=caseworker,
                reason="Please leave out your employer's name; the rest of your letter can travel as it is.",
            )
        if letters["refused"].status == Letter.Status.IN_REVIEW:
            review.letter_refuse(
                letter=letters["refused"],
                caseworker=caseworker,
                reason="Letters cannot carry phone numbers or other contact details while you are anonymous. "
                "Please write again without them.",
            )

    def _patient_side(self, donors: dict[str, Donor], donations: dict[str, Donation]) -> None:
        """A health update and a question for the demo donor; a declined contact and news waiting for a
        caseworker on the other demo donors' donations."""
        from correspondence.services.office import question_answer, question_ask
        from correspondence.services.patient import (
            CLINIC_API,
            contact_decline,
            health_update_submit,
            patient_report_record,
        )

        donor = donors[DEMO_DONOR_NUMBER]
        if DonorQuestion.objects.filter(donor=donor).exists():
            return
        caseworker = get_user_model().objects.get(username=CASEWORKER_USERNAME)
        donation = donations["DON-2026-0001"]
        update = health_update_submit(
            centre=donation.patient.centre,
            donation=donation,
            health_status=Letter.HealthStatus.RECOVERING_WELL,
            text="Your recipient went home last month and is regaining strength week by week.",
        )
        update = letter_screen(letter_id=update.pk)
        for flag in update.flags.all():
            review.flag_decide(flag=flag, caseworker=caseworker, decision=Flag.Decision.ACCEPTED)
        review.letter_approve(letter=update, caseworker=caseworker)
        answered = question_ask(donor=donor, text="How long does it usually take for a letter to arrive?")
        question_answer(
            question=answered,
            caseworker=caseworker,
            answer="Usually two to four weeks: we read every letter, and the transplant centre then "
            "passes it on. Letters to some countries have to wait longer.",
        )
        question_ask(
            donor=donor,
            donation=donations["DON-2024-0417"],
            text="May I send a small drawing by my niece with my next letter?",
        )
        contact_decline(donation=donations["DON-2025-0033"], via=CLINIC_API)
        patient_report_record(
            donation=donations["DON-2025-0102"],
            kind=PatientReport.Kind.RELAPSED,
            occurred_on=timezone.localdate() - timedelta(days=3),
            via=CLINIC_API,
        )
