import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_it_answers_healthz_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json()["database"] == "up"


def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    assert client.get(reverse("healthz")).status_code == 503


def production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="a-real-production-secret-key-with-more-than-fifty-characters-0123456789",
        ALLOWED_HOSTS="letters.example.org",
        EMAIL_URL="smtp+tls://user:password@smtp.example.org:587",
        **extra,
    )
    return env


def manage_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_it_refuses_to_start_with_debug_off_and_e_mail_printed_to_the_console():
    """The console backend would put sign-in codes and addresses into the logs."""
    env = production_env()
    del env["EMAIL_URL"]
    result = manage_check(env)
    assert result.returncode != 0 and "EMAIL_URL must name a mail server" in result.stderr


def test_it_refuses_to_start_with_proxies_it_cannot_see_through(tmp_path):
    """PROXY_COUNT needs django-ipware: here a stand-in package makes it fail to import."""
    (tmp_path / "ipware").mkdir()
    (tmp_path / "ipware" / "__init__.py").write_text("raise ImportError('hidden for the test')\n")
    env = {**production_env(PROXY_COUNT="1"), "PYTHONPATH": str(tmp_path)}
    hidden = subprocess.run(
        [sys.executable, "-c", "import importlib.util; print(importlib.util.find_spec('ipware').origin)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert str(tmp_path) in hidden.stdout
    result = manage_check({**env, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0 and "PROXY_COUNT is set but django-ipware cannot" in result.stderr
    assert manage_check(production_env(PROXY_COUNT="1")).returncode == 0


def test_it_passes_the_deployment_checks_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_it_refuses_demo_data_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_data")


def test_it_loads_demo_data_twice_without_duplicates(settings, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    from correspondence.models import Letter
    from donors.models import Donor

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", stdout=io.StringIO())
        call_command("load_demo_data", stdout=io.StringIO())
    assert Donor.objects.filter(donor_number="DEMO-1001").count() == 1
    caseworker = User.objects.get(username="caseworker")
    assert caseworker.is_staff and caseworker.groups.filter(name="Caseworkers").exists()
    assert caseworker.has_perm("correspondence.review_letter")
    assert not caseworker.has_perm("correspondence.change_flag")
    statuses = set(Letter.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "forwarded", "returned", "refused"} <= statuses
    forwarded = Letter.objects.get(status="forwarded", direction="donor_to_patient")
    assert "Bruno" not in forwarded.redacted.text and "[name]" in forwarded.redacted.text
    reply = Letter.objects.get(direction="patient_to_donor", kind="letter")
    assert reply.status == "forwarded" and "Peggy" not in reply.redacted.text
    update = Letter.objects.get(kind="health_update")
    assert update.status == "forwarded" and update.health_status == "recovering_well"
    from correspondence.models import ContactDecline, DonorQuestion, PatientReport

    assert DonorQuestion.objects.count() == 2 and ContactDecline.objects.count() == 1
    assert PatientReport.objects.filter(decided_at__isnull=True).count() == 1


def test_it_has_a_migration_for_every_model_change():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
