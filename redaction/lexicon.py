"""Word lists the detectors share: gazetteers built from packages (data/build.py) and small closed lists."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def words(text: str) -> list[str]:
    """Split a block of words; lists below read as prose, one block each."""
    return text.split()


def _read(name: str) -> frozenset[str]:
    return frozenset(filter(None, (DATA / name).read_text(encoding="utf-8").splitlines()))


@cache
def given_names() -> frozenset[str]:
    """Lower-cased first names of many countries."""
    return frozenset(n.lower() for n in _read("given_names.txt"))


@cache
def family_names() -> frozenset[str]:
    """Lower-cased family names of many countries."""
    return frozenset(n.lower() for n in _read("family_names.txt"))


@cache
def places() -> frozenset[str]:
    """Lower-cased names of towns over 5,000 people, regions, countries and continents."""
    return frozenset(n.lower() for n in _read("places.txt"))


@cache
def ordinary_words() -> frozenset[str]:
    """Lower-case English words that are not only proper nouns (hope, grace, will, may)."""
    return _read("ordinary_words.txt") | CLOSED_WORDS | FESTIVALS


SUFFIXES = ("'s", "’s", "s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ies", "ied")


def is_ordinary(word: str) -> bool:
    """True for an English word (or a simple inflection of one) that is not only a proper noun."""
    lower = word.lower()
    words = ordinary_words()
    if lower in words:
        return True
    for suffix in SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: -len(suffix)]
            if stem in words or (suffix in ("ies", "ied") and stem + "y" in words):
                return True
            if suffix in ("ing", "ed", "er", "est") and (stem + "e" in words):
                return True
    return False


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # Other languages letters are written with in this office.
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    "muharram": 1, "safar": 2, "rajab": 7, "shaban": 8, "ramadan": 9, "ramzan": 9, "ramazan": 9,
    "shawwal": 10, "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5,
    "shahrivar": 6, "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "bahman": 11, "esfand": 12,
}  # fmt: skip

WEEKDAYS = frozenset(
    words(
        """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """
    )
)

# Capitalised words that identify nobody: calendar, faith, letter vocabulary, family roles, medicine.
NOT_IDENTIFYING = frozenset(
    words(
        """
    i i'm i've id p1 msc bsc ba phd mba gcse gcses b.com bcom jmml atg tbi pbsc sct hsct picu nicu hdu gp
    a&e cep plz zip eircode dob i'd i'll ok okay mr mrs ms miss dr dr. doctor prof sir madam dear donor donors
    recipient
    recipients patient patients friend hello hi hey love xo xoxo xx xxx ps p.s. thanks thank yours sincerely
    regards best wishes warm kind cheers god lord jesus christ allah bhagwan heaven bible quran koran
    christmas xmas easter ramadan eid diwali hanukkah chanukah passover thanksgiving halloween year
    years eve day mother's father's mothers fathers valentine's valentines holi lent advent pentecost
    navratri mom mum mommy mummy mama mamma momma dad daddy papa pa ma grandma grandpa granny grandad
    granddad gran nana nan nanna nonna nonno oma opa abuela abuelo abuelita abuelito auntie aunty uncle baba
    bibi amma appa ammi abbu tata babcia dziadek mamá papá mami papi aml
    all cml cll mds hla gvhd icu bmt nhs er ok tv dna rna mri ct pet iv picc covid covid-19 hiv cmv ebv pcr
    mg ml kg km cm mm am pm a.m. p.m. bmi english french german spanish italian portuguese
    dutch polish russian turkish arabic hindi urdu bengali punjabi tamil chinese mandarin cantonese japanese
    korean vietnamese thai greek swedish norwegian danish finnish irish scottish welsh british american
    canadian australian mexican indian african european asian latin catholic christian muslim hindu sikh
    jewish buddhist protestant internet google facebook instagram whatsapp youtube zoom skype netflix amazon
    iphone android
    wechat weixin telegram kakaotalk kakao viber snapchat snap tiktok twitter messenger linkedin signal
    threads bluesky mastodon discord dra dra. sra sr sr. mme mlle herr frau pani pan sig dott idk lol omg
    """
    )
)

FESTIVALS = frozenset(
    words(
        """
    diwali deepavali holi eid ramadan ramzan ramazan iftar nowruz norouz lohri onam pongal navratri vaisakhi
    baisakhi durga puja pooja chuseok seollal tet tết qixi hanukkah chanukah shabbat sabbath wigilia
    koningsdag valentinstag vesak poya songkran obon hogmanay thanksgiving passover pesach purim
    rosh hashanah yom kippur sukkot kwanzaa carnival carnaval fiesta fiestas dieciocho communion
    """
    )
)
# Names of the days and of the English months, alone (a month alone is at most borderline).
ENGLISH_MONTHS = frozenset(
    words("january february march april june july august september october november december")
)
CALENDAR = WEEKDAYS | frozenset(d + "s" for d in WEEKDAYS) | ENGLISH_MONTHS

# What capitalised runs and NER ignore on top: days, months and festivals.
NOT_NAMES = NOT_IDENTIFYING | CALENDAR | FESTIVALS
CLOSED_WORDS = frozenset(MONTHS) | WEEKDAYS | NOT_NAMES

# Words that make a capitalised run an organisation.
ORG_WORDS = frozenset(
    words(
        """
    hospital hospitals clinic clinics klinik klinikum hôpital hospital hospitale ospedale hospitál infirmary
    centre center medical health healthcare school schools elementary primary secondary high academy college
    university universidad université università universität uni institute institut polytechnic church
    chapel cathedral parish parroquia congregation mosque masjid temple gurdwara synagogue mandir ministry
    ministries fellowship baptist lutheran methodist presbyterian anglican pentecostal adventist club fc afc
    united rovers wanderers athletic city county rangers sc sv cf foundation trust charity society
    association federation league union council committee company co co. corp corporation inc inc. ltd ltd.
    llc gmbh ag plc group sons bank insurance partners services service registry register program programme
    network alliance fund cross department dept ward unit army navy marines marine corps air force forces
    regiment battalion brigade squadron police fire brigade station feuerwehr bundeswehr guard reserve team
    scouts guides brewery bakery factory farm farms works motors systems solutions technologies electrical
    plumbing construction logistics airlines airways railway railways
    coffee roasters brewing
    intermediate kindergarten kindy preschool gymnasium lyceum liceum colegio escuela école schule scuola
    """
    )
)

# Words that make a capitalised run a place.
PLACE_WORDS = frozenset(
    words(
        """
    street st st. road rd rd. avenue ave ave. lane ln drive dr boulevard blvd way close crescent court place
    square terrace gardens grove hill hills park mount mountain mountains lake river bay beach island
    islands valley forest falls creek canyon coast harbour harbor port bridge strasse straße gasse platz weg
    calle avenida rua via piazza plaza bairro colonia barrio estate village town city county district
    province region state heights springs cafe café pub inn bar restaurant market mall stadium arena museum
    gallery zoo airport station trail track
    sea ocean ridge downs peak peaks glacier desert cliffs cliff cove gorge moor moors dom fjord lagoon
    """
    )
)

ORG_AND_PLACE_WORDS = ORG_WORDS | PLACE_WORDS

# A name, not a word, follows these (Dr. Patel, nurse Bright, my dog Noodle).
TITLE_CUES = frozenset(
    words(
        """
    dr dr. doctor prof prof. professor nurse sister mr mr. mrs mrs. ms ms. miss mx mx. sr sra dra dr.ª
    pastor father fr fr. rev rev. reverend rabbi imam sheikh pandit coach captain capt sgt officer auntie
    aunty aunt uncle cousin grandma grandpa granny nana
    """
    )
)
# Animals: after "my dog" even a lower-case word is a name ("our dog noodle").
PET_CUES = frozenset(
    words(
        """
    dog dogs puppy cat cats kitten horse pony rabbit bunny hamster parrot pet pets budgie tortoise goldfish
    fish guinea chickens chicken hens goat cow pig lamb
    pup kitty lab labrador spaniel beagle collie terrier poodle dachshund husky pug retriever greyhound
    whippet lurcher alsatian shepherd boxer chihuahua corgi sheepdog mutt moggy tabby ferret gecko lizard
    snake donkey parakeet cockatoo canary heeler kelpie malamute westie staffie staffy setter pointer
    cockapoo cavapoo labradoodle goldendoodle schnauzer dalmatian rottweiler doberman sheltie bulldog
    frenchie mastiff weimaraner vizsla ridgeback samoyed akita shihtzu maltese pomeranian yorkie jackrussell
    springer cocker cavalier bichon lhasa pekingese newfie greyhound deerhound wolfhound saluki basenji
    ragdoll siamese sphynx tortie tortoiseshell moggie budgerigar cockatiel lovebird macaw terrapin turtle
    axolotl hedgehog gerbil rat rats mouse mice chinchilla degu alpaca llama mare gelding stallion foal
    filly colt cob mule bullock heifer ewe ram duck ducks geese goose hen cockerel rooster
    """
    )
)
# What a pet is, not what it is called, after "my dog is": "old", "asleep", "a rescue", "ginger".
PET_STATES = frozenset(
    words(
        """
    old young little big small tiny huge giant massive enormous fat thin skinny lazy naughty fluffy grumpy
    sleepy chubby hairy smelly silly happy sad crazy mad nuts bonkers noisy greedy needy nosy feisty shy
    sweet cute gorgeous beautiful lovely handsome pretty clever smart daft dumb stupid brave good bad fine
    ok okay well ill sick poorly unwell deaf blind lame asleep awake alive dead gone home here there black
    white brown grey gray ginger golden red tan cream spotty stripy ancient elderly senior retired spoilt
    spoiled adorable terrified scared nervous anxious friendly gentle loyal mental wild tame fast slow
    quiet loud calm hyper grand great obsessed afraid safe trouble boss king queen family everything best
    mine ours yours his hers theirs male female part half pregnant expecting missing lost fixed neutered
    spayed chipped gorgeous huge heavy light dark fine bigger smaller older younger getting still
    """
    )
)
# People and animals a name follows after a possessive ("my wife Hope", "our dog noodle").
RELATION_CUES = PET_CUES | frozenset(
    words(
        """
    wife husband partner fiancé fiancée fiance fiancee boyfriend girlfriend son sons daughter daughters
    child children kid kids baby boy girl brother brothers sister sisters twin twins mother father mom mum
    dad mother-in-law father-in-law sister-in-law brother-in-law son-in-law daughter-in-law grandson
    granddaughter grandchild grandchildren grandmother grandfather grandma grandpa granny nephew niece
    cousin aunt uncle stepson stepdaughter stepmother stepfather friend friends neighbour neighbor colleague
    boss teacher coach nurse doctor consultant surgeon haematologist hematologist oncologist coordinator
    roommate roomie flatmate housemate mate buddy bestie bff classmate coworker co-worker workmate manager
    """
    )
)
# Words after which a lower-case word may be a town ("we live in kelowna", "visiting arcadia").
PLACE_PREPOSITIONS = frozenset(words("at in from near to outside around visit visiting visited moved"))
# Words that say a passage is about sport, so ordinary words in a chant may be a team's name.
SPORT_WORDS = frozenset(
    words(
        """
    sport sports football soccer rugby hockey basketball baseball cricket netball league season stadium
    match matches game games fan fans supporter supporters club team teams play plays played playing goal
    goals derby cup final finals ref referee pitch kit jersey scarf terraces championship tournament
    """
    )
)
NAMING_VERBS = frozenset(["named", "called", "nicknamed", "name's", "names"])


@cache
def foreign_words() -> frozenset[str]:
    """Frequent words of the registries' other languages that no name or place list holds ("danke",
    "obrigado", "grazie"): in a letter without capitals they are words, not names."""
    return _read("foreign_words.txt")


@cache
def common_words() -> frozenset[str]:
    """The 3,000 most frequent English words."""
    return _read("common_words.txt")


# Words that never start a name after a cue ("my wife and I", "my son will").
GRAMMAR_WORDS = frozenset(
    words(
        """
    a an the and or but nor so yet for of to in on at by with from into onto about as than then that this
    these those there here who whom whose which what when where why how is are was were be been being am has
    have had having do does did done will would shall should can could may might must ought not no never
    always also just only even still too very really quite rather again ever all both each every some any
    many much more most few less least other another such own same i me my mine you your yours he him his
    she her hers it its we us our ours they them their theirs myself yourself himself herself itself
    ourselves themselves one ones if because while though although since until unless whether up down out
    over under after before through during without within along across behind beyond
    """
    )
)
