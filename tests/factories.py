import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from clinics.models import Patient, TransplantCentre
from correspondence.models import Consent, Letter, RedactedVersion
from donors.models import Donation, Donor, Infusion


class UserFactory(DjangoModelFactory[get_user_model()]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")


class TransplantCentreFactory(DjangoModelFactory[TransplantCentre]):
    class Meta:
        model = TransplantCentre

    code = factory.Sequence(lambda n: f"TC{n:04d}")
    name = factory.Sequence(lambda n: f"Transplant Centre {n}")
    country = "US"


class PatientFactory(DjangoModelFactory[Patient]):
    class Meta:
        model = Patient

    centre = factory.SubFactory(TransplantCentreFactory)
    reference = factory.Sequence(lambda n: f"P-{n:05d}")
    given_names = "Rosalind"
    family_name = "Okafor"
    city = "Spokane"


class DonorFactory(DjangoModelFactory[Donor]):
    class Meta:
        model = Donor

    donor_number = factory.Sequence(lambda n: f"D{n:07d}")
    user = factory.SubFactory(
        UserFactory, username=factory.LazyAttribute(lambda o: f"donor-{o.factory_parent.donor_number}")
    )
    registry_country = "DE"
    date_of_birth = datetime.date(1988, 4, 2)
    email = factory.LazyAttribute(lambda o: f"{o.donor_number.lower()}@example.org")
    given_names = "Friedrich"
    family_name = "Langenbach"
    city = "Kassel"
    phone = "+49 561 555 0199"


class DonationFactory(DjangoModelFactory[Donation]):
    class Meta:
        model = Donation

    donor = factory.SubFactory(DonorFactory)
    patient = factory.SubFactory(PatientFactory)
    reference = factory.Sequence(lambda n: f"DON-{n:06d}")
    product = Donation.Product.FRESH
    first_transplant_date = datetime.date(2026, 3, 1)


class LetterFactory(DjangoModelFactory[Letter]):
    class Meta:
        model = Letter

    donation = factory.SubFactory(DonationFactory)
    body = "Dear recipient,\n\nI hope you are feeling stronger every day.\n\nYour donor"
    status = Letter.Status.DRAFT


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), mode: str = "RGB", **save_kwargs
) -> bytes:
    """Return an encoded test image."""
    out = io.BytesIO()
    Image.new(mode, size, color=(200, 30, 30) if mode == "RGB" else 1).save(out, format=fmt, **save_kwargs)
    return out.getvalue()


class RedactedVersionFactory(DjangoModelFactory[RedactedVersion]):
    class Meta:
        model = RedactedVersion

    letter = factory.SubFactory(LetterFactory)
    text = "Dear recipient,\n\nI hope you are feeling stronger every day.\n\nYour donor"
    approved_by = factory.SubFactory(UserFactory)


class ForwardedLetterFactory(LetterFactory):
    """A letter a caseworker approved and forwarded, with its redacted version (`letter.redacted`)."""

    status = Letter.Status.FORWARDED
    submitted_at = factory.LazyFunction(timezone.now)
    forwarded_at = factory.LazyFunction(timezone.now)

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def redacted(letter: Letter, create: bool, extracted: str | None, **kwargs) -> None:
        """`ForwardedLetterFactory(redacted="text")` sets the redacted text."""
        if create:
            RedactedVersionFactory(letter=letter, text=extracted or REDACTED_TEXT, **kwargs)


REDACTED_TEXT = "Dear recipient,\n\nI live in [PLACE] and I think of you every day.\n\nYour donor"


class ConsentFactory(DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    donation = factory.SubFactory(DonationFactory)
    side = Consent.Side.PATIENT
    status = Consent.Status.GIVEN
    source = "caseworker"
    signed_form_reference = factory.Sequence(lambda n: f"FORM-{n:05d}")
    signed_on = datetime.date(2026, 4, 1)


class InfusionFactory(DjangoModelFactory[Infusion]):
    class Meta:
        model = Infusion

    donation = factory.SubFactory(DonationFactory)
    date = datetime.date(2026, 6, 10)
