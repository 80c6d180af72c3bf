"""ISO 3166-1 alpha-2 country choices, from pycountry."""

from functools import cache

import pycountry


@cache
def country_choices() -> list[tuple[str, str]]:
    """Return (code, name) pairs for every ISO 3166-1 country, sorted by name."""
    return sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1])


def country_name(code: str) -> str:
    """Return the English name of an ISO 3166-1 alpha-2 code, or the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=(code or "").upper())
    return country.name if country else code
