"""Which kind a flag names, so the placeholder a reader sees ("[name]", "[place]", "[organisation]") is right.

The merge gives a flag the label of its widest layer, often the model's. `label_flags` then names each
flag's kind by the surest evidence at hand, in this order:

1. what the registry knows (a `known` flag keeps its label);
2. the flag's own words: a title opens a name ("Dr Ní Bhriain"), a head word names an organisation or a place
   ("... Rowing Club", "Universitätsspital ...", "... Inn", "Lindenweg", "Praia de ..."), a whole name the
   place lists know is a place ("Orange County");
3. what the layers that read context said: a name after a cue ("our cat Pickle"), an employer, a chant;
4. the words around it: "a fan of X", "supports X", "a nurse at X", "our family business, X" (an
   organisation); "we live in X", "we walked to X", "the beach at X" (a place); "my name is X" (a name);
5. the word lists: a town or country is a place, a given name that is no place is a name;
6. the label the merge gave it.

A letter gives one name one kind: a flag whose kind rests only on the lists or the merge takes the kind
that surer evidence gave the same words elsewhere in the letter.
"""

# ruff: noqa: RUF001  (letters use typographic apostrophes and non-Latin letters on purpose)

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from redaction import lexicon
from redaction.detectors.text import AMBIGUOUS_KIND_WORDS, CONNECTORS, INITIALS, is_uppercase_letter
from redaction.lexicon import (
    ORG_WORDS,
    PLACE_WORDS,
    RELATION_CUES,
    SPORT_WORDS,
    TITLE_CUES,
    is_ordinary,
    words,
)
from redaction.types import Flag, Letter

KINDS = frozenset({"NAME", "LOCATION", "ORGANISATION"})
WORDY = KINDS | {"INITIALS"}

# Titles in the languages letters come in, on top of lexicon.TITLE_CUES: "Padre Tito", "enfermeira Fátima".
TITLES = TITLE_CUES | frozenset(
    words(
        """
    padre madre hermana hermano enfermera enfermero enfermeira enfermeiro señor señora senor senora senhor
    senhora don doña dona tío tía tio tia abuela abuelo abuelita abuelito schwester frau herr onkel tante
    oma opa mamie papi papy tata babcia dziadek pani pan signor signora signore zia zio nonna nonno mme mlle
    monsieur madame dott dott. dottoressa prof. professor lieutenant lt lt. sergeant colonel col col. major
    general private corporal cpl pvt admiral commander cmdr bishop sheikh shaykh ustaz ustazah bhai didi
    doctora dra. dr.ª hanım bey amca teyze
    """
    )
)
# Words that head an organisation's name on top of lexicon.ORG_WORDS, in English and the languages letters
# use: "St Benedict's Hospice", "Fakultní nemocnice Brno", "Estudio Ferraro", "Chor Golestan".
ORG_HEADS = (ORG_WORDS - AMBIGUOUS_KIND_WORDS) | frozenset(
    words(
        """
    hospice hospices surgery practice choir chorus chor coro koor orchestra band ensemble division corps
    platoon troop troops company fleet navy army airforce police pd fd ems nhs blood
    instytut instituto istituto institutt nemocnice szpital sjukhus sykehus sygehus ziekenhuis krankenhaus
    ospedale policlinico klinika kliniken universitetssjukhus universitätsspital hogeschool universiteit
    universidade uniwersytet univerzita universitet escola liceo lycée collège estudio associação asociación
    associazione verein fundación fundação fondazione stiftung banco banque clube sporting deportivo
    atlético atletico hc sc fk ks ssc ac club rfc rugby cricket hockey tennis golf rowing sailing
    yacht gym scouts guides cubs brownies brigade wi rotary lions kiwanis mission missions house
    ministry parish congregation assembly tabernacle bakery brewery winery dairy garage
    salon studio studios agency firm store stores supermarket pharmacy chemist chemists bookshop dealership
    restaurants motors auto repairs repair plumbing electric electrics builders builder ltd. inc. gmbh
    s.a. s.l. s.p.a. pty
    """
    )
)
# Words that head a place's name on top of lexicon.PLACE_WORDS: landmarks, natural features, streets.
PLACE_HEADS = (PLACE_WORDS - AMBIGUOUS_KIND_WORDS) | frozenset(
    words(
        """
    monument monumento castle castillo castello château schloss palace palacio palazzo tower towers
    fort fortress citadel bazaar souk ghat ghats garden garten jardín jardim jardin gardens promenade pier
    quay wharf harbour harbor esplanade boardwalk embankment canal waterfront docks dock
    cerro praia playa plage strand isla ilha île isle glen loch lough fell moor dale vale sands dunes
    spring springs falls cascade waterfall volcano karst cave caves grotto point head headland
    peninsula cape ness bluff mesa butte lakes rivers meadow meadows reserve
    sanctuary trailhead lookout summit crater reef atoll ul. ul ulica aleja plac náměstí namesti ulice
    straat gracht plein kade laan steeg dijk gata gatan gade vej vägen veien calle avenida av. rua
    travessa largo piazza piazzale viale vicolo corso strada chemin allée quai boulevard bd
    suburb neighbourhood neighborhood quarter colonia barrio bairro sector block blk flat flats apartments
    residency residences residence tower chowk nagar marg bagh gali mohalla kampung jalan lorong taman
    """
    )
)
# Place words that name nothing as a name's first word: "St James's" is a saint, "Dr Ní Bhriain" a doctor,
# "Park Ji-woo" a family name; "Mount Tamsin", "Lake Placid" and "Praia de Miramar" do open places.
PLACE_OPENERS = frozenset(
    words(
        """
    mount mt mt. lake loch lough lago lac monte mont rue calle avenida av. rua via viale piazza plaza praça
    praia playa cerro río rio ilha île isle port porto fort cape cabo bahía puerto parque parc
    jardín jardim jardin museo musée museum castle castillo castello château schloss ul. ul ulica al. aleja
    plac bairro colonia barrio paseo camino chemin route strada largo travessa corso pico
    jalan lorong taman kampung
    """
    )
)
# Organisation words that are no head as a name's first word: "United Kingdom", "City Road".
ORG_TAILS = frozenset(words("united rovers wanderers athletic rangers city county union guard reserve"))
# Place words that also end teams' names ("Shrewsbury Town"): no head either way.
NOT_HEADS = frozenset(words("town"))
# Words that open a place's name as its first word: "Upper Cefn", "Greater Manchester".
PLACE_PREFIX_WORDS = frozenset(words("upper lower greater"))
# Places of worship: a congregation the writer belongs to (an organisation, the default), or a landmark
# visited or shown (a place): "I'll take you to the Badshahi Mosque", "we went to the Temple of the Tooth".
WORSHIP = frozenset(
    words(
        """
    church chapel cathedral basilica mosque masjid temple gurdwara synagogue mandir shrine kirche kirke
    kyrka kerk église iglesia igreja chiesa kościół cross abbey minster
    """
    )
)
# One-word compounds in other languages: "Thomasschule", "Berufsfeuerwehr", "Lindenweg", "Twijnstraat".
ORG_SUFFIXES = (
    "schule",
    "spital",
    "klinik",
    "klinikum",
    "krankenhaus",
    "feuerwehr",
    "verein",
    "hochschule",
    "gymnasium",
    "universität",
    "dienst",
    "verband",
    "gesellschaft",
    "stiftung",
    "akademie",
    "ziekenhuis",
    "sjukhus",
    "sykehus",
    "sygehus",
    "skola",
    "skole",
)
PLACE_SUFFIXES = (
    "straße",
    "strasse",
    "gasse",
    "allee",
    "platz",
    "weg",
    "ufer",
    "damm",
    "brücke",
    "straat",
    "gracht",
    "plein",
    "laan",
    "gatan",
    "vägen",
    "veien",
    "gade",
    "vej",
    "bazaar",
    "chowk",
    "nagar",
)
# Countries and regions written as abbreviations, which the place lists spell out.
PLACE_ABBREVIATIONS = frozenset(
    words("uk u.k. us u.s. usa u.s.a. uae nz eu gb nyc la socal norcal america states")
)

SPACE = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_][\w'’.&/-]*")
POSSESSIVE = re.compile(r"['’]s?$")

_OCCUPATION = (
    r"(?:[a-z-]{3,}(?:ist|ician|ologist|eer|tor|sor|ier)|counsellor|counselor|nurse|cook|chef|clerk|teacher|doctor|medic|paramedic|"
    r"assistant|student|intern|volunteer|trainee|apprentice|officer|worker|driver|manager|leader|cleaner|"
    r"porter|baker|carpenter|plumber|electrician|mechanic|firefighter|fireman|policeman|policewoman|"
    r"receptionist|waiter|waitress|bartender|barista|labourer|laborer|farmer|builder|player|trainer|"
    r"lecturer|researcher|programmer|developer|designer|writer|reporter|caretaker|carer|secretary|"
    r"midwife|pharmacist|vet|dentist|surgeon|consultant|physio|accountant|lawyer|solicitor|boss|owner|"
    r"partner|member|shift|job|post|placement|role|position)"
)
ORG_BEFORE = re.compile(
    r"(?:"
    r"\b(?:fan|fans|supporter|supporters|member|members)\s+of\s+"
    r"|\b(?:support|supports|supported|supporting|root|roots|rooting|rooted|cheer|cheers|cheering|cheered)"
    r"(?:\s+for)?\s+"
    r"|\b(?:play|plays|played|playing|drive|drives|drove|driving)\s+(?:[\w-]+\s+){0,2}?(?:for|against)\s+"
    r"|\b(?:team|club|squad|academy|side)\s+of\s+"
    r"|\b(?:work|works|worked|working|employed|volunteer|volunteers|volunteered|volunteering|intern|"
    r"interned|study|studies|studied|studying|teach|teaches|taught|teaching|enrolled|graduated|sophomore|"
    r"freshman|degree)\b[^.,;:!?()\n]{0,40}?\b(?:at|for)\s+"
    rf"|\b{_OCCUPATION}\s+(?:(?:in|near)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+)?(?:at|for)\s+"
    r"|\b(?:joined|join|joining|signed\s+up\s+with|registered\s+with|employed\s+by|hired\s+by|run\s+by|"
    r"organised\s+by|organized\s+by|sponsored\s+by)\s+"
    r"|\b(?:business|company|firm|shop|store|office|bakery|band|choir|orchestra|association|charity|"
    r"brand|startup|agency|practice|foundation|organisation|organization|society|union|troop|regiment|"
    r"squadron|battalion|division|platoon|congregation|parish|church|winery|brewery|restaurant\s+chain|"
    r"employer|workplace)\s*(?:,|:|\s+called|\s+named)?\s+"
    r")(?:the\s+)?$"
)
# An organisation named by an apposition after a body's common noun with a comma ("our church, Our Lady of
# La Vang"): guarded, since "my team, Sarah and Tom" are people.
ORG_AFTER = re.compile(
    r"^(?:\s+(?:fan|fans|supporter|supporters|season\s+ticket|shirt|jersey|scarf|guy|girl|family|"
    r"game|games|match|matches|player|players|squad|fixture|fixtures))\b"
)
TEAM_VERBS_AFTER = re.compile(
    r"^\s+(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|drew|draw|scored|score|thrashed|"
    r"are\s+winning|are\s+losing|were\s+relegated|got\s+relegated|going\s+down|went\s+down|got\s+promoted|"
    r"play\s+(?:at\s+home|away|tonight|today|tomorrow))\b"
)
TEAM_VERBS_BEFORE = re.compile(
    r"\b(?:watch|watches|watched|watching|against|beat|beating)\s+(?:every\s+(?:game|match)\s+of\s+)?(?:the\s+)?$"
)
LOC_BEFORE = re.compile(
    r"(?:"
    r"\b(?:live|lives|lived|living|born|raised|grew\s+up|growing\s+up|settled|reside|resides|based|"
    r"stationed|posted|retired|stay|stayed|staying|holiday|holidays|vacation|camping|skiing|surfing|fishing|"
    r"swimming|hiking|climbing|sailing|walking|running|cycling|weekend|weekends|week|day|days|summer|"
    r"winter|beach|sea|coast|river|lake|spring|springs|view|views|flat|house|home|apartment|farm)"
    r"\s+(?:here\s+|there\s+|up\s+|down\s+|out\s+)?(?:in|at|near|on|outside|by|over|of)\s+"
    r"|\b(?:come|comes|came|coming|go|goes|went|going|walk|walks|walked|hike|hikes|hiked|drive|drives|"
    r"drove|fly|flies|flew|travel|travels|travelled|traveled|move|moves|moved|climb|climbs|climbed|"
    r"cycle|cycled|swim|swam|sail|sailed|run|ran|trip|journey|looking|look|looked|stand|standing|stood)"
    r"\s+(?:back\s+|home\s+|out\s+|over\s+|all\s+the\s+way\s+|running\s+|together\s+)?"
    r"(?:to|up|along|around|across|over|into|down|round|past|on|at|towards|toward|from)\s+"
    r"|\b(?:castle|river|lake|mountain|island|village|town|city|suburb|district|neighbourhood|"
    r"neighborhood|beach|bridge|valley|square|street|road|avenue|farm)\s*,?\s+"
    r"|\b(?:visit|visits|visited|visiting|show\s+you|take\s+you\s+to|bring\s+you\s+to|meet\s+you\s+in|"
    r"explore|explored|streets\s+of|centre\s+of|center\s+of|outskirts\s+of|north\s+of|south\s+of|"
    r"east\s+of|west\s+of|corner\s+of|part\s+of|heart\s+of|suburb\s+of|province\s+of|state\s+of|"
    r"county\s+of|city\s+of|town\s+of|village\s+of|island\s+of|shores\s+of|banks\s+of|top\s+of|"
    r"foot\s+of|outside\s+of|writing\s+(?:to\s+you\s+)?from|greetings\s+from|hello\s+from|hi\s+from|"
    r"letter\s+from|moved\s+here\s+from|originally\s+from|i\s+am\s+from|i'm\s+from|we\s+are\s+from|"
    r"we're\s+from|is\s+from|are\s+from|was\s+from|came\s+from|comes\s+from)\s+"
    r")(?:the\s+|a\s+(?:very\s+)?[a-z]+\s+)?$"
)
# For a place of worship: shown or visited as a landmark, not attended.
LANDMARK_BEFORE = re.compile(
    r"\b(?:take\s+you\s+to|show\s+you|visit|visited|visiting|toured|went\s+to|walk\s+to|walked\s+to|"
    r"photo\s+of|picture\s+of|in\s+front\s+of|outside|climbed|saw)\s+(?:the\s+)?$"
)
# A body's name, a comma, then what follows: a town the lists know there is where the body is.
BODY_COMMA = re.compile(r"[a-z]\s*,\s*$")
NAME_BEFORE = re.compile(
    r"\b(?:my\s+name\s+is|name's|call\s+me|called\s+me|i\s+am\s+called|i'm\s+called|named|nicknamed|"
    r"signed|love|hugs|regards|cheers|thanks|wishes|hello|hi|dear)\s*[,:]?\s+$"
)


def _window_before(text: str, start: int, size: int = 90) -> str:
    return SPACE.sub(" ", text[max(0, start - size) : start].lower().replace("’", "'"))


def _words(span: str) -> list[str]:
    return [w.lower().rstrip(".'’,") if not w.endswith(".") else w.lower() for w in WORD.findall(span)]


def _bare(span: str) -> str:
    """The span without a leading "the" or a trailing possessive, lower-cased: how the lists spell it."""
    value = SPACE.sub(" ", span.strip().lower().replace("’", "'"))
    value = value.removeprefix("the ")
    return POSSESSIVE.sub("", value).strip()


def head_kind(span: str) -> str | None:
    """ORGANISATION or LOCATION when a span's own words say which ("Hillcrest Rowing Club", "the Old Mill
    Inn", "Mount Tamsin", "Lindenweg", "Universitätsspital Zürich"), NAME for a title and a name
    ("Dr Ní Bhriain"), None when they do not say."""
    found = [w for w in _words(span) if w not in ("the",)]
    if not found:
        return None
    plain = [w.rstrip(".") for w in found]
    if len(found) > 1 and (found[0] in TITLES or plain[0] in TITLES):
        rest = head_kind(" ".join(found[1:]))
        return rest if rest in ("ORGANISATION", "LOCATION") else "NAME"
    # Before "of", "de", "do" the head is what comes first ("Bank of Ireland", "Praia de Miramar").
    cut = next((i for i, w in enumerate(plain) if i > 0 and w in CONNECTORS), len(plain))
    part = plain[:cut]
    kinds: list[tuple[int, str]] = []
    for i, word in enumerate(part):
        kind = _word_kind(word, first=i == 0, only=len(plain) == 1)
        if word == "co" and found[i] == "co." and i < len(part) - 1:
            kind = "LOCATION"  # "Naas, Co. Kildare": a county before its name, no company
        if kind:
            kinds.append((i, kind))
    if not kinds and cut < len(plain):  # "Instytut Hematologii i Transfuzjologii", "Temple of the Tooth"
        kinds = [(i, k) for i, w in enumerate(plain[cut:]) if (k := _word_kind(w, first=False, only=False))]
    if not kinds:
        return None
    if len({k for _, k in kinds}) == 1:
        return kinds[0][1]
    # Both kinds: English names end in their head ("Gulf Coast Blood Service", "Clinic Road"), other
    # languages open with it ("Hospital Italiano", "Calle del Hospital").
    last_index, last_kind = kinds[-1]
    if last_index == len(part) - 1:
        return last_kind
    first_index, first_kind = kinds[0]
    return first_kind if first_index == 0 else last_kind


def _word_kind(word: str, *, first: bool, only: bool) -> str | None:
    if word in NOT_HEADS:
        return None
    if first and word in PLACE_PREFIX_WORDS and not only:
        return "LOCATION"
    if word in ORG_HEADS and not (first and word in ORG_TAILS) and not only:
        return "ORGANISATION"
    if word in PLACE_HEADS and not only and (not first or word in PLACE_OPENERS):
        return "LOCATION"
    if word in WORSHIP and not only:
        return "ORGANISATION"
    if len(word) >= 7 and not is_ordinary(word):
        if word.endswith(ORG_SUFFIXES):
            return "ORGANISATION"
        if word.endswith(PLACE_SUFFIXES):
            return "LOCATION"
    return None


def _is_place(bare: str) -> bool:
    return bare in lexicon.places() or bare in PLACE_ABBREVIATIONS


def list_kind(span: str) -> str | None:
    """The kind the word lists give a span: a known town, region or country is a place, a given name that is
    no place (or a given and a family name) is a name."""
    bare = _bare(span)
    if not bare:
        return None
    found = bare.split()
    given = lexicon.given_names()
    if _is_place(bare) and not (len(found) == 1 and bare in given):
        return "LOCATION"
    if len(found) == 1:
        word = found[0]
        if word in given and not _is_place(word) and not is_ordinary(word):
            return "NAME"
        return None
    family = lexicon.family_names()
    if found[0] in given and found[-1] in family and not _is_place(found[-1]):
        return "NAME"  # "Maren Okafor"
    return None


def _sporty(text: str, start: int, end: int) -> bool:
    near = text[max(0, start - 200) : end + 200].lower()
    return any(w in SPORT_WORDS for w in re.findall(r"[a-z]+", near))


def context_kind(flag: Flag, text: str) -> str | None:
    """The kind the words around a flag say: a fan's team or an employer, a place one lives in or goes to,
    a name one is called by."""
    before = _window_before(text, flag.start)
    span = text[flag.start : flag.end]
    after = SPACE.sub(" ", text[flag.end : flag.end + 40].lower())
    if NAME_BEFORE.search(before) and list_kind(span) == "NAME":
        return "NAME"
    if ORG_BEFORE.search(before) or ORG_AFTER.match(after):
        return "ORGANISATION"
    if LOC_BEFORE.search(before) and not POSSESSIVE.search(span.rstrip()):
        return "LOCATION"
    team_verb, watching = TEAM_VERBS_AFTER.match(after), TEAM_VERBS_BEFORE.search(before)
    if (team_verb and watching) or ((team_verb or watching) and _sporty(text, flag.start, flag.end)):
        return "ORGANISATION"  # "watching the Raptors lose", "Wisła lost again" among talk of sport
    if _plural_team(span) and _sporty(text, flag.start, flag.end):
        return "ORGANISATION"  # "the Ducks", "the Mariners" among talk of sport
    return None


def _plural_team(span: str) -> bool:
    found = _bare(span).split()
    if not found or not found[-1].endswith("s") or found[-1].endswith("ss") or _is_place(_bare(span)):
        return False
    stems = (found[-1][:-1], found[-1][:-1].rstrip("e"))
    given, family = lexicon.given_names(), lexicon.family_names()
    return span.strip()[:1].isupper() and not any(s in given or s in family for s in stems)


def _relation_before(text: str, start: int) -> bool:
    """A title, relation or pet word right before the flag: "our cat Pickle", "my abuela Esperanza"."""
    m = re.search(r"([^\W\d_][\w.'’-]*)\s*$", text[max(0, start - 30) : start])
    if not m:
        return False
    word = m.group(1).lower()
    return word in RELATION_CUES or word in TITLES or word.rstrip(".") in TITLES


def _soft_worship(span: str) -> bool:
    return any(w in WORSHIP for w in _words(span))


def kind_of(flag: Flag, letter: Letter, votes: Sequence[Flag]) -> tuple[str, bool]:
    """Return a wordy flag's label and whether surer evidence than the lists and the model gave it."""
    text = letter.text
    span = text[flag.start : flag.end]
    known = [v.label for v in votes if v.source == "known" and v.label in WORDY]
    if flag.source == "known" or known:
        return (flag.label if flag.source == "known" else known[0]), True
    if _only_initials(span, votes):
        return "INITIALS", True  # "k & r", "m.-l.", "A.O'C.", "JB x", in any case
    if flag.label == "INITIALS" or _initials_vote(span, votes):
        return _initials_or_acronym(span, letter, votes), True
    listed = list_kind(span)
    heads = head_kind(span)
    if heads == "LOCATION" and listed == "NAME" and len(span.split()) == 2:
        heads = None  # "Tom Green", "Sarah Lane": a given and a family name
    landmark = LANDMARK_BEFORE.search(_window_before(text, flag.start))
    if heads == "ORGANISATION" and landmark and _soft_worship(span):
        return "LOCATION", True  # "I will take you to the Badshahi Mosque"
    if heads:
        return heads, True
    if _relation_before(text, flag.start):
        return "NAME", True
    if _acronym(span, letter, listed):
        return "ORGANISATION", True  # "in the RAF", "my master's at UCT"
    cued = {v.label for v in votes if v.source == "context" and v.label in KINDS}
    context = context_kind(flag, text)
    if (
        context == "ORGANISATION"
        and listed == "LOCATION"
        and BODY_COMMA.search(_window_before(text, flag.start))
    ):
        return "LOCATION", True  # "12th Mechanized Division, Szczecin": a town after the body's name
    if context == "ORGANISATION" or cued == {"ORGANISATION"}:
        return "ORGANISATION", True
    if listed == "LOCATION":
        return "LOCATION", True
    if len(cued) == 1:
        return cued.pop(), True
    if context == "LOCATION" and listed == "NAME":
        context = None  # "we ran into Sarah"
    if context:
        return context, True
    if listed:
        return listed, False
    return flag.label, False


def _acronym(span: str, letter: Letter, listed: str | None) -> bool:
    """A word of three capitals or more that no list knows, in a letter that uses lower case: a body."""
    value = POSSESSIVE.sub("", span.strip())
    return (
        bool(re.fullmatch(r"[A-Z]{3,6}", value))
        and listed is None
        and value.lower() not in lexicon.given_names()
        and not is_uppercase_letter(letter.text)
    )


VOWELS = r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýœ]"


def _only_initials(span: str, votes: Sequence[Flag]) -> bool:
    """Whether a span holds nothing but initials: single letters ("k & r", "M.-L.", "A.O'C.") or pairs of
    letters without a vowel, in one case, that a layer read as initials ("JB", "sb"; not "Ng", not "MN"
    after a town), joined by stops, hyphens, apostrophes, "&" or "and"; so it holds in letters in capitals
    or without any."""
    if not re.fullmatch(r"[^\W\d_.&'’‐-]?(?:[^\W\d_]|[\s.&'’‐-]|\band\b)+", span.strip()):
        return False
    found = [w for w in re.findall(r"[^\W\d_]+", span) if w.lower() != "and"]
    if not 1 <= len(found) <= 4:
        return False
    for word in found:
        lower = word.lower()
        if len(word) == 1:
            continue
        if len(word) > 2 or re.search(VOWELS, lower) or lower in lexicon.family_names():
            return False
        if not any(v.label == "INITIALS" for v in votes):
            return False
        if word[0].isupper() and word[1:].islower():
            return False  # "Ng" is a family name
        if lower in lexicon.given_names():
            return False
    return True


def _initials_vote(span: str, votes: Sequence[Flag]) -> bool:
    """A name the signature or the initials rule read as initials ("A.O'C.", "M.-L.", "JB")."""
    value = span.strip()
    return any(v.label == "INITIALS" for v in votes) and bool(INITIALS.match(value)) and len(value) <= 8


def _initials_or_acronym(span: str, letter: Letter, votes: Sequence[Flag]) -> str:
    """Initials, unless a word of three capitals or more is a given name ("KAY" under a letter), a word
    under an all-capitals letter ("BRAD"), or an acronym in running prose, a body ("at the LUMC")."""
    value = span.strip()
    if re.fullmatch(r"[^\W\d_]{3,}", value) and value.islower() and re.search(r"[aeiouy]", value):
        given = value in lexicon.given_names()
        return "NAME" if given or not is_ordinary(value) else "INITIALS"  # "flo" under a letter
    if not re.fullmatch(r"[A-Z]{3,}", value):
        return "INITIALS"
    signed = any(v.label == "INITIALS" and v.source == "context" for v in votes)
    if signed and value.lower() in lexicon.given_names() and value.lower() not in lexicon.common_words():
        return "NAME"  # "PIA" under a letter
    if is_uppercase_letter(letter.text):
        vowels = sum(c in "AEIOUY" for c in value)
        given = value.lower() in lexicon.given_names() or len(value) >= 4  # initials are short: "MAGS"
        return "NAME" if vowels and (given or not is_ordinary(value)) else "INITIALS"  # "BILL", "LING"
    if signed:
        return "INITIALS"  # under a closing: the writer's initials
    return "ORGANISATION"


def _common_noun(text: str, flag: Flag) -> bool:
    """An ordinary word after "the" ("walked up the dale"): what it is there says nothing of the same word
    as a name elsewhere in the letter ("Dale was born in ...")."""
    span = text[flag.start : flag.end].strip()
    return (
        " " not in span
        and is_ordinary(POSSESSIVE.sub("", span))
        and text[max(0, flag.start - 4) : flag.start].lower() == "the "
    )


def label_flags(
    flags: Sequence[Flag],
    votes: Sequence[Flag],
    letter: Letter,
    decided: dict[tuple[int, int], tuple[str, bool]] | None = None,
) -> list[Flag]:
    """Name every merged flag's kind (see the module's docstring); `votes` are the layers' flags before the
    merge. The flags keep their offsets and order. `decided` keeps each span's kind between two calls on
    one letter (before and after the repeat layer), so a span is judged once."""
    decided = {} if decided is None else decided
    votes = sorted(votes, key=lambda v: v.start)
    starts = [v.start for v in votes]
    for flag in flags:
        key = (flag.start, flag.end)
        if key in decided:
            continue
        if flag.label not in WORDY:
            decided[key] = (flag.label, True)
            continue
        first = bisect_left(starts, flag.start)
        inside = [v for v in votes[first : bisect_right(starts, flag.end)] if v.end <= flag.end]
        decided[key] = kind_of(flag, letter, inside)
    text = letter.text
    sure_kinds: dict[str, set[str]] = {}
    for flag in flags:
        label, sure = decided[(flag.start, flag.end)]
        if sure and label in KINDS and not _common_noun(text, flag):
            sure_kinds.setdefault(_bare(text[flag.start : flag.end]), set()).add(label)
    result = []
    for flag in flags:
        label, sure = decided[(flag.start, flag.end)]
        if not sure and label in KINDS:
            elsewhere = sure_kinds.get(_bare(text[flag.start : flag.end]), set())
            if len(elsewhere) == 1:
                label = next(iter(elsewhere))
        if label != flag.label:
            flag = Flag(flag.start, flag.end, label, flag.source, flag.confidence)
        result.append(flag)
    return result
