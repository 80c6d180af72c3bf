"""The words a writer reads about the rules: one per code, through gettext, translated by a catalogue."""

import ast
import datetime
import itertools
import struct
from pathlib import Path

import pytest
from django.utils import timezone, translation

from correspondence import words
from correspondence.models import Letter
from correspondence.selectors import PatientStanding, contact_with_standing, decision_with_standing
from correspondence.services.policy import letter_policy_screen
from policies import explain
from policies.rules import (
    CentreOverride,
    Code,
    CountryRule,
    PolicyContext,
    Reason,
    decide,
    direct_contact,
    reason,
)
from tests.factories import DonationFactory, LetterFactory, PatientFactory, TransplantCentreFactory

DE = CountryRule("DE", True, True, 24, source="dkms.de")
GB = CountryRule("GB", True, True, 24, "last_transplant", "recipient", source="anthonynolan.org")
FR = CountryRule("FR", True, False, None, source="legifrance")
NL = CountryRule("NL", True, False, None, max_letters_per_side=1, source="forum", verified=False)
JP = CountryRule("JP", True, False, None, letter_window_months=24, source="jmdp.or.jp")
XX = CountryRule("BE", False, False, None, source="none")
RULES = {"DE": DE, "GB": GB, "FR": FR, "NL": NL, "JP": JP, "BE": XX, "KE": None}


# What the patient's side can say, which the correspondence adds to the rules' answers.
STANDINGS = (
    PatientStanding(),
    PatientStanding(declined=True),
    PatientStanding(stopped=True),
    PatientStanding(awaiting=("relapsed",)),
)


def sample_reasons() -> dict[Code, Reason]:
    """One reason of every code, as the app gives them (the rules over many cases, then the patient's
    standing)."""
    found: dict[Code, Reason] = {}
    for (donor, recipient), product, sent, centre, first, consent, direction in itertools.product(
        itertools.product(RULES, repeat=2),
        ("fresh", "cryopreserved", "cord"),
        (0, 2),
        (CentreOverride(code="C1"), CentreOverride(code="C2", allows_anonymous_correspondence=False,
                                                   allows_direct_contact=False)),
        (None, datetime.date(2026, 3, 1)),
        ((None, None, None), ("withdrawn", "given", "donor")),
        ("donor_to_patient", "patient_to_donor"),
    ):  # fmt: skip
        context = PolicyContext(
            donor, recipient, RULES[donor], RULES[recipient], first, product=product, letters_sent=sent,
            centre=centre, donor_consent=consent[0], patient_consent=consent[1],
            contact_requested_by=consent[2], direction=direction,
        )  # fmt: skip
        for on, standing in itertools.product(
            (datetime.date(2026, 1, 1), datetime.date(2031, 1, 1)), STANDINGS
        ):
            decision = decision_with_standing(decide(context, on=on), standing)
            contact = contact_with_standing(direct_contact(context, on=on), standing)
            for r in (*decision.reasons, *contact.reasons, *contact.missing):
                found.setdefault(r.code, r)
    return found


SAMPLES = sample_reasons()


def test_the_rules_give_every_code_and_every_code_has_words() -> None:
    """Each code is reachable, staff have a sentence for it, and writers words (or it is for staff only)."""
    assert set(SAMPLES) == set(Code)
    assert set(explain.SENTENCES) == set(Code)
    assert set(words.REASONS) | set(words.MISSING) | words.STAFF_ONLY == set(Code)


@pytest.mark.parametrize(
    ("given", "plain"),
    [
        pytest.param(
            reason(Code.CORD_BLOOD_NO_LETTERS),
            "No letters are exchanged about a cord blood donation.",
            id="no-citation",
        ),
        pytest.param(
            reason(Code.BEFORE_TRANSPLANT, transplant=datetime.date(2026, 12, 15)),
            "Letters may travel from the day of transplant.",
            id="no-hold-date-prefix",
        ),
        pytest.param(
            reason(
                Code.NO_ANONYMOUS_LETTERS,
                country="DE",
                source="Standards (via akb.de); dkms.de",
                verified=True,
            ),
            "Germany allows no anonymous letters.",
            id="country-named",
        ),
        pytest.param(
            reason(Code.CENTRE_NO_ANONYMOUS_LETTERS, centre="US-ALICE", country="US"),
            "The recipient's transplant centre allows no anonymous correspondence.",
            id="no-centre-code",
        ),
        pytest.param(
            reason(
                Code.LETTER_CAP_REACHED, side="patient", sent=1, cap=1, country="TW", source="", verified=True
            ),
            "The patient's side has already sent 1 letter and Taiwan allows at most 1 each way.",
            id="everyday-country-name-and-one-letter",
        ),
        pytest.param(
            reason(Code.RECIPIENT_ASKS_FIRST, countries=("GB", "IE"), source="", verified=True),
            "United Kingdom and Ireland want the recipient to ask first.",
            id="two-countries",
        ),
        pytest.param(reason(Code.RULE_UNVERIFIED, country="NL", source="forum"), "", id="staff-only-note"),
    ],
)
def test_it_words_a_reason_for_the_writer(given: Reason, plain: str) -> None:
    """Writers read what applies: no rule citation, no centre code, country names instead of codes."""
    with translation.override("en"):
        assert words.reason_for_writer(given) == plain


def _msgids() -> set[str]:
    """Every string words.py hands to gettext or ngettext (singular and plural joined by NUL)."""
    tree = ast.parse(Path(words.__file__).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            texts = [
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            found.add("\0".join(texts[:2]) if node.func.id == "ngettext" else texts[0])
    return found


def write_mo(path: Path, catalogue: dict[str, str]) -> None:
    """Write a compiled GNU gettext catalogue (.mo), as msgfmt would, for the messages given."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    entries = sorted({"": header, **catalogue}.items())
    ids = [key.encode() for key, _ in entries]
    strs = [value.encode() for _, value in entries]
    start = 7 * 4 + 16 * len(entries)
    id_offsets, offset = [], start
    for text in ids:
        id_offsets += [len(text), offset]
        offset += len(text) + 1
    str_offsets = []
    for text in strs:
        str_offsets += [len(text), offset]
        offset += len(text) + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        struct.pack("Iiiiiii", 0x950412DE, 0, len(entries), 7 * 4, 7 * 4 + 8 * len(entries), 0, 0)
        + struct.pack(f"{len(id_offsets)}i", *id_offsets)
        + struct.pack(f"{len(str_offsets)}i", *str_offsets)
        + b"".join(text + b"\0" for text in ids)
        + b"".join(text + b"\0" for text in strs)
    )


@pytest.fixture
def pseudo_language(settings, tmp_path: Path) -> str:
    """A language whose catalogue (and nothing else) wraps every writer string of words.py in ⟪ ⟫."""
    write_mo(
        tmp_path / "xx" / "LC_MESSAGES" / "django.mo",
        {msgid: "\0".join(f"⟪{form}⟫" for form in msgid.split("\0")) for msgid in _msgids()},
    )
    settings.LOCALE_PATHS = [tmp_path]
    return "xx"


def test_every_writer_word_comes_from_the_catalogue(pseudo_language: str) -> None:
    """With a catalogue for a language, every reason, missing item and intro a writer reads is translated:
    nothing is built outside gettext, so translating needs only a .po file."""
    with translation.override(pseudo_language):
        for sample in SAMPLES.values():
            text = words.reason_for_writer(sample) if sample.code in words.REASONS else ""
            text = text or (words.missing_for_donor(sample) if sample.code in words.MISSING else "")
            if sample.code in words.STAFF_ONLY:
                assert text == ""
            else:
                assert text.startswith("⟪") and text.endswith("⟫"), (sample.code, text)
        held = decide(
            PolicyContext("DE", "DE", DE, DE, datetime.date(2027, 1, 1)), on=datetime.date(2026, 1, 1)
        )
        lines = [*words.hold_for_writer(held).splitlines(), *words.refusal_for_writer(held).splitlines()]
        assert all(line.startswith("⟪") and line.endswith("⟫") for line in lines), lines


GERMAN = {
    "The rules that apply to your letter do not allow it to be sent:": (
        "Die Regeln, die für Ihren Brief gelten, erlauben nicht, ihn zu senden:"
    ),
    "%(country)s allows no anonymous letters.": "%(country)s erlaubt keine anonymen Briefe.",
    "The recipient's transplant centre allows no anonymous correspondence.": (
        "Das Transplantationszentrum des Empfängers erlaubt keinen anonymen Briefwechsel."
    ),
}


@pytest.mark.django_db
def test_a_refusal_reaches_the_writer_in_their_language(settings, tmp_path: Path) -> None:
    """A decision's reasons are translated end to end by a catalogue alone, country names included."""
    write_mo(tmp_path / "de" / "LC_MESSAGES" / "django.mo", GERMAN)
    settings.LOCALE_PATHS = [tmp_path]
    centre = TransplantCentreFactory(country="DE", allows_anonymous_correspondence=False)
    donation = DonationFactory(donor__registry_country="DE", patient=PatientFactory(centre=centre))
    # The seed's DE row allows anonymous letters: the centre's own rule refuses this one.
    letter = LetterFactory(donation=donation, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())

    with translation.override("de"):
        decision = letter_policy_screen(letter=letter, on=datetime.date(2026, 6, 1))
        assert words.reason_for_writer(reason(Code.NO_ANONYMOUS_LETTERS, **XX.cited)) == (
            "Belgien erlaubt keine anonymen Briefe."
        )

    assert decision.action == "refuse"
    assert letter.status_reason == (
        "Die Regeln, die für Ihren Brief gelten, erlauben nicht, ihn zu senden:\n"
        "Das Transplantationszentrum des Empfängers erlaubt keinen anonymen Briefwechsel."
    )
    # Staff read the rules' own sentences, in English, whatever the writer's language.
    assert letter.policy_reasons[0].startswith("Refused: transplant centre")
