"""Organisation frameworks: a CSV uploaded through the page, the same importer as the command."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bilan.schools.models import OrganisationFramework
from bilan.skills import services as skills_services
from bilan.skills.models import DossierFramework, Framework, Skill

from .orgsettings_world import School, build_school, enrol, login, make_dossier, make_user


@pytest.fixture
def school(db) -> School:
    return build_school()


HEADER = "code,family,label_fr,label_en,alt_labels,parent_code\n"
GOOD = HEADER + (
    "BC01,technical,Concevoir une stratégie de communication,Designing a communication strategy,,\n"
    'BC01.1,technique,"Analyser un besoin, le reformuler",Analysing a need,'
    "cahier des charges|besoin,BC01\n"
    "BC02,transversal,Travailler en mode projet,Working in project mode,gestion de projet,\n"
)


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def frameworks_url(school: School) -> str:
    return reverse("orgsettings:frameworks", args=[school.organisation.pk])


def post(school: School, content: str | bytes, name: str = "RNCP 35185", **extra):
    data = {"file": upload("rncp-35185.csv", content), "name": name, "replace": "", **extra}
    return login(school.admin).post(frameworks_url(school), data)


def test_good_file_creates_the_organisation_framework(school):
    response = post(school, GOOD)
    assert response.status_code == 302
    link = OrganisationFramework.objects.select_related("framework").get()
    framework = link.framework
    assert link.organisation == school.organisation
    assert (framework.name, framework.source) == ("RNCP 35185", Framework.Source.CUSTOM)
    skills = {skill.code: skill for skill in Skill.objects.filter(framework=framework)}
    assert set(skills) == {"BC01", "BC01.1", "BC02"}
    assert skills["BC01.1"].parent_code == "BC01"
    assert skills["BC01.1"].alt_labels_fr == "cahier des charges\nbesoin"
    assert skills["BC02"].family == "transversal"
    page = login(school.admin).get(frameworks_url(school)).content.decode()
    assert "RNCP 35185" in page and "3 compétences" in page
    # Interns enrolled from now on get it.
    newcomer = make_dossier(make_user("lea@example.org"))
    enrol(school.cohort, newcomer)
    assert DossierFramework.objects.filter(dossier=newcomer, framework=framework).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.replace(",parent_code", "") + "A,technical,Un,One,\n", "colonne(s) manquante(s)"),
        (GOOD.replace(",", ";"), "séparées par des virgules"),
        (GOOD + "BC03,magique,Magie,Magic,,\n", "ligne 5 : famille « magique » inconnue"),
        (GOOD + "BC01,technical,Doublon,Duplicate,,\n", "figure déjà ligne 2"),
        (GOOD + "BC04,technical,Orphelin,Orphan,,BC99\n", "le code parent « BC99 »"),
        (b"code,famille\n" + b"\xff\xfe\n", "UTF-8"),
        ("", "le fichier est vide"),
        (HEADER, "aucune ligne"),
    ],
)
def test_bad_files_say_why_and_change_nothing(school, content, message):
    post(school, GOOD, name="Existant")  # something already there must stay as it was
    before = Skill.objects.count()
    response = post(school, content, name="Nouveau")
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert "Rien n'a été importé" in page or "Le fichier soumis est vide" in page
    if "Rien n'a été importé" in page:
        assert message in page
    assert Skill.objects.count() == before
    assert not Framework.objects.filter(name="Nouveau").exists()
    assert OrganisationFramework.objects.count() == 1


def test_the_error_names_the_uploaded_file(school):
    response = post(school, GOOD + "BC03,magique,Magie,Magic,,\n")
    assert "rncp-35185.csv, ligne 5" in response.content.decode()


def test_error_in_english_for_an_english_admin(school):
    client = login(school.admin)
    data = {"file": upload("blocs.csv", GOOD + "BC03,magique,Magie,Magic,,\n"), "name": "RNCP"}
    response = client.post(frameworks_url(school), data, HTTP_ACCEPT_LANGUAGE="en")
    # The session/cookie language decides; without one, the browser's.
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()


def test_too_large_file_is_refused(school, settings):
    settings.BILAN_ORG_FRAMEWORK_BYTES = 100
    response = post(school, GOOD)
    assert response.status_code == 400
    assert "la limite est de 0 Ko" in response.content.decode()
    assert not Framework.objects.filter(source=Framework.Source.CUSTOM).exists()


def test_a_name_is_required_for_a_new_framework(school):
    response = post(school, GOOD, name=" ")
    assert response.status_code == 400
    assert "Donnez un nom au référentiel" in response.content.decode()
    assert not OrganisationFramework.objects.exists()


def test_replace_updates_in_place_and_keeps_missing_skills(school):
    post(school, GOOD)
    link = OrganisationFramework.objects.get()
    new_file = HEADER + "BC02,transversal,Travailler en équipe projet,Project teamwork,,\n"
    response = post(school, new_file, name="", replace=str(link.pk))
    assert response.status_code == 302
    assert OrganisationFramework.objects.count() == 1
    framework = Framework.objects.get(pk=link.framework_id)
    assert framework.name == "RNCP 35185"
    assert Skill.objects.get(framework=framework, code="BC02").label_fr == (
        "Travailler en équipe projet"
    )
    assert Skill.objects.filter(framework=framework).count() == 3


def test_replace_cannot_target_another_organisation(school):
    post(school, GOOD)
    theirs = OrganisationFramework.objects.create(
        organisation=school.other_organisation,
        framework=Framework.objects.create(key="nord-1", name="Nord", source="custom"),
    )
    response = post(school, GOOD, name="", replace=str(theirs.pk))
    assert response.status_code == 400
    assert not Skill.objects.filter(framework=theirs.framework).exists()


def test_rename_and_delete(school):
    post(school, GOOD)
    link = OrganisationFramework.objects.get()
    client = login(school.admin)
    edit = reverse("orgsettings:framework", args=[school.organisation.pk, link.pk])
    assert client.post(edit, {"name": ""}).status_code == 400
    assert client.post(edit, {"name": "Blocs RNCP 35185"}).status_code == 302
    assert Framework.objects.get(pk=link.framework_id).name == "Blocs RNCP 35185"

    # A skill of an intern's dossier comes from it: deletion is refused.
    skill = Skill.objects.get(framework_id=link.framework_id, code="BC02")
    item = skills_services.dossier_skill_add(dossier=school.dossier, skill=skill)
    delete = reverse("orgsettings:framework_delete", args=[school.organisation.pk, link.pk])
    response = client.post(delete, follow=True)
    assert "ne peut pas être supprimé" in response.content.decode()
    assert Framework.objects.filter(pk=link.framework_id).exists()

    item.delete()
    assert client.post(delete).status_code == 302
    assert not OrganisationFramework.objects.exists()
    assert not Framework.objects.filter(pk=link.framework_id).exists()
    assert not Skill.objects.filter(code="BC02").exists()
