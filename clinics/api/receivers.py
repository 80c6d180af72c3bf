"""Keep what the clinic API caches (API-key rows, pages of the letters list) in step with the database.

Letters change what a centre sees only through the correspondence services, which announce it
(correspondence.signals.sent_letters_changed: a letter forwarded, delivered, acknowledged). Keys,
centres, patients and donations are edited in the admin, with no service of their own: their rows'
post_save and post_delete are their events.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clinics.api.authentication import forget_centre_api_keys
from clinics.api.page_cache import forget_pages
from clinics.models import CentreAPIKey, Patient, TransplantCentre
from correspondence.models import Letter
from correspondence.signals import sent_letters_changed
from donors.models import Donation


@receiver([post_save, post_delete], sender=CentreAPIKey, dispatch_uid="clinics_api.forget_api_key")
def api_key_changed(sender: type, instance: CentreAPIKey, **kwargs) -> None:
    """A key revoked, renamed, given an expiry or deleted: its next request reads the row again."""
    forget_centre_api_keys(instance.prefix)


@receiver([post_save, post_delete], sender=TransplantCentre, dispatch_uid="clinics_api.forget_centre_keys")
def centre_changed(sender: type, instance: TransplantCentre, **kwargs) -> None:
    """A centre changed: its keys' cached rows carry the old centre, so they go too."""
    prefixes = list(CentreAPIKey.objects.filter(centre_id=instance.pk).values_list("prefix", flat=True))
    if prefixes:
        forget_centre_api_keys(*prefixes)


@receiver(sent_letters_changed, dispatch_uid="clinics_api.forget_pages_of_letters")
def sent_letters_updated(sender: object, letter_ids: list[int], **kwargs) -> None:
    """Letters forwarded or delivered: the pages of their centres are stale."""
    centre_ids = set(
        Letter.objects.filter(pk__in=letter_ids).values_list("donation__patient__centre_id", flat=True)
    ) - {None}
    if centre_ids:
        forget_pages(centre_ids=centre_ids)


@receiver([post_save, post_delete], sender=Patient, dispatch_uid="clinics_api.forget_pages_patient")
@receiver([post_save, post_delete], sender=Donation, dispatch_uid="clinics_api.forget_pages_donation")
@receiver([post_save, post_delete], sender=TransplantCentre, dispatch_uid="clinics_api.forget_pages_centre")
def references_changed(sender: type, **kwargs) -> None:
    """Patients, donations and centres are few and change rarely; a page shows their references
    (and a patient may move to another centre): every centre's pages go."""
    forget_pages()
