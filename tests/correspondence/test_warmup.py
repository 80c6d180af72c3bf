"""The models load where a process starts to serve (gunicorn, Celery, runserver), not in commands or tests."""

import runpy
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from correspondence import language, warmup

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("argv", "environ", "serving"),
    [
        pytest.param(["manage.py", "runserver"], {"RUN_MAIN": "true"}, True, id="runserver-child"),
        pytest.param(["manage.py", "runserver", "--noreload"], {}, True, id="runserver-noreload"),
        pytest.param(["manage.py", "runserver"], {}, False, id="runserver-watcher"),
        pytest.param(["manage.py", "migrate"], {"RUN_MAIN": "true"}, False, id="migrate"),
        pytest.param(["manage.py", "flag_letters", "in", "out"], {}, False, id="command"),
        pytest.param(["pytest", "-q"], {}, False, id="pytest"),
        pytest.param(["manage.py"], {}, False, id="no-command"),
    ],
)
def test_it_warms_up_only_where_runserver_serves(argv, environ, serving):
    assert warmup.serving_with_runserver(argv, environ) is serving


def test_it_does_not_warm_up_in_tests():
    assert warmup.serving_with_runserver() is False


def test_it_warms_up_in_each_gunicorn_worker_before_its_first_request():
    hooks = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    with mock.patch("correspondence.warmup.models_warm") as warm:
        hooks["post_worker_init"](mock.Mock())
    warm.assert_called_once_with()


@pytest.mark.parametrize("signal", ["worker_init", "worker_process_init"])
def test_it_warms_up_as_a_celery_worker_starts(signal):
    from celery import signals

    from config.celery import _models_warm

    # Connected (sending the signal itself would also run Celery's own Django handlers, meant for a worker).
    assert _models_warm in getattr(signals, signal)._live_receivers(None)
    with mock.patch("correspondence.warmup.models_warm") as warm:
        _models_warm(sender=None)
    warm.assert_called_once_with()


def test_it_starts_runserver_at_once_and_loads_in_the_background():
    with mock.patch("correspondence.warmup.models_warm") as warm:
        warmup.models_warm_in_background().join(timeout=10)
    warm.assert_called_once_with()


def test_it_loads_every_model_once():
    import redaction

    warmup.models_warm()
    with mock.patch.object(redaction, "detect") as detect:
        warmup.models_warm()  # the second call of a process does nothing
    detect.assert_not_called()
    assert language._build_detector.cache_info().currsize == 1


# The vote stops once a language holds more than half of all the letters: the answer is the same
# as counting every sentence.
SENTENCES = [
    "I hope you are feeling a little stronger every day.",
    "We planted tulips in the garden this week.",
    "Thank you for giving me a second chance.",
    "Ich denke oft an dich und wünsche dir viel Kraft.",
    "Viele Grüße!",
    "Je pense souvent à toi et je te souhaite beaucoup de courage.",
    "Hi!",
    "Ok.",
    "12345",
]


def full_vote(text: str) -> str:
    """The vote over every sentence, as detect_language counted before it learnt to stop early."""
    if language._letters(text) < language.MIN_LETTERS:
        return ""
    votes: dict = {}
    total = 0
    for sentence in language._SENTENCES.split(text):
        sentence = language._without_names(sentence)
        weight = language._letters(sentence)
        found = language._detector().detect_language_of(sentence) if weight else None
        if found is None:
            continue
        total += weight
        votes[found] = votes.get(found, 0) + weight
    if not votes:
        return ""
    found, weight = max(votes.items(), key=lambda item: item[1])
    return "" if weight / total < language.MAJORITY else found.iso_code_639_1.name.lower()


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12))
def test_it_stops_counting_only_when_the_answer_is_settled(sentences):
    text = " ".join(sentences)
    assert language.detect_language(text) == full_vote(text)
