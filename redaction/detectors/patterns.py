"""Regular patterns: e-mails, phones, URLs, handles, reference numbers, postcodes, addresses and dates."""

# ruff: noqa: RUF001  (letters use typographic apostrophes, dashes and non-Latin letters on purpose)

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from redaction import lexicon
from redaction.detectors.text import is_lowercase_letter, is_uppercase_letter
from redaction.lexicon import GRAMMAR_WORDS, MONTHS, is_ordinary, words
from redaction.types import Flag, Letter

TLDS = (
    "com|org|net|edu|gov|info|biz|io|me|co|uk|de|ca|au|nz|in|ie|fr|es|it|nl|pl|br|mx|cl|ar|za|ch|at|be|se|"
    "no|dk|fi|jp|kr|cn|tw|hk|sg|my|ph|pk|bd|lk|ke|ng|eg|tr|ir|il|ru|ua|pt|gr|cz|hu|ro|is|ee|lt|lv|sk|si|hr|"
    "rs|pe|ve|uy|py|bo|ec|cr|gt|do|pr|cu|ma|tn|gh|tz|ug|et|sa|ae|qa|kw|jo|lb|np|vn|th|id|us|eu|ly|tv|app|"
    "dev|online|site|shop|store|blog"
)
AT = r"(?:\s*[(\[]\s*(?:at|arroba|AT|ARROBA)\s*[)\]]\s*|\s+(?:at|arroba|AT|ARROBA)\s+)"
_DOT_WORD = r"(?:dot|punto|ponto|point|DOT|PUNTO)"
DOT = rf"(?:\s*[(\[]\s*{_DOT_WORD}\s*[)\]]\s*|\s+{_DOT_WORD}\s+|\.)"
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
SPOKEN_EMAIL = re.compile(
    rf"\b[\w+-]{{1,64}}(?:{DOT}[\w+-]{{1,64}}){{0,4}}{AT}[\w-]{{1,63}}(?:{DOT}[\w-]{{1,63}}){{0,4}}{DOT}(?:{TLDS})\b"
)
URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"]{{1,300}}"
    rf"|\b[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{0,6}}\.(?:{TLDS})\b(?:/[^\s<>\"]{{0,300}})?",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w@.])[@#][A-Za-z0-9_](?:[A-Za-z0-9_.]{0,60}[A-Za-z0-9_])?")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{5,22}\d(?![\w])")
# Reference numbers: letters and digits in groups, at least one digit ("REG-2231-0587", "PX4410962").
REFERENCE = re.compile(
    r"(?<![\w/.-])[A-Z0-9]{1,20}(?:[-/][A-Z0-9]{1,20}){1,6}(?![\w/-])|(?<![\w-])(?=[A-Z]{0,20}\d)[A-Z0-9]{5,30}(?![\w-])",
    re.IGNORECASE,  # "ab-7302-1148" in a letter written without capitals
)
REFERENCE_CUE = re.compile(
    r"\b(?:id|ref|reference|case|file|patient|donor|registry|record|member|membership|policy|"
    r"plate|registration|code|number|no|nr|nº|#)\b\.?\s*(?:number|no\.?|nr\.?|id|code|is|was|:|#)*\s*[:#]?\s*",
    re.IGNORECASE,
)
HANDLE_CUE = re.compile(
    r"\b(?:instagram|insta|ig|snapchat|snap|tiktok|twitter|x|facebook|fb|wechat|weixin|line|kakao|kakaotalk|"
    r"telegram|signal|discord|skype|threads|bluesky|mastodon|strava|handle|username|user\s?name|account|"
    r"whatsapp|viber|linkedin|youtube|channel|page|profile|gamertag|psn|xbox)\b",
    re.IGNORECASE,
)
# What may stand between a platform's name and the id on it ("Instagram: ", "WeChat id is ").
HANDLE_LEAD = re.compile(
    r"[\s:,()\-–—]*(?:(?:is|as|at|id|handle|name|page|me|on|it's|its|under)\b[\s:,]*)*", re.IGNORECASE
)
BARE_HANDLE = re.compile(r"@?[A-Za-z0-9][A-Za-z0-9_.\-]{0,60}[A-Za-z0-9_]")
# The code after a reference cue ("case no. KGH-7734").
CUED_CODE = re.compile(r"[A-Z0-9][A-Z0-9\-/ ]{2,20}[A-Z0-9]\b|[A-Z0-9]{4,}\b")
POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # United Kingdom
    r"|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"  # Canada
    r"|\b\d{4}\s?(?P<dutch>[A-Z]{2})\b(?=\s+[A-Z])"  # Netherlands, before the town
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # United States, with the state
    r"|\b(?:VIC|NSW|QLD|TAS|ACT|NT|SA|WA)\s+\d{4}\b"  # Australia, with the state
    r"|\b\d{4,5}(?=\s+[A-ZÄÖÜÁ-Ž][a-zäöüßá-ž]+)"  # 93047 Regensburg
    r"|\b\d{3}\s\d{2}(?=\s+[A-ZÁ-Ž][a-zá-ž]+)"  # 779 00 Olomouc, 113 51 Stockholm
    r"|\b\d{2}-\d{3}(?=\s+[A-ZÀ-Ž][a-zà-ž]+)"  # 20-001 Lublin
    r"|\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y][AC-FHKNPRTV-Y\d]{3}\b"  # Ireland's Eircode
)
# Postcodes as letters written without capitals have them: "sw1a 2aa", "k1a 0b6", "d08 x2r5" (an Eircode
# with a digit in its last four, so "e17 park" stays a park); "2nd" and "3rd" end no postcode.
LOWER_POSTCODE = re.compile(
    r"\b[a-z]{1,2}\d[a-z\d]?\s?\d(?!st\b|nd\b|rd\b|th\b)[a-z]{2}\b"  # United Kingdom
    r"|\b[a-z]\d[a-z]\s?\d[a-z]\d\b"  # Canada
    r"|\b[ac-fhknprtv-y]\d{2}\s?(?=[a-z\d]{0,3}\d)[ac-fhknprtv-y][ac-fhknprtv-y\d]{3}\b"  # Ireland
)
US_STATE_CODES = frozenset(
    words(
        "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm "
        "ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc"
    )
)
# A state and ZIP code after a town, without capitals: "salem, or 97301".
LOWER_STATE_ZIP = re.compile(r",\s*(([a-z]{2})\s+\d{5}(?:-\d{4})?)\b")
# A town, then its postcode: "Boise, 83702", "Leiria 2400".
TOWN_POSTCODE = re.compile(
    r"\b[A-ZÀ-Ž][a-zà-ž]{2,30},?\s(?!(?:19|20)\d\d\b)(\d{4,5}(?:-\d{4})?)\b"
    r"(?!\s*(?:people|steps|km|miles|metres|meters|%|euros?|dollars?|pounds?|times|words|cells))"
)
# The town and its postcode after a street: "9 kowhai rd, otaki 5512".
STREET_TOWN = re.compile(
    r"\b(?:rd|st|ave|road|lane|drive|close|street)\.?,\s+([A-Za-z][\w'-]{1,40}\s+\d{4,5})\b", re.IGNORECASE
)
POSTCODE_CUE = re.compile(
    r"\b(?:zip|zip\s?code|postcode|post\s?code|postal\s?code|cep|plz|eircode|pin\s?code|pincode)\b[\s:]*"
    r"(?:is\s+|was\s+)?([A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9])\b",
    re.IGNORECASE,
)
WARD = re.compile(r"\b(?:[Ww]ard|Unit|Station|Pod|Wing)\s+(?:\d{1,3}[A-Za-z]?|[A-Z]\d{0,2})\b")
SPORTS_CLUB = re.compile(
    r"(?<!\w)(?:\d\.\s?)?(?:FC|SC|SV|AFC|CF|AC|FK|SK|NK|TSV|VfB|VfL|BV|SpVgg|RC|CD|CA|KS|GKS)\s+"
    r"[A-ZÄÖÜ][\w-]{1,40}(?:\s+[A-Z0-9][\w-]{1,40})?"
)
PLATE = re.compile(r"\b[A-Z]{2,3}\s\d{3,4}[A-Z]\b")
UNDERSCORED = re.compile(
    r"(?<![\w@.])[A-Za-z0-9]{1,40}(?:[._][A-Za-z0-9]{1,40}){0,6}_[A-Za-z0-9_.]{0,40}[A-Za-z0-9]"
)
STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Crescent|Cres|Court|Ct|Place|Pl|"
    r"Terrace|Tce|Gardens|Grove|Row|Parade|Highway|Hwy|Circle|Cir|Square|Sq|Mews|Walk|Hill|Rise|View"
)
ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’.-]{{0,40}}\s+){{1,4}}(?:{STREET_TYPES})\b\.?"
    r"|\b[A-ZÄÖÜ][\wäöüß-]{0,40}(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|laan|straat|gracht|"
    r"vej|gatan|gata|veien|ulica|utca)\s+\d{1,4}[a-z]?\b"
    r"|\b(?:Calle|Avenida|Av\.|Rua|Via|Viale|Corso|Piazza|Rue|Boulevard|ul\.|Jalan|Jl\.)\s+"
    r"(?:[\w'’.-]{1,40}\s+){1,4}?\d{1,5}[A-Za-z]?\b"
    r"|\b[A-ZÄÖÜÁ-Ž][\wäöüß'’-]{1,40}\s+(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm|Sokak|Sokağı|"
    r"Caddesi|Cad\.)\s*(?:No:?\s*)?\d{1,4}[a-z]?\b"
    r"|\b\d{1,5}\s+(?:Sokak|Sokağı|Caddesi|Cad\.)(?:\s+No:?\s*\d{1,4})?"
    r"|\b[A-ZÄÖÜÁ-Ž][\w'’-]{1,40}(?:\s[A-ZÄÖÜÁ-Ž][\w'’-]{1,40})?\s\d{1,4}[a-z]?(?=,\s*(?:\d{3,5}|[A-Z]{1,2}\d))"
    r"|\b\d{1,5}\s+(?:rue|avenue|boulevard|chemin|route|rang|calle|avenida|rua|via)(?:\s+[A-ZÉÈ][\w'’-]{0,40}){1,4}"
    # A house number and a street without a street word, before the town: "27 Heol y Nant, Whitchurch".
    r"|\b(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?\s+(?:[A-ZÀ-Þ][\w'’-]{0,40}\s+(?:(?:y|de|del|la|le|van|von|am|an)\s+)?){0,3}"
    r"[A-ZÀ-Þ][\w'’-]{0,40}(?=,\s*[A-ZÀ-Þ])"
    r"|\b(?:P\.?\s?O\.?\s+)?Box\s+\d+\b|\b(?:Apartado|Caixa Postal|Casilla)\s+\d+\b"
    r"|\b\d{1,5}\s+[a-z]{1,40}(?:\s+[a-z]{1,40})?\s+(?:rd|st|road|street|ave|avenue|lane|drive|crescent|place)\b"
)

MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
ORD = r"(?:st|nd|rd|th|er|º|ª|\.)?"
YEAR = r"(?:\d{4}|'\d{2})"
# Days written as words: "the twelfth of May", "May the first".
WORD_DAY = (
    r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
# Every date starts at a word's start with a digit or the first letter of a month or of a day's word, or
# after a space with an apostrophe, or with a year before 年: the look-ahead lets the engine pass most
# positions without trying each alternative (finditer over a 335-word letter 2.5 -> 0.9 ms, same matches).
_DATE_FIRST = re.escape("".join(sorted({w[0].lower() for w in (*MONTHS, *re.findall(r"[a-z]+", WORD_DAY))})))
DATES = re.compile(
    rf"(?=\b[\d{_DATE_FIRST}{_DATE_FIRST.upper()}]|(?<=\s)'|\d{{4}}\s*年)(?:"
    rf"\b(?:{WORD_DAY})\s+(?:of\s+)?(?:{MONTH})\b(?:,?\s+{YEAR}\b)?"
    rf"|\b(?:{MONTH})\s+(?:the\s+)?(?:{WORD_DAY})\b(?:,?\s+{YEAR}\b)?|"
    rf"\b\d{{1,2}}{ORD}(?:\s+of|\s+de|\s*-)?\s+(?:{MONTH})\b\.?(?:,?\s+(?:de\s+|del\s+)?{YEAR}\b)?"
    rf"|\b(?:{MONTH})\b\.?\s+(?:the\s+)?\d{{1,2}}{ORD}\b(?:,?\s+{YEAR}\b)?"
    rf"|\b(?:{MONTH})\b\.?,?\s+(?:of\s+|de\s+)?(?:\d{{4}}|'\d{{2}})\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})\b"
    r"|\b\d{1,2}\.\s?\d{1,2}\.(?!\d)"
    r"|\b\d{1,2}/\d{1,2}\b(?!/)"
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|\b(?:19|20)\d{2}\b(?!s|'s|\s*(?:%|kg|km|m\b|people|steps|metres|meters|miles))"
    r"|(?<=\s)'\d{2}\b)",
    re.IGNORECASE,
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
)
DAY_ORDINAL = re.compile(
    rf"\b{WEEKDAY}\.?,?\s+(?:the\s+)?([12]?\d|3[01])(?:st|nd|rd|th)\b|"
    r"\b(?:on|by|since|until|till|from|before|after|of|and|or)\s+the\s+([12]?\d|3[01])(?:st|nd|rd|th)\b"
    # "on the 8th floor" and "by the 3rd round" count things, not days.
    r"(?!\s+(?:floor|grade|time|times|round|rounds|cycle|dose|day|week|month|year|place|birthday|anniversary|"
    r"attempt|try|session|level|generation|century|storey|story|edition|child|grandchild|transplant|match))"
    r"|\bthe\s+([12]?\d|3[01])(?:st|nd|rd|th)\b(?=\s*(?:[,.;!?)]|$|and\b|or\b|was\b|is\b|when\b))",
    re.IGNORECASE,
)
NOT_DATE_FRACTION = re.compile(r"^(?:\d+/10|24/7|50/50|1/2|1/3|2/3|1/4|3/4)$")
PHONE_REGIONS = ("US", "GB", "DE", "IN", "AU", "CA", "FR", "ES", "IT", "NL", "PL", "BR", "MX", "ZA", "IE")
PHONE_CUE = re.compile(
    r"\b(?:phone|tel|telephone|mobile|cell|call|ring|text|whatsapp|number|sms|signal|viber|landline|"
    r"móvil|celular|handy|telefon|teléfono|telefone)\b",
    re.IGNORECASE,
)
# A number right after these is a registry's or a hospital's, even when it looks like a phone number:
# "my donor ID is 1187-3342-6", "her hospital number is 321 654 9870".
ID_CUE = re.compile(
    r"\b(?:id|donor|patient|hospital|nhs|chi|h&c|case|reference|ref|registry|record|file|member|"
    r"membership|policy|passport|insurance|registration)\b\.?\s*(?:id|no\.?|nr\.?|number|#|code)?\s*"
    r"(?:is|was|:|#)?\s*(?:\w+\s+){0,1}?$",
    re.IGNORECASE,
)


def _strip_trailing(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"’”":
        end -= 1
    return end


class ContactDetector:
    """E-mail addresses (also spelt out: "name at mail dot com"), URLs, handles and phone numbers."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        for pattern, confidence in ((EMAIL, 0.99), (SPOKEN_EMAIL, 0.9), (URL, 0.95), (HANDLE, 0.9)):
            for m in pattern.finditer(text):
                end = _strip_trailing(text, m.start(), m.end())
                if pattern is URL and not _looks_like_url(text[m.start() : end]):
                    continue
                if pattern is HANDLE and not re.search(r"[A-Za-z]", m.group()):
                    continue
                yield Flag(m.start(), end, "CONTACT", "pattern", confidence)
        yield from self._phones(text)
        for m in UNDERSCORED.finditer(text):
            yield Flag(m.start(), m.end(), "CONTACT", "pattern", 0.8)
        yield from self._handles_after_cue(letter)

    def _phones(self, text: str) -> Iterator[Flag]:
        for m in PHONE.finditer(text):
            start, end = m.start(), _strip_trailing(text, m.start(), m.end())
            while end > start and not text[end - 1].isdigit():
                end -= 1
            candidate = text[start:end]
            digits = re.sub(r"\D", "", candidate)
            if (
                not 7 <= len(digits) <= 15
                or "  " in candidate
                or "\n\n" in candidate
                or candidate.count("\n") > 1
            ):
                continue
            if DATES.fullmatch(candidate.strip()) or re.fullmatch(
                r"(?:19|20)\d{2}\s*[-/]\s*(?:19|20)?\d{2}", candidate
            ):
                continue
            before = text[max(0, start - 40) : start]
            cue = PHONE_CUE.search(before)
            label = (
                "CONTACT" if cue or candidate.startswith(("+", "0", "(")) or _valid_phone(candidate) else "ID"
            )
            if ID_CUE.search(before) and not candidate.startswith(("+", "(")):
                label = "ID"
            yield Flag(start, end, label, "pattern", 0.9)

    def _handles_after_cue(self, letter: Letter) -> Iterator[Flag]:
        """A bare id right after a platform's name ("on Instagram: tilly.jx9", "WeChat id marco_b")."""
        text = letter.text
        for cue in HANDLE_CUE.finditer(text):
            m = HANDLE_LEAD.match(text, cue.end())
            pos = m.end() if m else cue.end()
            handle = BARE_HANDLE.match(text, pos)
            if not handle:
                continue
            word = handle.group()
            if re.search(r"[\d_.]", word) or (word.islower() and len(word) >= 5 and not _is_common(word)):
                yield Flag(handle.start(), handle.end(), "CONTACT", "context", 0.8)


def _is_common(word: str) -> bool:
    return is_ordinary(word)


def _looks_like_url(candidate: str) -> bool:
    lower = candidate.lower()
    if lower.startswith(("http", "www.")):
        return True
    host = lower.split("/", 1)[0]
    labels = host.split(".")
    # "e.g", "a.m" and "i.e" are not addresses; real hosts have a label of three letters or more.
    return len(labels) >= 2 and any(len(label) >= 3 for label in labels[:-1])


def _valid_phone(candidate: str) -> bool:
    try:
        if candidate.startswith(("+", "00")):
            number = phonenumbers.parse(
                "+" + candidate.lstrip("+0") if candidate.startswith("00") else candidate
            )
            return phonenumbers.is_possible_number(number)
        for region in PHONE_REGIONS:
            if phonenumbers.is_possible_number(phonenumbers.parse(candidate, region)):
                return True
    except phonenumbers.NumberParseException:
        return False
    return False


# Codes of medicine, not of people: their letters, digits left out.
MEDICAL_CODES = frozenset(
    {"covid", "cd", "gcsf", "hn", "hla", "il", "cmv", "ebv", "vitamin", "mp", "aml", "all", "cml", "mds"}
)


class ReferenceDetector:
    """Donor, patient and case numbers, and any other code mixing letters and digits."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        shouted = is_uppercase_letter(text)
        for m in REFERENCE.finditer(text):
            value = m.group()
            digits = sum(c.isdigit() for c in value)
            if digits == 0 or sum(c.isalnum() for c in value) < 5:
                continue
            if DATES.fullmatch(value) or NOT_DATE_FRACTION.match(value):
                continue
            if re.fullmatch(r"(?:19|20)\d{2}[-/](?:19|20)?\d{2}", value) or re.fullmatch(
                r"\d+(?:ST|ND|RD|TH)", value, re.IGNORECASE
            ):
                continue
            if value.isdigit() and len(value) < 6:
                continue
            if re.fullmatch(r"\d{1,3}[-/]\d{1,3}", value):
                continue  # "100-200", a range
            if "".join(c for c in value.lower() if c.isalpha()) in MEDICAL_CODES:
                continue  # "COVID-19", "G-CSF", "CD34"
            if any(len(part) >= 3 and _is_common(part) for part in re.findall(r"[a-z]+", value)):
                continue  # "31-year-old", "under-10s"; capitals are codes ("KGH-HEM-23-0457")
            if shouted and _words_in_capitals(value):
                continue  # "31-YEAR-OLD" in a letter written in capitals
            yield Flag(m.start(), m.end(), "ID", "pattern", 0.85)
        for m in PLATE.finditer(text):
            yield Flag(m.start(), m.end(), "ID", "pattern", 0.7)
        for cue in REFERENCE_CUE.finditer(text):
            code = _cued_code(text, cue.end())
            if code is None:
                continue
            start, end = code
            value = text[start:end]
            if any(c.isdigit() for c in value) or (value.isupper() and len(value) >= 4 and " " not in value):
                if DATES.fullmatch(value):
                    continue
                yield Flag(start, end, "ID", "context", 0.8)


def _cued_code(text: str, pos: int) -> tuple[int, int] | None:
    """The code after a reference cue, up to its first ordinary word: "NUMBER IS KGH 7734 AND" is "KGH
    7734"; "DONOR IN 2019 WHEN" and "NO REASON" hold none, since a code does not open with a word."""
    code = CUED_CODE.match(text, pos)
    if not code:
        return None
    end = None
    for part in re.finditer(r"\S+", code.group()):
        word = part.group()
        if not any(c.isdigit() for c in word) and _plain_word(word):
            break
        end = code.start() + part.end()
    return None if end is None else (code.start(), end)


def _plain_word(word: str) -> bool:
    """An English word rather than part of a code: grammar ("IN", "AM"), or frequent or ordinary and no
    name ("REASON", "CALLED", "KANGAROOS")."""
    lower = word.lower().strip("-/")
    if lower in GRAMMAR_WORDS:
        return True
    if len(lower) <= 2 or is_ordinary(lower):
        return len(lower) > 2  # "GR 2241-22": two letters open a plate
    return lower in lexicon.common_words() and lower not in lexicon.given_names()


def _words_in_capitals(value: str) -> bool:
    """A hyphenated phrase in capitals ("31-YEAR-OLD", "UNDER-10S"): its words of three letters or more
    are all frequent English words."""
    parts = [p for p in re.findall(r"[A-Za-z]+", value) if len(p) >= 3]
    return bool(parts) and all(p.lower() in lexicon.common_words() for p in parts)


def _shouted_word(letters: str, text: str, end: int) -> bool:
    """The two letters after four digits are an English word in capitals ("BORN 1966 IN LEEDS"), not a
    Dutch postcode's ("1017 AB Amsterdam"): a grammar word before a word in capitals."""
    if letters.lower() not in GRAMMAR_WORDS:
        return False
    nxt = re.match(r"\s+([^\W\d_][\w'’-]*)", text[end:])
    return nxt is not None and nxt.group(1).isupper()


STREET_WORDS = frozenset(w.lower() for w in STREET_TYPES.split("|")) | {"box"}


def _no_house(value: str) -> bool:
    """An address match that is a date ("12 SEPTEMBER, I ..."), a year or a count before a grammar word
    ("1989 IN SYLHET", "2024 in st james's"), or an age or a count in capitals before ordinary words ("68
    YEARS OLD, A ...", "3 WEEKS, AND"): capitals say nothing in a letter written in them."""
    if DATES.fullmatch(value.strip()):
        return True
    m = re.match(r"\d{1,5}[A-Za-z]?,?\s+([^\W\d_][\w'’.-]*)", value)
    if not m:
        return False
    first = m.group(1).lower()
    if first in GRAMMAR_WORDS and first != "the":  # "12 The Avenue" is an address
        return True
    found = re.findall(r"[^\W\d_][\w'’-]*", value[m.start(1) :])
    return (
        all(w.isupper() for w in found)
        and not any(w.lower() in STREET_WORDS for w in found)
        and all(is_ordinary(w) for w in found)
    )


class PostcodeDetector:
    """Postcodes and street addresses."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        for m in POSTCODE.finditer(text):
            value = m.group()
            if value.isdigit() and DATES.fullmatch(value):
                continue
            if m.group("dutch") and _shouted_word(m.group("dutch"), text, m.end()):
                continue
            yield Flag(m.start(), m.end(), "LOCATION", "pattern", 0.8)
        for m in ADDRESS.finditer(text):
            if _no_house(m.group()):
                continue
            yield Flag(m.start(), _strip_trailing(text, m.start(), m.end()), "LOCATION", "pattern", 0.85)
        for m in TOWN_POSTCODE.finditer(text):
            if not _is_common(m.group().split()[0].rstrip(",")):  # "Over 15000 donors" is no town
                yield Flag(m.start(1), m.end(1), "LOCATION", "pattern", 0.6)
        for m in STREET_TOWN.finditer(text):
            yield Flag(m.start(1), m.end(1), "LOCATION", "pattern", 0.8)
        for m in POSTCODE_CUE.finditer(text):
            if any(c.isdigit() for c in m.group(1)):
                yield Flag(m.start(1), m.end(1), "LOCATION", "context", 0.8)
        if is_lowercase_letter(letter.doc):
            for m in LOWER_POSTCODE.finditer(text):
                yield Flag(m.start(), m.end(), "LOCATION", "pattern", 0.7)
            for m in LOWER_STATE_ZIP.finditer(text):
                if m.group(2) in US_STATE_CODES:
                    yield Flag(m.start(1), m.end(1), "LOCATION", "pattern", 0.7)
        for m in WARD.finditer(text):
            yield Flag(m.start(), m.end(), "ORGANISATION", "pattern", 0.7)
        for m in SPORTS_CLUB.finditer(text):
            yield Flag(m.start(), m.end(), "ORGANISATION", "pattern", 0.8)


class DateDetector:
    """Calendar dates in numeric, written and ordinal forms, and years."""

    def find(self, letter: Letter) -> Iterator[Flag]:
        text = letter.text
        for m in DATES.finditer(text):
            value = m.group()
            if NOT_DATE_FRACTION.match(value):
                continue
            first = re.match(r"[A-Za-z]+", value)
            if first and first.group() in (
                "may",
                "mar",
                "jan",
                "sat",
                "sun",
                "dec",
                "tir",
                "dey",
                "mehr",
                "aban",
                "azar",
            ):
                # "we may 2" is not a date; written months are capitalised when they start a date.
                continue
            if (
                re.fullmatch(r"[A-Za-z]+\.?,?\s+\d{4}", value)
                and first
                and first.group().lower()
                in (
                    "mar",
                    "jan",
                    "dec",
                    "tir",
                    "dey",
                    "mehr",
                    "aban",
                    "azar",
                    "sat",
                    "sun",
                )
            ):
                continue
            end = m.end()
            if value.endswith(".") and re.search(r"[a-z]{5,}\.$", value, re.IGNORECASE):
                end -= 1  # "the 9th of June." ends a sentence; "Sept." keeps its stop
            yield Flag(m.start(), end, "DATE", "pattern", 0.85)
        for m in DAY_ORDINAL.finditer(text):
            group = next(g for g in (1, 2, 3) if m.group(g))
            yield Flag(m.start(group), m.end(), "DATE", "pattern", 0.7)
