"""Who is signing in, and for how long they must wait: the callables django-axes is configured with.

Failed sign-ins (a donor's first or second step, or a staff password in the admin) are counted per
normalised username *and* client address, and per client address alone, so that nobody can lock a
donor number for its owner by knowing it. Until the limit, failures count for WINDOW; from the
limit on, each further failure doubles the wait (FIRST_DELAY, twice that, ... at most MAX_DELAY).
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest

from donors.models import normalise_donor_number

WINDOW = timedelta(minutes=15)
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=24)


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or with PROXY_COUNT proxies in front, the address the
    outermost of them saw (django-ipware reads it from X-Forwarded-For).

    Each proxy appends the address it was connected from, so the client is the PROXY_COUNT-th entry
    from the right; anything left of it was written by the client and is not trusted. A request
    without the header (one that did not come through the proxies) is known by its REMOTE_ADDR.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        from ipware.ip import get_client_ip

        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            # python-ipware counts the proxies listed in the header after the client: all but the
            # last one, which is REMOTE_ADDR.
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR")


def normalised_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username axes counts failures under: a donor number as stored (`demo- 1001` is `DEMO-1001`),
    a staff username likewise upper-cased and without spaces, so no spelling escapes the count."""
    username = (credentials or {}).get("username")
    if username is None:
        return None
    name = normalise_donor_number(str(username))
    # Kept on the request: cool_off() is only given the request.
    request.sign_in_username = name
    return name


def delay_after(failures: int) -> timedelta:
    """How long failures are remembered, and so how long a lock lasts, after this many failures."""
    over = failures - settings.AXES_FAILURE_LIMIT
    if over < 0:
        return WINDOW
    return min(FIRST_DELAY * 2**over, MAX_DELAY)


def cool_off(request: HttpRequest | None) -> timedelta:
    """AXES_COOLOFF_TIME: the wait for this request's client and username, growing with their failures.

    The failures are those of the rows axes keeps (AccessAttempt, one per username, address and
    browser), counted the way axes counts them: the username and address together, and the address
    alone.
    """
    if request is None or getattr(request, "axes_ip_address", None) is None:
        return WINDOW
    from axes.models import AccessAttempt
    from django.db.models import Sum

    rows = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    by_address = rows.aggregate(n=Sum("failures_since_start"))["n"] or 0
    username = getattr(request, "sign_in_username", None)
    by_pair = (
        rows.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
        if username is not None
        else 0
    )
    return delay_after(max(by_pair, by_address))
