"""Donors and the office: guidance, questions and answers, notices on the Messages page."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, TestCase
from django.urls import reverse

from correspondence.models import DonorNotice, DonorQuestion, OfficeEvent
from correspondence.roles import CASEWORKERS
from correspondence.services.office import messages_mark_read, notice_send, question_answer, question_ask
from tests.factories import DonationFactory, DonorFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGES = reverse("correspondence:messages")


def caseworker(name: str = "casey"):
    user = UserFactory(username=name, is_staff=True)
    user.groups.add(Group.objects.get(name=CASEWORKERS))
    return user


def test_it_stores_a_question_answers_it_and_tells_the_donor_without_the_answer():
    donation = DonationFactory()
    donor = donation.donor
    question = question_ask(donor=donor, text="  How long does a letter take?\r\n", donation=donation)
    assert question.text == "How long does a letter take?"
    with TestCase.captureOnCommitCallbacks(execute=True):
        question_answer(question=question, caseworker=caseworker(), answer="Usually a few weeks.")
    question.refresh_from_db()
    assert question.is_answered and question.answered_by.username == "casey"
    [sent] = mail.outbox
    assert sent.to == [donor.email] and "few weeks" not in sent.body and MESSAGES in sent.body
    with pytest.raises(Exception, match="already been answered"):
        question_answer(question=question, caseworker=caseworker("robin"), answer="Two weeks.")
    assert messages_mark_read(donor=donor) == 1
    assert messages_mark_read(donor=donor) == 0
    kinds = list(OfficeEvent.objects.filter(question=question).values_list("kind", flat=True))
    assert kinds == ["question_asked", "question_answered", "answer_read"]


@pytest.mark.parametrize("text", [pytest.param(" \n ", id="blank"), pytest.param("x" * 4001, id="too-long")])
def test_it_refuses_bad_questions(text):
    with pytest.raises(ValidationError):
        question_ask(donor=DonorFactory(), text=text)
    assert not DonorQuestion.objects.exists()


def test_it_refuses_a_question_about_another_donors_donation():
    with pytest.raises(PermissionDenied):
        question_ask(donor=DonorFactory(), text="Hello?", donation=DonationFactory())
    assert not DonorQuestion.objects.exists()


def test_it_asks_and_shows_questions_on_the_messages_page(donor_client):
    response = donor_client.post(
        MESSAGES, {"text": "Can I send a drawing?", "donation": donor_client.donation.pk}
    )
    assert response.status_code == 302
    question = DonorQuestion.objects.get()
    assert question.donor == donor_client.donor and question.donation == donor_client.donation
    page = donor_client.get(MESSAGES).content.decode()
    assert "Can I send a drawing?" in page and "Waiting for an answer" in page


def test_it_explains_an_empty_question(donor_client):
    response = donor_client.post(MESSAGES, {"text": ""})
    assert response.status_code == 400 and "Write your question first." in response.content.decode()


def test_it_never_shows_another_donors_questions(donor_client):
    question_ask(donor=DonorFactory(), text="Someone else's question")
    assert "Someone else" not in donor_client.get(MESSAGES).content.decode()


def test_it_shows_new_messages_once_and_counts_them_in_the_navigation(donor_client):
    donor = donor_client.donor
    notice_send(donor=donor, kind=DonorNotice.Kind.OFFICE_MESSAGE, text="Please call us.", email=False)
    letters = donor_client.get(reverse("correspondence:letter_list")).content.decode()
    assert "You have 1 new message from the correspondence office." in letters
    first = donor_client.get(MESSAGES).content.decode()
    assert "Please call us." in first and "is-new" in first
    second = donor_client.get(MESSAGES).content.decode()
    assert "Please call us." in second and "is-new" not in second
    assert "new message" not in donor_client.get(reverse("correspondence:letter_list")).content.decode()


def test_it_asks_signed_out_visitors_to_sign_in_for_messages():
    assert Client().get(MESSAGES).status_code == 302


def test_it_shows_the_guidance_to_anyone_and_beside_the_letter_form(donor_client):
    guidance = Client().get(reverse("correspondence:guidance"))
    assert guidance.status_code == 200
    text = guidance.content.decode()
    assert "You may not hear back." in text and "do not search for your recipient online" in text
    form = donor_client.get(reverse("correspondence:letter_create")).content.decode()
    assert "Before you write" in form and "You may not hear back." in form
    assert reverse("correspondence:guidance") in form


def test_it_lets_a_caseworker_answer_in_the_admin(donor_client):
    question = question_ask(donor=donor_client.donor, text="Is my letter lost?")
    client = Client()
    client.force_login(caseworker())
    changelist = client.get(reverse("admin:correspondence_donorquestion_changelist") + "?open=yes")
    assert "Is my letter lost?" in changelist.content.decode()
    url = reverse("admin:correspondence_donorquestion_change", args=[question.pk])
    assert "Is my letter lost?" in client.get(url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"answer": "No: it is waiting for the rules.", **inline_management()})
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.answer == "No: it is waiting for the rules." and question.answered_by.username == "casey"
    assert len(mail.outbox) == 1
    # Answered: read-only from now on.
    assert client.post(url, {"answer": "Changed", **inline_management()}).status_code == 403
    page = donor_client.get(MESSAGES).content.decode()
    assert "No: it is waiting for the rules." in page


def inline_management() -> dict:
    return {
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "0",
    }


def test_it_stops_a_donor_asking_more_while_five_questions_wait():
    donor = DonorFactory()
    for n in range(5):
        question_ask(donor=donor, text=f"Question {n}?")
    with pytest.raises(ValidationError, match="5 questions waiting"):
        question_ask(donor=donor, text="One more?")
    question_answer(question=DonorQuestion.objects.first(), caseworker=caseworker(), answer="Yes.")
    question_ask(donor=donor, text="One more?")
