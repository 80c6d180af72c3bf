"""Celery entry points of the clinics app."""

from celery import shared_task


@shared_task
def idempotent_requests_prune() -> int:
    """Periodic sweep: forget Idempotency-Keys older than 24 hours."""
    from clinics.services import idempotent_requests_prune

    return idempotent_requests_prune()
