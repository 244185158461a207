from __future__ import annotations

from django.urls import reverse

from bilan.dossiers import services
from bilan.dossiers.models import Objective


def test_import_proposes_the_split_mission(intern_client, dossier):
    page = intern_client.get(reverse("dossiers:objective_import", args=[dossier.pk]))
    body = page.content.decode()
    assert "Animer les réseaux sociaux\nRédiger la newsletter\nRéaliser un benchmark" in body
    assert dossier.objectives.count() == 0


def test_import_creates_the_edited_list(intern_client, dossier):
    text = "Animer les réseaux sociaux\n\nRédiger et envoyer la newsletter\n"
    response = intern_client.post(
        reverse("dossiers:objective_import", args=[dossier.pk]), {"text": text}
    )
    assert response.status_code == 302
    assert list(dossier.objectives.values_list("title", flat=True)) == [
        "Animer les réseaux sociaux",
        "Rédiger et envoyer la newsletter",
    ]


def test_import_over_the_objective_limit_writes_nothing(intern_client, dossier, settings):
    settings.BILAN_LIMITS = {**settings.BILAN_LIMITS, "objectives_per_dossier": 1}
    response = intern_client.post(
        reverse("dossiers:objective_import", args=[dossier.pk]), {"text": "A\nB"}
    )
    assert response.status_code == 200
    assert "au plus 1 objectifs" in response.content.decode()
    assert dossier.objectives.count() == 0


def test_add_unplanned_objective(intern_client, dossier):
    response = intern_client.post(
        reverse("dossiers:objective_add", args=[dossier.pk]),
        {"title": "Former la nouvelle stagiaire", "unplanned": "on"},
    )
    assert response.status_code == 302
    objective = dossier.objectives.get()
    assert objective.unplanned and objective.status == Objective.Status.PLANNED


def test_add_empty_objective_is_refused(intern_client, dossier):
    response = intern_client.post(
        reverse("dossiers:objective_add", args=[dossier.pk]), {"title": ""}
    )
    assert response.status_code == 400
    assert dossier.objectives.count() == 0


def test_edit_objective_with_htmx_returns_the_row(intern_client, dossier):
    objective = services.objective_create(dossier=dossier, title="Benchmark")
    url = reverse("dossiers:objective_edit", args=[dossier.pk, objective.pk])
    form = intern_client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in form.content.decode()
    response = intern_client.post(
        url,
        {
            "title": "Benchmark",
            "status": "done",
            "actual": "8 coopératives comparées",
            "contribution": "Grille conçue seule",
            "reason": "",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "8 coopératives comparées" in response.content.decode()
    objective.refresh_from_db()
    assert objective.status == "done" and objective.contribution == "Grille conçue seule"


def test_dropped_objective_needs_a_reason(intern_client, dossier):
    objective = services.objective_create(dossier=dossier, title="Tournage vidéo")
    url = reverse("dossiers:objective_edit", args=[dossier.pk, objective.pk])
    response = intern_client.post(url, {"title": "Tournage vidéo", "status": "dropped"})
    assert response.status_code == 400
    assert "pourquoi" in response.content.decode()
    objective.refresh_from_db()
    assert objective.status == "planned"


def test_move_merge_delete(intern_client, dossier):
    a, b, c = services.objectives_import(dossier=dossier, titles=["A", "B", "C"])
    intern_client.post(reverse("dossiers:objective_move", args=[dossier.pk, c.pk]), {"up": "1"})
    assert list(dossier.objectives.values_list("title", flat=True)) == ["A", "C", "B"]
    intern_client.post(reverse("dossiers:objective_move", args=[dossier.pk, a.pk]), {"down": "1"})
    assert list(dossier.objectives.values_list("title", flat=True)) == ["C", "A", "B"]
    intern_client.post(reverse("dossiers:objective_merge", args=[dossier.pk, a.pk]))
    assert list(dossier.objectives.values_list("title", flat=True)) == ["C", "A ; B"]
    intern_client.post(reverse("dossiers:objective_delete", args=[dossier.pk, c.pk]))
    assert list(dossier.objectives.values_list("title", flat=True)) == ["A ; B"]


def test_plan_page_shows_planned_and_done_side_by_side(
    intern_client, dossier, django_assert_max_num_queries
):
    a, b = services.objectives_import(dossier=dossier, titles=["Benchmark", "Vidéo"])
    services.objective_update(objective=a, status="done", actual="8 coopératives")
    services.objective_update(objective=b, status="dropped", reason="Vidéaste indisponible")
    services.objective_create(dossier=dossier, title="Former Léa", unplanned=True)
    with django_assert_max_num_queries(6):
        response = intern_client.get(reverse("dossiers:plan", args=[dossier.pk]))
    body = response.content.decode()
    assert "8 coopératives" in body and "Vidéaste indisponible" in body
    assert "Tâches non prévues" in body and "Former Léa" in body
    assert body.count('class="badge status-done"') == 2  # the count box and the row


def test_split_proposes_the_sentences_of_the_objective(intern_client, dossier):
    objective = services.objective_create(
        dossier=dossier, title="Animer les réseaux sociaux. Rédiger la newsletter."
    )
    page = intern_client.get(reverse("dossiers:objective_split", args=[dossier.pk, objective.pk]))
    assert "Animer les réseaux sociaux\nRédiger la newsletter</textarea>" in page.content.decode()


def test_split_cuts_in_place_and_keeps_the_texts_on_the_first_part(intern_client, dossier):
    first = services.objective_create(
        dossier=dossier, title="Animer les réseaux et écrire", actual="Trois posts par semaine"
    )
    last = services.objective_create(dossier=dossier, title="Réaliser un benchmark")
    response = intern_client.post(
        reverse("dossiers:objective_split", args=[dossier.pk, first.pk]),
        {"text": "Animer les réseaux\n\nÉcrire la newsletter\n"},
    )
    assert response.status_code == 302
    rows = list(dossier.objectives.values_list("pk", "title", "actual", "position"))
    assert rows == [
        (first.pk, "Animer les réseaux", "Trois posts par semaine", 0),
        (rows[1][0], "Écrire la newsletter", "", 1),
        (last.pk, "Réaliser un benchmark", "", 2),
    ]


def test_split_into_one_line_is_refused(intern_client, dossier):
    objective = services.objective_create(dossier=dossier, title="Réaliser un benchmark")
    response = intern_client.post(
        reverse("dossiers:objective_split", args=[dossier.pk, objective.pk]),
        {"text": "Réaliser un benchmark complet"},
    )
    assert response.status_code == 400
    assert "au moins deux lignes" in response.content.decode()
    assert list(dossier.objectives.values_list("title", flat=True)) == ["Réaliser un benchmark"]


def test_objective_rows_offer_split_next_to_merge(intern_client, dossier):
    objective = services.objective_create(dossier=dossier, title="Réaliser un benchmark")
    page = intern_client.get(reverse("dossiers:objectives", args=[dossier.pk])).content.decode()
    assert reverse("dossiers:objective_split", args=[dossier.pk, objective.pk]) in page
    assert ">Séparer<" in page
