"""Keep the cached API-key rows (clinics.api.authentication) in step with the database."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clinics.api.authentication import forget_centre_api_keys
from clinics.models import CentreAPIKey, TransplantCentre


def _forget(*prefixes: str) -> None:
    # Now, and again once committed: a request reading the old row in between must not cache it.
    forget_centre_api_keys(*prefixes)
    transaction.on_commit(lambda: forget_centre_api_keys(*prefixes))


@receiver([post_save, post_delete], sender=CentreAPIKey, dispatch_uid="clinics.forget_api_key")
def api_key_changed(sender: type, instance: CentreAPIKey, **kwargs) -> None:
    """A key revoked, renamed, given an expiry or deleted: its next request reads the row again."""
    _forget(instance.prefix)


@receiver([post_save, post_delete], sender=TransplantCentre, dispatch_uid="clinics.forget_centre_keys")
def centre_changed(sender: type, instance: TransplantCentre, **kwargs) -> None:
    """A centre changed: its keys' cached rows carry the old centre, so they go too."""
    prefixes = list(CentreAPIKey.objects.filter(centre_id=instance.pk).values_list("prefix", flat=True))
    if prefixes:
        _forget(*prefixes)
