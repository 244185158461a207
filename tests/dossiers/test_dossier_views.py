from __future__ import annotations

from django.urls import reverse

from bilan.dossiers.models import Dossier

VALID = {
    "organisation": "Hôpital Édouard-Herriot",
    "service": "Cardiologie",
    "location": "Lyon",
    "kind": "stage",
    "start_date": "2026-03-02",
    "end_date": "2026-06-26",
    "school": "IFSI",
    "programme": "Soins infirmiers",
    "tutor_name": "Anne Petit",
    "tutor_email": "anne.petit@example.org",
    "tutor_role": "Cadre de santé",
    "referent_name": "Paul Roux",
    "referent_email": "paul.roux@example.edu",
    "mission_text": "- Préparer les soins\n- Accueillir les patients",
    "language": "fr",
}


def test_create_dossier(intern_client, intern):
    response = intern_client.post(reverse("dossiers:create"), VALID)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.owner == intern
    assert dossier.tutor_role == "Cadre de santé"
    page = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert "Hôpital Édouard-Herriot" in page
    assert "Formuler une question sur la suite" in page


def test_create_lands_on_the_mission_split_into_objectives(intern_client):
    mission = (
        "Missions : - Mettre en place un tableau de bord des ventes - Former les "
        "utilisateurs à l'outil - Rédiger la documentation technique"
    )
    response = intern_client.post(reverse("dossiers:create"), {**VALID, "mission_text": mission})
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:objective_import", args=[dossier.pk])
    page = intern_client.get(response.url).content.decode()
    assert "Voici votre mission découpée en objectifs" in page
    assert (
        "Mettre en place un tableau de bord des ventes\nFormer les utilisateurs à l&#x27;outil\n"
        "Rédiger la documentation technique</textarea>" in page
    )
    # Nothing is created behind the intern's back: they confirm the list.
    assert dossier.objectives.count() == 0
    objectives = intern_client.get(reverse("dossiers:objectives", args=[dossier.pk]))
    assert "elle se découpe en 3 objectifs" in objectives.content.decode()


def test_create_without_mission_goes_home(intern_client):
    response = intern_client.post(reverse("dossiers:create"), {**VALID, "mission_text": ""})
    assert response.url == reverse("dossiers:home", args=[Dossier.objects.get().pk])


def test_end_before_start_is_refused_with_a_message(intern_client):
    data = {**VALID, "start_date": "2026-06-26", "end_date": "2026-03-02"}
    response = intern_client.post(reverse("dossiers:create"), data)
    assert response.status_code == 200
    assert "La date de fin doit être postérieure" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_empty_organisation_is_refused(intern_client):
    response = intern_client.post(reverse("dossiers:create"), {**VALID, "organisation": "   "})
    assert response.status_code == 200
    assert "organisation" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_ten_megabytes_of_mission_text_is_refused_and_kept(intern_client):
    huge = "a" * (10 * 1024 * 1024)
    response = intern_client.post(reverse("dossiers:create"), {**VALID, "mission_text": huge})
    body = response.content.decode()
    assert response.status_code == 200
    assert "la limite est de 20" in body
    assert Dossier.objects.count() == 0


def test_request_over_transport_limit_gets_a_clear_400(intern_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = intern_client.post(reverse("dossiers:create"), {**VALID, "mission_text": "a" * 5000})
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_garbage_dates_are_refused(intern_client):
    response = intern_client.post(
        reverse("dossiers:create"), {**VALID, "start_date": "31/02/2026\x00", "end_date": "x"}
    )
    assert response.status_code == 200
    assert Dossier.objects.count() == 0


def test_edit_dossier(intern_client, dossier):
    data = {**VALID, "organisation": "Nouvelle organisation"}
    response = intern_client.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.organisation == "Nouvelle organisation"


def test_edit_with_bad_input_changes_nothing(intern_client, dossier):
    data = {**VALID, "organisation": "", "end_date": "2020-01-01"}
    response = intern_client.post(reverse("dossiers:edit", args=[dossier.pk]), data)
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.organisation == "Coopérative Terres du Rhône"


def test_delete_dossier(intern_client, dossier):
    page = intern_client.get(reverse("dossiers:delete", args=[dossier.pk]))
    assert "définitivement" in page.content.decode()
    response = intern_client.post(reverse("dossiers:delete", args=[dossier.pk]))
    assert response.status_code == 302
    assert not Dossier.objects.exists()


def test_home_in_english(intern_client, intern, dossier):
    intern.language = "en"
    intern.save()
    page = intern_client.get(reverse("dossiers:home", args=[dossier.pk])).content.decode()
    assert 'lang="en"' in page
    assert "Prepare a question about what comes next" in page


def test_mission_pasted_later_also_lands_on_the_proposal(intern_client, intern):
    intern_client.post(reverse("dossiers:create"), {**VALID, "mission_text": ""})
    dossier = Dossier.objects.get()
    response = intern_client.post(
        reverse("dossiers:edit", args=[dossier.pk]),
        {**VALID, "mission_text": "1) Préparer les soins 2) Accueillir les patients"},
    )
    assert response.url == reverse("dossiers:objective_import", args=[dossier.pk])
    again = intern_client.post(
        reverse("dossiers:edit", args=[dossier.pk]),
        {**VALID, "mission_text": "1) Préparer les soins 2) Accueillir les patients"},
    )
    assert again.url == reverse("dossiers:home", args=[dossier.pk])
