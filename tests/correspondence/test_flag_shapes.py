"""Caseworkers narrow or split an over-wide flag, choose an "other" kind; readers see the right kind."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from correspondence.models import Flag, Letter, LetterEvent
from correspondence.pets import pet_name_span
from correspondence.services import review
from tests.correspondence.test_review import caseworker, review_url
from tests.factories import LetterFactory

pytestmark = pytest.mark.django_db

BODY = "Dear friend,\n\nWe have a dog, a Labrador, Biscuit, and he loves the beach.\n\nYour donor"
WIDE = "Labrador, Biscuit"


def letter_with_wide_flag(body: str = BODY, label: str = "ORGANISATION") -> tuple[Letter, Flag]:
    letter = LetterFactory(body=body, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    start = body.index(WIDE)
    flag = Flag.objects.create(
        letter=letter, start=start, end=start + len(WIDE), label=label, source="ner", confidence=0.8
    )
    return letter, flag


def span(letter: Letter, word: str) -> tuple[int, int]:
    start = letter.body.index(word)
    return start, start + len(word)


def texts(letter: Letter) -> list[tuple[str, str, str]]:
    return [
        (letter.body[f.start : f.end], f.label, f.decision)
        for f in letter.flags.filter(attachment__isnull=True).order_by("start")
    ]


def test_it_narrows_a_wide_flag_to_the_selection_and_keeps_the_rest():
    letter, flag = letter_with_wide_flag()
    casey = caseworker()
    start, end = span(letter, "Biscuit")
    narrowed = review.flag_narrow(letter=letter, caseworker=casey, start=start, end=end, label="NAME")
    assert narrowed.pk == flag.pk
    assert texts(letter) == [("Biscuit", "NAME", "accepted")]
    assert "a Labrador, [name], and he loves" in review.redacted_text(letter=letter)
    event = LetterEvent.objects.get(letter=letter, kind="flag_narrowed")
    assert event.data["previous_start"] == BODY.index(WIDE) and event.data["previous_label"] == "ORGANISATION"
    assert "Biscuit" not in str(event.data)


def test_it_splits_a_wide_flag_into_the_selection_and_the_rest_to_decide():
    letter, _ = letter_with_wide_flag()
    casey = caseworker()
    start, end = span(letter, "Biscuit")
    pieces = review.flag_split(letter=letter, caseworker=casey, start=start, end=end, label="NAME")
    assert [letter.body[p.start : p.end] for p in pieces] == ["Labrador", "Biscuit"]
    assert texts(letter) == [("Labrador", "ORGANISATION", "pending"), ("Biscuit", "NAME", "accepted")]
    rest = letter.flags.get(start=letter.body.index("Labrador"))
    assert (rest.source, rest.confidence) == ("ner", 0.8)
    review.flag_decide(flag=rest, caseworker=casey, decision="rejected")
    assert "a Labrador, [name], and" in review.redacted_text(letter=letter)
    event = LetterEvent.objects.get(letter=letter, kind="flag_split")
    assert event.data["pieces"] == [{"flag": rest.pk, "start": rest.start, "end": rest.end}]


@pytest.mark.parametrize(
    ("body", "wide", "selected", "rests"),
    [
        pytest.param(
            "I met Lena and Max Brown.", "Lena and Max Brown", "Max", ["Lena", "Brown"], id="middle"
        ),
        pytest.param("I met Lena and Max.", "Lena and Max", "Lena", ["Max"], id="start-drops-and"),
        pytest.param("Hi from (Kassel).", "(Kassel)", "Kassel", [], id="only-punctuation-left"),
    ],
)
def test_it_trims_the_rest_of_a_split_to_words(body, wide, selected, rests):
    letter = LetterFactory(body=body, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    start = body.index(wide)
    Flag.objects.create(letter=letter, start=start, end=start + len(wide), label="NAME", source="ner")
    a, b = span(letter, selected)
    review.flag_split(letter=letter, caseworker=caseworker(), start=a, end=b, label="NAME")
    assert sorted(t for t, _, d in texts(letter) if d == "pending") == sorted(rests)


def test_it_refuses_to_add_a_redaction_inside_a_wider_flag_and_says_what_to_do():
    letter, _ = letter_with_wide_flag()
    start, end = span(letter, "Biscuit")
    with pytest.raises(ValidationError, match="lies inside the flag “Labrador, Biscuit”: narrow"):
        review.flag_add(letter=letter, caseworker=caseworker(), start=start, end=end, label="NAME")
    assert texts(letter) == [(WIDE, "ORGANISATION", "pending")]


def test_it_refuses_to_narrow_where_no_wider_flag_is():
    letter, _ = letter_with_wide_flag()
    start, end = span(letter, "beach")
    with pytest.raises(ValidationError, match="not part of a wider flag"):
        review.flag_narrow(letter=letter, caseworker=caseworker(), start=start, end=end, label="LOCATION")
    whole = span(letter, WIDE)
    with pytest.raises(ValidationError, match="not part of a wider flag"):
        review.flag_split(letter=letter, caseworker=caseworker(), start=whole[0], end=whole[1], label="NAME")


def test_it_narrows_and_splits_by_typed_words_without_javascript(client):
    letter, _ = letter_with_wide_flag()
    client.force_login(caseworker())
    client.post(review_url(letter, "flag_add"), {"text": "biscuit", "label": "NAME", "mode": "narrow"})
    assert texts(letter) == [("Biscuit", "NAME", "accepted")]

    other, _ = letter_with_wide_flag()
    client.post(review_url(other, "flag_add"), {"text": "Biscuit", "label": "NAME", "mode": "split"})
    assert texts(other) == [("Labrador", "ORGANISATION", "pending"), ("Biscuit", "NAME", "accepted")]

    response = client.post(
        review_url(other, "flag_add"), {"text": "beach", "label": "NAME", "mode": "narrow"}, follow=True
    )
    assert "“beach” is not part of a wider flag" in response.content.decode()


def test_it_narrows_by_selected_offsets_through_the_page(client):
    letter, _ = letter_with_wide_flag()
    client.force_login(caseworker())
    start, end = span(letter, "Biscuit")
    client.post(
        review_url(letter, "flag_add"),
        {"start": start, "end": end, "text": "Biscuit", "label": "NAME", "mode": "narrow"},
    )
    assert texts(letter) == [("Biscuit", "NAME", "accepted")]


def test_it_offers_an_other_kind_read_as_redacted():
    letter, flag = letter_with_wide_flag()
    review.flag_relabel(flag=flag, caseworker=caseworker(), label="OTHER")
    assert "a dog, a [redacted], and he loves" in review.redacted_text(letter=letter)
    start, end = span(letter, "beach")
    review.flag_add(letter=letter, caseworker=caseworker(), start=start, end=end, label="OTHER")
    assert "loves the [redacted]." in review.redacted_text(letter=letter)


def test_it_relabels_every_flag_over_the_same_words_and_the_placeholder_follows(client):
    body = "Our cat Biscuit is lazy. Biscuit sleeps all day, and biscuit snores. Max is loud."
    letter = LetterFactory(body=body, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    flags = [
        Flag.objects.create(letter=letter, start=s, end=s + 7, label="ORGANISATION", source="capitals")
        for s in (body.index("Biscuit"), body.index("Biscuit sleeps"), body.index("biscuit"))
    ]
    max_flag = Flag.objects.create(
        letter=letter, start=body.index("Max"), end=body.index("Max") + 3, label="ORGANISATION", source="ner"
    )
    client.force_login(caseworker())
    response = client.post(
        review_url(letter, "flag_decide", flag_id=flags[0].pk),
        {"label": "NAME"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    payload = response.json()
    assert sorted(f["id"] for f in payload["flags"]) == sorted(f.pk for f in flags)
    assert all(f["label"] == "NAME" for f in payload["flags"])
    max_flag.refresh_from_db()
    assert max_flag.label == "ORGANISATION"
    assert "Our cat [name] is lazy. [name] sleeps all day, and [name] snores." in review.redacted_text(
        letter=letter
    )
    assert LetterEvent.objects.filter(letter=letter, kind="flag_relabelled").count() == 3


def test_it_says_so_when_a_relabel_changed_several_flags_without_javascript(client):
    body = "Biscuit and Biscuit."
    letter = LetterFactory(body=body, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
    first = Flag.objects.create(letter=letter, start=0, end=7, label="ORGANISATION", source="ner")
    Flag.objects.create(letter=letter, start=12, end=19, label="ORGANISATION", source="ner")
    client.force_login(caseworker())
    page = client.post(review_url(letter, "flag_decide", flag_id=first.pk), {"label": "NAME"}, follow=True)
    assert "flagged 2 times: every one is now “Name”" in page.content.decode()


@pytest.mark.parametrize(
    ("text", "flagged", "expected"),
    [
        pytest.param(
            "We have a Labrador, Biscuit, at home.", "Labrador, Biscuit", "Biscuit", id="breed-comma"
        ),
        pytest.param("My Labrador Biscuit is old.", "My Labrador Biscuit", "Biscuit", id="breed-inside"),
        pytest.param("our cat Biscuit purrs", "Biscuit", "Biscuit", id="species-before"),
        pytest.param("a dog called Rex", "Rex", "Rex", id="called"),
        pytest.param("the Boxer Rebellion Museum", "Boxer Rebellion Museum", None, id="institution"),
        pytest.param("my dog walker Paws Plus", "Paws Plus", None, id="not-right-after"),
        pytest.param("Stadtwerke Freiburg", "Stadtwerke Freiburg", None, id="no-animal"),
    ],
)
def test_it_finds_a_pets_name_after_its_species(text, flagged, expected):
    start = text.index(flagged)
    found = pet_name_span(text, start, start + len(flagged))
    assert (text[found[0] : found[1]] if found else None) == expected


def test_it_screens_a_pets_name_as_a_name_not_an_organisation(monkeypatch):
    """The pipeline's "Labrador, Biscuit" as an organisation reaches the caseworker as the name "Biscuit"."""
    import redaction
    from correspondence.services.letters import letter_screen

    body = "Dear friend,\n\nOur dog, a Labrador, Biscuit, sends a wag.\n\nYour donor"
    start = body.index(WIDE)

    def detect(text, *, known=None):
        return [redaction.Flag(start, start + len(WIDE), "ORGANISATION", "ner", 0.7)]

    monkeypatch.setattr(redaction, "detect", detect)
    letter = LetterFactory(body=body, status=Letter.Status.SUBMITTED, submitted_at=timezone.now())
    letter_screen(letter_id=letter.pk)
    assert texts(letter) == [("Biscuit", "NAME", "pending")]


def test_it_shows_queue_rows_that_tell_letters_apart_without_identity(client):
    from tests.factories import DonationFactory

    donation = DonationFactory(donor__given_names="Friedrich")
    letters = [
        LetterFactory(donation=donation, status=Letter.Status.IN_REVIEW, submitted_at=timezone.now())
        for _ in range(2)
    ]
    client.force_login(caseworker())
    html = client.get(
        reverse("admin:correspondence_letter_changelist") + "?status__exact=in_review"
    ).content.decode()
    for letter in letters:
        assert letter.reference in html
    assert html.count(f"{donation.reference} · v1") == 2
    assert "donor DE → patient US" in html and timezone.localdate().strftime("%Y") in html
    assert "Friedrich" not in html and donation.donor.email not in html
