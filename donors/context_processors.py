from django.http import HttpRequest


def current_donor(request: HttpRequest) -> dict:
    """Expose the signed-in donor (or None) to templates as `current_donor`."""
    user = getattr(request, "user", None)
    donor = getattr(user, "donor", None) if user is not None and user.is_authenticated else None
    return {"current_donor": donor}
