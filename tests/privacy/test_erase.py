"""Erasure leaves no row and no file about the person: every model is searched."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from bilan.accounts.models import User
from bilan.dossiers import services as dossier_services
from bilan.dossiers.models import Dossier
from bilan.feedback.models import Answer, Discovery, FeedbackRequest
from bilan.jobs.models import Job
from bilan.privacy.models import DataExport
from bilan.privacy.services import account_erase, export_build, export_request
from bilan.schools.models import AccessLog, Cohort, Enrolment, Membership, Organisation, Programme

from .conftest import storage_names


def other_dossier(email: str = "zoe@example.org") -> Dossier:
    other = User.objects.create_user(email=email, password="x-long-password", first_name="Zoé")
    return dossier_services.dossier_create(
        owner=other,
        organisation="Brasserie du Port",
        kind="stage",
        start_date=dt.date(2026, 1, 5),
        end_date=dt.date(2026, 3, 27),
    )


def rater_answer(dossier: Dossier, email: str, name: str = "Camille Moreau") -> Answer:
    request = FeedbackRequest.objects.create(
        dossier=dossier,
        name=name,
        email=email.upper(),
        relationship="colleague",
        message="Bonjour Camille, peux-tu me répondre ?",
        token_hash="a" * 64,
    )
    answer = Answer.objects.create(
        request=request,
        strengths_other="Rigueur",
        improve="Oser",
        situation="Le salon",
        developed="Écoute",
        comment="Bravo Camille",
        host_again="yes",
        ratings=[{"key": "criterion:1", "label": "Ponctualité", "value": "tres_bien"}],
    )
    Discovery.objects.create(answer=answer, label="Écoute", sentence="Camille écoute bien.")
    return answer


def organisation_for(dossier: Dossier, policy: str) -> Organisation:
    organisation = Organisation.objects.create(name=f"École {policy}", rater_answer_policy=policy)
    programme = Programme.objects.create(organisation=organisation, name="Licence")
    cohort = Cohort.objects.create(programme=programme, name="2026", join_code=f"C{policy}"[:16])
    # The demo dossier is already enrolled with the demo school: move it to this one.
    Enrolment.objects.filter(dossier=dossier).delete()
    Enrolment.objects.create(
        cohort=cohort, email=dossier.owner.email, user=dossier.owner, dossier=dossier
    )
    return organisation


def references(user_pk: int, email: str, dossier_ids: list[int]) -> list[str]:
    """Every row of every model that points at the user, their dossiers or contains their e-mail."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            query = None
            if field.is_relation and field.related_model is User:
                query = {field.name: user_pk}
            elif field.is_relation and field.related_model is Dossier:
                query = {f"{field.name}__in": dossier_ids}
            elif isinstance(field, models.CharField | models.TextField | models.JSONField):
                if isinstance(field, models.JSONField):
                    # Compare on the text form: works on SQLite and PostgreSQL alike.
                    matches = [
                        pk
                        for pk, value in model._default_manager.values_list("pk", field.name)
                        if email.lower() in str(value).lower()
                    ]
                    found += [f"{model.__name__}.{field.name}#{pk}" for pk in matches]
                    continue
                query = {f"{field.name}__icontains": email}
            if query and model._default_manager.filter(**query).exists():
                found.append(f"{model.__name__}.{field.name}")
        for m2m in model._meta.many_to_many:
            if (
                m2m.related_model is User
                and model._default_manager.filter(**{m2m.name: user_pk}).exists()
            ):
                found.append(f"{model.__name__}.{m2m.name}")
    return found


@pytest.mark.parametrize("policy", ["anonymise", "delete", ""])
def test_erase_leaves_nothing_about_the_person(
    full_account, policy, settings, django_capture_on_commit_callbacks
):
    user = full_account
    email, user_pk = user.email, user.pk
    dossier_ids = list(Dossier.objects.filter(owner=user).values_list("pk", flat=True))
    # What the person did elsewhere: rated another intern, followed a cohort as staff.
    elsewhere = other_dossier()
    answer = rater_answer(elsewhere, email)
    organisation = organisation_for(elsewhere, policy)
    Membership.objects.create(organisation=organisation, user=user, role="referent")
    Cohort.objects.get(programme__organisation=organisation).referents.add(user)
    AccessLog.objects.create(
        dossier=elsewhere,
        actor=user,
        actor_label=f"Camille <{email}>",
        role="referent",
        what="overview",
    )
    organisation_for(Dossier.objects.get(pk=dossier_ids[0]), "x")
    # An export waiting for download, a session.
    export = export_request(user=user)
    export_build(export_id=export.pk)
    client = Client()
    client.force_login(user)
    own_files = storage_names()
    assert own_files and references(user_pk, email, dossier_ids)
    other_file = "traces/other/keep.txt"
    from django.core.files.storage import default_storage

    default_storage.save(other_file, ContentFile(b"someone else's"))

    with django_capture_on_commit_callbacks(execute=True):
        counts = account_erase(user=user)

    assert counts["dossiers"] == 1
    assert references(user_pk, email, dossier_ids) == []
    assert storage_names() == {other_file}
    assert not Session.objects.exists() and not DataExport.objects.exists()
    assert not Job.objects.filter(payload__dossier_id__in=dossier_ids).exists()
    assert Dossier.objects.filter(pk=elsewhere.pk).exists()
    if policy == "delete":
        assert not FeedbackRequest.objects.filter(dossier=elsewhere).exists()
        assert counts["deleted"] == 1
    else:  # the organisation's choice, else the instance's default: anonymise
        kept = Answer.objects.get(pk=answer.pk)
        assert kept.ratings == answer.ratings and kept.host_again == "yes"
        assert not kept.texts() and not kept.discoveries.exists()
        assert kept.request.name == kept.request.email == kept.request.message == ""
        assert kept.request.token_hash is None
        assert counts["anonymised"] == 1
    log = AccessLog.objects.get(dossier=elsewhere)
    assert log.actor is None and email not in log.actor_label


def test_instance_default_policy_delete(db, settings):
    settings.BILAN_RATER_ANSWER_POLICY = "delete"
    rater = User.objects.create_user(email="rater@example.org", password="x-long-password")
    answer = rater_answer(other_dossier(), rater.email)
    account_erase(user=rater)
    assert not Answer.objects.filter(pk=answer.pk).exists()


def test_erase_command(small_account):
    with pytest.raises(CommandError, match="--yes"):
        call_command("account", "erase", small_account.email)
    assert User.objects.filter(pk=small_account.pk).exists()
    out = io.StringIO()
    call_command("account", "erase", small_account.email.upper(), "--yes", stdout=out)
    assert "1 dossier" in out.getvalue()
    assert not User.objects.exists() and not Dossier.objects.exists()
    with pytest.raises(CommandError, match="No account"):
        call_command("account", "erase", "nobody@example.org", "--yes")


def test_export_and_import_commands(small_account, tmp_path):
    target = tmp_path / "out.zip"
    call_command("account", "export", small_account.email, "-o", str(target), stdout=io.StringIO())
    out = io.StringIO()
    call_command("account", "import", str(target), "--email", "copy@example.org", stdout=out)
    assert "1 dossier(s)" in out.getvalue()
    copy = User.objects.get(email="copy@example.org")
    assert copy.dossiers.get().traces.get().file.read().startswith(b"%PDF")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    with pytest.raises(CommandError, match="ZIP"):
        call_command("account", "import", str(bad), "--email", "x@example.org")
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_organisation_admin_chooses_the_policy(db):
    from ..schools.orgsettings_world import build_school, login

    school = build_school()
    url = reverse("orgsettings:policy", args=[school.organisation.pk])
    client = login(school.admin)
    assert "rater_answer_policy" in client.get(url).content.decode()
    response = client.post(url, {"retention_days": "400", "rater_answer_policy": "delete"})
    assert response.status_code == 302
    assert Organisation.objects.get(pk=school.organisation.pk).rater_answer_policy == "delete"
    response = client.post(url, {"rater_answer_policy": "burn"})
    assert response.status_code == 400
    assert Organisation.objects.get(pk=school.organisation.pk).rater_answer_policy == "delete"
