"""What the generator fills its templates with: invented people, places, bodies, dates, contacts and ids.

Names and places come from Faker in the locales of the registries' countries (policies/data/countries.yaml),
and from redaction/data's word lists; organisations, addresses, units and numbers are composed here in the
forms letters use. Each filler returns the text and our label; `None` as the label means "not identifying"
(distractors the model must learn to leave alone).
"""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import random
import string
from functools import cache
from pathlib import Path

import pycountry
import yaml
from faker import Faker

from redaction import lexicon
from redaction.lexicon import words

POLICY_DATA = Path(__file__).resolve().parents[2] / "policies" / "data" / "countries.yaml"

# Faker locales for the registries' countries; a country without one borrows a neighbour's.
LOCALES = {
    "US": "en_US",
    "DE": "de_DE",
    "GB": "en_GB",
    "PL": "pl_PL",
    "IN": "en_IN",
    "CL": "es_CL",
    "FR": "fr_FR",
    "IT": "it_IT",
    "ES": "es_ES",
    "NL": "nl_NL",
    "CH": "de_CH",
    "JP": "ja_JP",
    "AU": "en_AU",
    "CA": "en_CA",
    "IL": "he_IL",
    "CN": "zh_CN",
    "BR": "pt_BR",
    "AM": "hy_AM",
    "BE": "nl_BE",
    "CY": "el_CY",
    "CZ": "cs_CZ",
    "FI": "fi_FI",
    "IE": "en_IE",
    "MX": "es_MX",
    "NZ": "en_NZ",
    "NO": "no_NO",
    "PT": "pt_PT",
    "RO": "ro_RO",
    "RU": "ru_RU",
    "SI": "sl_SI",
    "TW": "zh_TW",
    "TH": "th_TH",
    "TR": "tr_TR",
    "UY": "es_ES",
}
# Locales whose Faker names are in Latin letters (letters are written in English).
LATIN = [
    "en_US",
    "de_DE",
    "en_GB",
    "pl_PL",
    "en_IN",
    "es_CL",
    "fr_FR",
    "it_IT",
    "es_ES",
    "nl_NL",
    "de_CH",
    "en_AU",
    "en_CA",
    "pt_BR",
    "nl_BE",
    "cs_CZ",
    "fi_FI",
    "en_IE",
    "es_MX",
    "en_NZ",
    "no_NO",
    "pt_PT",
    "ro_RO",
    "sl_SI",
    "tr_TR",
]

# Given names that are ordinary English words: the model must read them from context.
WORD_NAMES = words(
    "Faith Hope Grace Joy Rose Daisy Summer Sky Will Mark Bill Rich Sunny Dawn Hunter Penny Ruby Amber "
    "Iris Violet Lily Holly Ivy Autumn Storm River Rain Brook Page Chase Grant Miles Hazel Olive Pearl "
    "Jasmine Crystal Destiny Honor Victory Precious Blessing Patience Mercy Charity Gift Bliss Frank "
    "Earnest Rocky Buddy Sandy Misty Ginger Clay Dean Drew Guy Jack Max Wade Art Cash Royal King"
)
PET_WORDS = words(
    "dog cat puppy kitten pup hamster rabbit bunny budgie parrot tortoise goldfish pony horse guinea pig "
    "labrador lab spaniel beagle collie terrier poodle dachshund husky pug retriever greyhound whippet "
    "alsatian boxer chihuahua corgi sheepdog mutt moggy tabby kitty ferret gecko lizard goat donkey"
)
PET_NAMES = words(
    "Biscuit Pepper Noodle Mochi Rufus Bella Luna Milo Coco Teddy Simba Ziggy Pickles Nala Oreo Pumpkin "
    "Waffles Bruno Shadow Snowy Tiger Smudge Muffin Peanut Bubbles Bandit Pixel Sprout Toffee Fudge Kiwi "
    "Mango Gizmo Chester Dotty Scout Socks Patch Sooty Duke Rex Benji Lola Frodo Yoda Pesto Kimchi"
)
HONORIFICS = {
    "en": [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Dr.",
        "Mr.",
        "Mrs.",
        "Doctor",
        "Nurse",
        "Sister",
        "Father",
        "Pastor",
    ],
    "de": ["Frau", "Herr", "Dr.", "Schwester", "Oma", "Opa", "Tante", "Onkel"],
    "fr": ["Madame", "Monsieur", "Mme", "M.", "Docteur", "tante", "mamie", "papi"],
    "es": ["Señora", "Señor", "Sra.", "Sr.", "Doña", "Don", "tía", "abuela", "abuelo"],
    "it": ["Signora", "Signor", "nonna", "nonno", "zia", "zio", "Dottor"],
    "pl": ["Pani", "Pan", "babcia", "dziadek", "ciocia"],
    "tr": ["Bay", "Bayan", "Hanım", "teyze", "amca"],
    "in": ["Shri", "Smt.", "Dr.", "Aunty", "Uncle", "Nani", "Dadi", "Bhaiya", "Didi"],
    "nl": ["mevrouw", "meneer", "oma", "opa", "tante"],
}
DIACRITIC_FAMILIES = words(
    "Öztürk Çelik Şahin Yılmaz Doğan Müller Schäfer Groß Jäger Lévêque Bérénice Côté Gonçalves Peña Muñoz "
    "Núñez Ibáñez Łukasiewicz Wójcik Kowalczyk Dvořák Novák Šimić Jović Nørgaard Ångström Søren Þórsson "
    "Åberg Lindqvist Häkkinen Väisänen Gómez Hernández Ó Súilleabháin Ní Bhriain Ruíz Pérez Brontë"
)
FAMILY_NICKNAMES = words(
    "Nana-Bee Pop-Pop Gran-Gran Meemaw Grampy Nonna-Lu Bubbe Mamó Oma-Gi Papa-Joe Auntie-Dee Lolo Lola "
    "Nan-Nan Grandy Poppa Mimi Gigi Bop Boo-Boo Sissy Bubba Tata Dziadzia Babushka-Vera JoJo CeeCee"
)
TWO_WORD_NICKNAMES = [
    "Little Joe",
    "Big Mike",
    "Tiny Tom",
    "Auntie Bee",
    "Uncle Buck",
    "Mama Rosa",
    "Papa Bear",
    "Sweet Pea",
    "Baby Jay",
    "Old Ned",
    "Big Sis",
    "Lil Dee",
    "Captain Steve",
    "Doc Hollis",
    "Granny Mo",
    "Nanny Pat",
    "Cousin Vinny",
    "Skinny Pete",
]
SHORT_NICKNAMES = words("DJ Bo AJ Mo Jo Bi Ky Lu Vi Zo TJ KC Pi Di Ru Em Al")
SPECIES = words("dog cat puppy kitten pup budgie parrot rabbit hamster tortoise pony horse goldfish")

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORDINAL_UNITS = [
    "Signal Brigade",
    "Fighter Squadron",
    "Infantry Division",
    "Armored Division",
    "Marine Regiment",
    "Battalion",
    "Field Regiment",
    "Engineer Battalion",
    "Airborne Division",
    "Cavalry Regiment",
    "Medical Brigade",
    "Logistics Battalion",
    "Air Wing",
    "Rifles",
    "Gurkha Rifles",
    "Panzergrenadierbrigade",
    "Commando",
    "Fleet",
    "Parachute Regiment",
    "Transport Squadron",
]
NAMED_UNITS = [
    "the Royal {place} Regiment",
    "the {place} Highlanders",
    "the {place} Fusiliers",
    "the {place} Rifles",
    "the Royal Engineers",
    "the Royal Navy",
    "the US Army",
    "the US Navy",
    "the Marine Corps",
    "the Air Force",
    "the Bundeswehr",
    "the Indian Army",
    "the Royal Air Force",
    "the Coast Guard",
    "the National Guard",
    "the Royal Australian Navy",
    "the Canadian Armed Forces",
    "the Légion étrangère",
    "the Army Reserve",
    "the Territorial Army",
    "the {place} Guards",
    "the Rajputana Rifles",
    "the Sikh Light Infantry",
    "the Madras Regiment",
]
TEAM_TAILS = [
    "Rovers",
    "United",
    "City",
    "Wanderers",
    "Athletic",
    "Rangers",
    "Tigers",
    "Eagles",
    "Bulls",
    "Sharks",
    "Warriors",
    "Hawks",
    "Lions",
    "Falcons",
    "Stallions",
    "Dragons",
    "Comets",
    "Vikings",
    "Panthers",
    "Knights",
    "FC",
    "SC",
]
# Plural nouns clubs take as nicknames; a letter names a team by one of them alone ("we lost to the X").
MASCOTS = words(
    """
    Magpies Saints Bombers Cowboys Steelers Jets Giants Bears Wolves Owls Foxes Hornets Bees Canaries Seagulls
    Robins Blades Hammers Cherries Gunners Spurs Toffees Villans Potters Baggies Tractors Blues Reds Greens
    Whites Blacks Pirates Raiders Chiefs Titans Rams Colts Broncos Dolphins Ravens Cardinals Orioles Mariners
    Brewers Rockies Padres Nationals Royals Twins Tigers Cubs Sox Kings Clippers Lakers Suns Heat Magic Jazz
    Thunder Storm Blaze Roos Crows Cats Hawks Demons Dragons Lions Power Giants Suns Eels Roosters Rabbitohs
    Broncos Cowboys Knights Sharks Storm Titans Warriors Panthers Chargers Lancers Wildcats Hurricanes
    Highlanders Crusaders Blues Chiefs Reds Brumbies Stormers Bulls Lions Sharks Cheetahs Leopards Elephants
    Zebras Buffaloes Gazelles Eagles Kites Swallows Pigeons Squirrels Badgers Otters Beavers Moose Yaks
    """
)
CHURCH_FORMS = [
    "Parroquia San {saint}",
    "Parroquia Nuestra Señora de {place}",
    "Paroisse Saint-{saint}",
    "Pfarrei St. {saint}",
    "Kościół św. {saint}",
    "Chiesa di San {saint}",
    "Igreja de São {saint}",
    "St {saint}'s Parish",
    "St. {saint}'s Church",
    "{place} Baptist Church",
    "{place} Methodist Church",
    "the {place} Gurdwara",
    "{place} Mosque",
    "Beth {saint} Synagogue",
    "{place} Evangelical Free Church",
    "Holy Trinity {place}",
    "{place} Kingdom Hall",
    "Sri {saint} Temple",
    "Parafia św. {saint}",
    "Gemeinde St. {saint}",
]
SAINTS = words(
    "José Juan Pedro Martin Michael Anna Maria Jakob Josef Stanisław Wojciech Antonio Francesco Paolo Miguel "
    "Andrew Patrick Bridget Columba Thomas Luke Mark Joseph Teresa Rita Jude Lucia Vincent Nicholas Ganesh "
    "Murugan Krishna Hanuman Venkateswara"
)
CLUB_FORMS = [
    "{place} Chess Club",
    "{place} Rowing Club",
    "{place} Cricket Club",
    "{place} Golf Club",
    "{place} Running Club",
    "{place} Camera Club",
    "{place} Rotary Club",
    "the {place} Lions Club",
    "{place} Women's Institute",
    "{place} Brass Band",
    "{place} Male Voice Choir",
    "Club Atlético {place}",
    "Club Deportivo {place}",
    "SV {place}",
    "TSV {place}",
    "Sportverein {place}",
    "{place} Scouts",
    "{ordinal} {place} Scout Group",
    "Scout Troop {number}",
    "Cub Pack {number}",
    "Girl Scout Troop {number}",
    "{ordinal} {place} Brownies",
    "{place} Quilting Circle",
    "{place} Hash House Harriers",
    "{place} Bridge Club",
    "the {place} Knitting Bee",
    "{place} Fire Brigade",
    "Freiwillige Feuerwehr {place}",
    "{place} Young Farmers",
    "{place} Allotment Society",
    "the {place} Hiking Club",
]
HOSPITAL_FORMS = [
    "{place} General Hospital",
    "St {saint}'s Hospital",
    "St. {saint}'s Hospital",
    "{place} Royal Infirmary",
    "the Royal {place} Hospital",
    "{place} University Hospital",
    "Universitätsklinikum {place}",
    "Klinikum {place}",
    "Hôpital {saint}",
    "CHU de {place}",
    "Hospital {saint}",
    "Hospital Universitario {place}",
    "Ospedale {saint}",
    "{family} Cancer Centre",
    "{family} Memorial Hospital",
    "{place} Children's Hospital",
    "{family} Institute",
    "{place} Medical Center",
    "{family} Hospital",
    "AIIMS {place}",
    "{place} Cancer Institute",
    "Szpital {family}",
    "{place} Hematology Clinic",
]
WARD_FORMS = [
    "Ward {number}",
    "Ward {number}{letter}",
    "the {family} Ward",
    "the {flower} Ward",
    "{flower} Ward",
    "Station {number}",
    "the {family} Unit",
    "Unit {number}",
]
FLOWERS = words(
    "Rainbow Sunflower Bluebell Primrose Lotus Orchid Tulip Jasmine Magnolia Poppy Heather Willow"
)
SCHOOL_FORMS = [
    "{place} Primary School",
    "{place} High School",
    "{family} Elementary",
    "{family} Middle School",
    "{place} Grammar School",
    "{place} Academy",
    "St {saint}'s School",
    "University of {place}",
    "{place} University",
    "{place} Community College",
    "{place} Institute of Technology",
    "Gymnasium {place}",
    "Lycée {family}",
    "Colegio {saint}",
    "{place} Polytechnic",
    "Kendriya Vidyalaya {place}",
    "Delhi Public School {place}",
]
EMPLOYER_FORMS = [
    "{company}",
    "{family} & Sons",
    "{family} Logistics",
    "{place} Council",
    "{place} Fire Department",
    "{place} Police",
    "{family} Bakery",
    "{place} Water Board",
    "{family} Engineering",
    "{place} Post Office",
    "{family} Dental",
    "{place} Bus Company",
    "{family} Motors",
    "{place} Library",
]
CHARITY_FORMS = [
    "{place} Leukaemia Trust",
    "the {family} Foundation",
    "{place} Blood Cancer Support Group",
    "{place} Food Bank",
    "Friends of {place}",
    "{place} Hospice",
    "{place} Lions",
]
NATURE_FORMS = [
    "{place} River",
    "River {place}",
    "the River {place}",
    "Mount {family}",
    "{family} Mountain",
    "the {place} Mountains",
    "{place} Sea",
    "Lake {place}",
    "Loch {family}",
    "{place} Firth",
    "{place} Forest",
    "the {place} Hills",
    "{place} Valley",
    "{family}'s Head",
    "{place} Point",
    "Ben {family}",
    "the Cliffs of {place}",
    "the {place} Downs",
    "{place} Glacier",
    "{place} Bay",
    "{place} Gorge",
    "{place} Creek",
    "{family} Sound",
    "{place} Heath",
    "{family} Peak",
    "{place} Fjord",
    "Isle of {place}",
    "{place} Moor",
    "{place} Reservoir",
    "the {place} Canal",
]
VENUE_FORMS = [
    "the {family} Arms",
    "the {place} Hotel",
    "{family}'s Café",
    "Café {family}",
    "the {family} Inn",
    "{place} Inn",
    "the {flower} Tavern",
    "{family}'s Bar",
    "{place} Community Hall",
    "{place} Leisure Centre",
    "the {place} Playhouse",
    "{place} Sports Ground",
    "{family} Gardens",
    "{place} Botanic Garden",
    "{place} Zoo",
    "{place} Museum",
    "the {place} Lido",
    "{family} Bakery",
    "the {family} Diner",
    "{place} Marina",
]
STREET_FORMS = [
    "{family} Street",
    "{family} Road",
    "{place} Road",
    "{family} Lane",
    "{flower} Avenue",
    "{family} Avenue",
    "{place} High Street",
    "{family} Close",
    "rue {family}",
    "rue de {place}",
    "{family}straße",
    "{family}weg",
    "calle {family}",
    "Avenida {family}",
    "via {family}",
    "{family} Boulevard",
    "{family} Drive",
    "{family} St",
    "{family} Rd",
]
LANDMARK_FORMS = [
    "Lake {place}",
    "Mount {family}",
    "{place} Bridge",
    "{family} Park",
    "{place} Beach",
    "{place} Castle",
    "{place} Cathedral",
    "the {place} Falls",
    "{place} Market",
    "{family} Square",
    "{place} Pier",
    "the {place} Gorge",
    "{place} Forest",
    "{family}'s Café",
    "the {family} Arms",
    "{place} Stadium",
    "{place} Bay",
    "{place} Hill",
    "Old {place} Road",
    "{place} Island",
]
REGIONS = [
    "Bavaria",
    "Saxony",
    "Tuscany",
    "Catalonia",
    "Andalusia",
    "Bretagne",
    "Provence",
    "Silesia",
    "Kerala",
    "Punjab",
    "Maharashtra",
    "Tamil Nadu",
    "Gujarat",
    "Ontario",
    "Quebec",
    "Manitoba",
    "Texas",
    "Ohio",
    "Vermont",
    "Oregon",
    "Queensland",
    "Tasmania",
    "Yorkshire",
    "Cornwall",
    "Kent",
    "Galway",
    "Donegal",
    "Limburg",
    "Friesland",
    "Valparaíso",
    "Patagonia",
    "Minas Gerais",
    "Bahia",
    "Anatolia",
    "Transylvania",
    "Moravia",
    "Lapland",
    "Hokkaido",
    "Canterbury",
    "Otago",
    "Algarve",
    "Ticino",
    "Valais",
    "Styria",
    "Connacht",
    "Midlands",
    "Highlands",
]
CANADIAN_PROVINCES = words("ON QC BC AB MB SK NS NB NL PE YT NT NU")
US_STATES = words("TX OH CA NY FL PA IL MI GA NC WA OR MN WI CO AZ VT ME NM KY")
AUS_STATES = words("NSW VIC QLD WA SA TAS ACT NT")
INDIA_AREAS = words("Nagar Colony Layout Puram Vihar Enclave Extension Bagh Pet Halli Wadi")
RESIDENCY = words("Residency Apartments Heights Towers Enclave Mansion Court Gardens Residences Niwas")
STREET_KINDS = words(
    "Road Street Lane Avenue Close Crescent Way Drive Place Gardens Cross Main Marg Gali Straße Weg"
)
RELIGIOUS_DISTRACTORS = ["God", "the Lord", "Jesus", "Allah", "the Almighty", "Waheguru", "Bhagwan"]


@cache
def _faker(locale: str) -> Faker:
    return Faker(locale)


@cache
def _list(name: str) -> tuple[str, ...]:
    path = lexicon.DATA / name
    return tuple(
        word
        for word in path.read_text(encoding="utf-8").splitlines()
        if word
        and word[0].isupper()
        and word.isalpha()
        and len(word) > 2
        and all(ord(c) < 0x250 for c in word)
    )


@cache
def _places() -> tuple[str, ...]:
    names = (lexicon.DATA / "places.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        n
        for n in names
        if n
        and n[0].isupper()
        and all(ord(c) < 0x250 or c in " -'" for c in n)
        and len(n) < 22
        and not lexicon.is_ordinary(n)
    )


@cache
def countries() -> tuple[tuple[str, str, str], ...]:
    """(code, English name, registry) of every country in the policy data."""
    rows = yaml.safe_load(POLICY_DATA.read_text(encoding="utf-8"))
    result = []
    for row in rows:
        country = pycountry.countries.get(alpha_2=row["country"])
        name = getattr(country, "common_name", None) or country.name if country else row["country"]
        result.append((row["country"], name, row.get("registry") or ""))
    return tuple(result)


class Fillers:
    """Random identifying details, reproducible from one seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        Faker.seed(rng.randrange(2**32))
        self.locale = rng.choice(LATIN)

    def new_letter(self) -> None:
        """Pick the writer's country for the next letter: names and places mostly come from there."""
        self.locale = self.rng.choice(LATIN)

    @property
    def fake(self) -> Faker:
        rng = self.rng
        return _faker(self.locale if rng.random() < 0.7 else rng.choice(LATIN))

    # People -------------------------------------------------------------------------------------------

    def given(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(WORD_NAMES)
        if roll < 0.35:
            return rng.choice(_list("given_names.txt"))
        name = self.fake.first_name()
        return name if name.isascii() or rng.random() < 0.8 else rng.choice(_list("given_names.txt"))

    def family(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(DIACRITIC_FAMILIES)
        if roll < 0.35:
            return rng.choice(_list("family_names.txt"))
        return self.fake.last_name()

    def full_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            return f"{self.given()} {rng.choice(string.ascii_uppercase)}. {self.family()}"
        if rng.random() < 0.1:
            return f"{self.given()} {self.given()} {self.family()}"
        return f"{self.given()} {self.family()}"

    def honorific(self) -> str:
        return self.rng.choice(HONORIFICS[self.rng.choice(list(HONORIFICS))])

    def nickname(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return rng.choice(FAMILY_NICKNAMES)
        if roll < 0.65:
            return rng.choice(TWO_WORD_NICKNAMES)
        if roll < 0.85:
            return rng.choice(SHORT_NICKNAMES)
        given = self.given()
        return given[: rng.randint(2, 4)] + rng.choice(["ie", "y", "o", "s", "zy", ""])

    def pet(self) -> str:
        rng = self.rng
        name = rng.choice(PET_NAMES) if rng.random() < 0.6 else self.given()
        return name.lower() if rng.random() < 0.12 else name

    def lorem(self) -> str:
        """A sentence of common English words in random order."""
        return _faker("en_US").sentence(nb_words=self.rng.randint(5, 14))

    def species(self) -> str:
        return self.rng.choice(PET_WORDS)

    def initials(self) -> str:
        rng = self.rng
        letters = [rng.choice(string.ascii_uppercase) for _ in range(rng.randint(1, 3))]
        form = rng.random()
        if form < 0.4:
            return ".".join(letters) + "."
        if form < 0.6:
            return "".join(letters)
        if form < 0.8:
            return " ".join(letter + "." for letter in letters)
        return letters[0]

    # Places -------------------------------------------------------------------------------------------

    def city(self) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return rng.choice(_places())
        return self.fake.city()

    def region(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice(REGIONS)
        try:
            return self.fake.state()
        except AttributeError:
            return rng.choice(REGIONS)

    def country(self) -> str:
        return self.rng.choice(countries())[1]

    def landmark(self) -> str:
        rng = self.rng
        forms = rng.choice([LANDMARK_FORMS, NATURE_FORMS, NATURE_FORMS, VENUE_FORMS])
        return self._compose(rng.choice(forms))

    def nature(self) -> str:
        return self._compose(self.rng.choice(NATURE_FORMS))

    def venue(self) -> str:
        return self._compose(self.rng.choice(VENUE_FORMS))

    def street(self) -> str:
        return self._compose(self.rng.choice(STREET_FORMS))

    def street_address(self) -> str:
        rng = self.rng
        roll = rng.random()
        number = rng.randint(1, 250)
        street = f"{self.family()} {rng.choice(STREET_KINDS)}"
        if roll < 0.2:  # India
            return (
                f"Flat {rng.randint(1, 20)}{rng.choice('ABCD')}, {self.family()} {rng.choice(RESIDENCY)}, "
                f"{rng.randint(1, 20)}th Cross, {self.family()} {rng.choice(INDIA_AREAS)}"
            )
        if roll < 0.3:  # Singapore
            return (
                f"Blk {rng.randint(100, 999)} {self.family()} Ave {rng.randint(1, 9)}, "
                f"#{rng.randint(1, 30):02d}-{rng.randint(1, 999)}"
            )
        if roll < 0.4:  # UK flats
            return f"Flat {rng.randint(1, 40)}, {self.family()} House, {number} {street}"
        if roll < 0.5:
            return f"Unit {rng.randint(1, 40)}/{number} {street}"
        if roll < 0.6:
            return f"{street} {number}"
        if roll < 0.7:
            return f"{rng.randint(1, 20)} {self.family()} {rng.choice(['Lane', 'Close', 'Mews'])}"
        return self.fake.street_address().replace("\n", ", ")

    def postcode(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return f"{rng.randint(1000, 9999)} {''.join(rng.choices(string.ascii_uppercase, k=2))}"
        if roll < 0.4:
            return f"{rng.randint(110, 856)} {rng.randint(0, 99):03d}"
        if roll < 0.5:
            return f"{rng.randint(110000, 856999)}"
        try:
            return self.fake.postcode()
        except AttributeError:
            return f"{rng.randint(10000, 99999)}"

    def city_with_code(self) -> str:
        rng = self.rng
        codes = rng.choice([CANADIAN_PROVINCES, US_STATES, AUS_STATES])
        return f"{self.city()}, {rng.choice(codes)}"

    def place(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            return self.city()
        if roll < 0.62:
            return self.region()
        if roll < 0.74:
            return self.country()
        if roll < 0.8:
            return self.city_with_code()
        if roll < 0.9:
            return self.landmark()
        return self.street()

    # Organisations ------------------------------------------------------------------------------------

    def _compose(self, form: str) -> str:
        rng = self.rng
        return form.format(
            place=self.city(),
            family=self.family(),
            saint=rng.choice(SAINTS),
            number=rng.randint(1, 999),
            letter=rng.choice("ABCDEF"),
            flower=rng.choice(FLOWERS),
            ordinal=ordinal(rng.randint(1, 40)),
            company=self.fake.company(),
        )

    def hospital(self) -> str:
        return self._compose(self.rng.choice(HOSPITAL_FORMS))

    def ward(self) -> str:
        return self._compose(self.rng.choice(WARD_FORMS))

    def school(self) -> str:
        return self._compose(self.rng.choice(SCHOOL_FORMS))

    def employer(self) -> str:
        return self._compose(self.rng.choice(EMPLOYER_FORMS))

    def church(self) -> str:
        return self._compose(self.rng.choice(CHURCH_FORMS))

    def club(self) -> str:
        return self._compose(self.rng.choice(CLUB_FORMS))

    def charity(self) -> str:
        return self._compose(self.rng.choice(CHARITY_FORMS))

    def unit(self) -> str:
        rng = self.rng
        if rng.random() < 0.55:
            return f"the {ordinal(rng.randint(1, 199))} {rng.choice(ORDINAL_UNITS)}"
        return self._compose(rng.choice(NAMED_UNITS))

    def team(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            return f"{self.city()} {rng.choice(TEAM_TAILS + MASCOTS)}"
        if roll < 0.75:
            return rng.choice(MASCOTS + TEAM_TAILS[:-2])  # one word: "the Rovers"
        if roll < 0.85:  # initials: "the LA Hawks", "ABC"
            return "".join(rng.choices(string.ascii_uppercase, k=rng.randint(2, 4)))
        return self.city()  # "he supports Leeds"

    def registry(self) -> str:
        rng = self.rng
        names = [r for _, _, r in countries() if r]
        name = rng.choice(names)
        return rng.choice(name.split(" / ")) if "/" in name else name

    def organisation(self) -> str:
        rng = self.rng
        return rng.choice(
            [self.hospital, self.school, self.employer, self.church, self.club, self.charity, self.registry]
        )()

    # Dates, contacts, numbers -------------------------------------------------------------------------

    def date(self) -> str:
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2026)
        name = MONTHS_EN[month - 1]
        forms = [
            f"{day} {name} {year}",
            f"{name} {day}, {year}",
            f"{day}/{month}/{year}",
            f"{month}/{day}/{year % 100:02d}",
            f"{day:02d}.{month:02d}.{year}",
            f"{year}-{month:02d}-{day:02d}",
            f"{ordinal(day)} of {name}",
            f"{name} {ordinal(day)}",
            f"{name} {year}",
            f"{day} {name[:3]}",
            f"{name[:3]}. {day}",
            f"the {ordinal(day)}",
            f"{day}-{name[:3]}-{year % 100:02d}",
        ]
        return rng.choice(forms)

    def year(self) -> str:
        return str(self.rng.randint(1940, 2025))

    def email(self) -> str:
        rng = self.rng
        user = (
            f"{self.given().lower()}{rng.choice(['', '.', '_'])}{rng.choice(['', str(rng.randint(1, 99))])}"
        )
        user = "".join(c for c in user if c.isascii())
        domain = rng.choice(
            ["gmail.com", "yahoo.co.in", "web.de", "outlook.com", "hotmail.fr", "example.org"]
        )
        if rng.random() < 0.1:
            return f"{user or 'me'} at {domain.replace('.', ' dot ')}"
        return f"{user or 'me'}@{domain}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            groups = (
                rng.randint(1, 99),
                rng.randint(100, 999),
                rng.randint(100, 999),
                rng.randint(1000, 9999),
            )
            return "+{} {} {} {}".format(*groups)
        return self.fake.phone_number()

    def handle(self) -> str:
        name = "".join(c for c in self.given().lower() if c.isascii()) or "star"
        return f"@{name}{self.rng.choice(['_', '.', ''])}{self.rng.randint(1, 999)}"

    def url(self) -> str:
        name = "".join(c for c in self.family().lower() if c.isascii()) or "home"
        return self.rng.choice(
            [f"www.{name}.com", f"https://{name}-family.net", f"facebook.com/{name}{self.rng.randint(1, 99)}"]
        )

    def contact(self) -> str:
        return self.rng.choice([self.email, self.phone, self.phone, self.handle, self.url])()

    def donor_id(self) -> str:
        rng = self.rng
        roll = rng.random()
        digits = "".join(rng.choice(string.digits) for _ in range(19))
        if roll < 0.25:
            return " ".join(digits[i : i + 4] for i in range(0, 19, 4))
        if roll < 0.4:
            return "-".join(digits[i : i + 4] for i in range(0, 19, 4))
        if roll < 0.6:
            prefix = rng.choice(["DN", "D", "PT", "REF", "ID", "CASE"])
            return f"{prefix}-{rng.randint(1000, 99999)}-{rng.randint(10, 9999)}"
        if roll < 0.8:
            return f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(1, 9)}"
        return "".join(digits[: rng.randint(7, 12)])

    def plate(self) -> str:
        rng = self.rng
        up = string.ascii_uppercase

        def letters(n: int) -> str:
            return "".join(rng.choice(up) for _ in range(n))

        return rng.choice(
            [
                f"{letters(2)}{rng.randint(10, 99)} {letters(3)}",
                f"{letters(2)} {rng.randint(1, 99):02d} {letters(2)} {rng.randint(1000, 9999)}",
                f"{letters(1)}-{letters(2)} {rng.randint(100, 9999)}",
                f"{rng.randint(1, 9)}{letters(3)}{rng.randint(100, 999)}",
                f"{letters(3)}-{rng.randint(100, 999)}",
            ]
        )


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 23 -> "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
