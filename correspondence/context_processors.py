from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def donor_messages(request: HttpRequest) -> dict:
    """Expose `unread_messages` (notices and answers the signed-in donor has not seen) to templates,
    counted only when a template asks for it."""
    user = getattr(request, "user", None)
    donor = getattr(user, "donor", None) if user is not None and user.is_authenticated else None
    if donor is None:
        return {"unread_messages": 0}

    def count() -> int:
        from correspondence.selectors import unread_messages_count

        return unread_messages_count(donor=donor)

    return {"unread_messages": SimpleLazyObject(count)}
