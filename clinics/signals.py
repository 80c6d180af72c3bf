"""Keep what the clinic API caches (API-key rows, pages of the letters list) in step with the database."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clinics.api.authentication import forget_centre_api_keys
from clinics.api.page_cache import forget_pages
from clinics.models import CentreAPIKey, Patient, TransplantCentre
from correspondence.models import Letter, RedactedVersion
from correspondence.signals import letters_changed
from donors.models import Donation


@receiver([post_save, post_delete], sender=CentreAPIKey, dispatch_uid="clinics.forget_api_key")
def api_key_changed(sender: type, instance: CentreAPIKey, **kwargs) -> None:
    """A key revoked, renamed, given an expiry or deleted: its next request reads the row again."""
    forget_centre_api_keys(instance.prefix)


@receiver([post_save, post_delete], sender=TransplantCentre, dispatch_uid="clinics.forget_centre_keys")
def centre_changed(sender: type, instance: TransplantCentre, **kwargs) -> None:
    """A centre changed: its keys' cached rows carry the old centre, so they go too."""
    prefixes = list(CentreAPIKey.objects.filter(centre_id=instance.pk).values_list("prefix", flat=True))
    if prefixes:
        forget_centre_api_keys(*prefixes)


@receiver(letters_changed, dispatch_uid="clinics.forget_pages_of_centres")
def letters_updated(sender: type, centre_ids: set[int], **kwargs) -> None:
    """Letters changed in bulk (status, delivery, ...): their centres' pages are stale."""
    forget_pages(centre_ids=centre_ids)


@receiver([post_save, post_delete], sender=Letter, dispatch_uid="clinics.forget_pages_of_letter")
def letter_saved(sender: type, instance: Letter, **kwargs) -> None:
    """A sent donor letter saved: its centre's pages are stale (no other letter is in a page, and a
    sent letter is never saved back to an unsent state)."""
    if instance.status not in Letter.SENT or instance.direction != Letter.Direction.DONOR_TO_PATIENT:
        return
    _forget_pages_of(Donation.objects.filter(pk=instance.donation_id))


@receiver([post_save, post_delete], sender=RedactedVersion, dispatch_uid="clinics.forget_pages_of_version")
def redacted_version_saved(sender: type, instance: RedactedVersion, **kwargs) -> None:
    """A letter's redacted text is what a page shows."""
    _forget_pages_of(Donation.objects.filter(letters__pk=instance.letter_id))


def _forget_pages_of(donations: QuerySet[Donation]) -> None:
    centre_ids = set(donations.values_list("patient__centre_id", flat=True)) - {None}
    if centre_ids:
        forget_pages(centre_ids=centre_ids)


@receiver([post_save, post_delete], sender=Patient, dispatch_uid="clinics.forget_pages_patient")
@receiver([post_save, post_delete], sender=Donation, dispatch_uid="clinics.forget_pages_donation")
@receiver([post_save, post_delete], sender=TransplantCentre, dispatch_uid="clinics.forget_pages_centre")
def references_changed(sender: type, **kwargs) -> None:
    """Patients, donations and centres are few and change rarely; a page shows their references
    (and a patient may move to another centre): every centre's pages go."""
    forget_pages()
