"""The intern's question list: pick, add, edit, order, remove; the checklist's future line."""

from __future__ import annotations

from django.urls import reverse

from bilan.meeting import services
from bilan.meeting.models import Question
from bilan.overview.checklist import dossier_checklist


def _url(name, dossier, *args):
    return reverse(f"meeting:{name}", args=[dossier.pk, *args])


def _future_item(dossier):
    return next(item for item in dossier_checklist(dossier).items if item.key == "future")


def test_page_lists_proposals_and_asks_for_a_future_question(intern_client, dossier):
    response = intern_client.get(_url("index", dossier))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Questions proposées" in page and "Projetez-vous" in page
    assert "future:next" in page


def test_picking_a_future_question_ticks_the_checklist(intern_client, dossier):
    item = _future_item(dossier)
    assert item.available and not item.done
    response = intern_client.post(_url("question_pick", dossier), {"key": "future:next"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.topic == "future" and question.proposal_key == "future:next"
    assert "suite me conseilleriez-vous" in question.text
    assert _future_item(dossier).done
    assert "Projetez-vous" not in intern_client.get(_url("index", dossier)).content.decode()


def test_own_question_is_added_at_the_end(intern_client, dossier):
    services.meeting_question_pick(dossier=dossier, key="impressions")
    response = intern_client.post(
        _url("question_add", dossier),
        {"text": "  Pourrais-je revenir pour le marché de décembre ?  ", "topic": "future"},
    )
    assert response.status_code == 302
    assert [q.text for q in Question.objects.all()][-1] == (
        "Pourrais-je revenir pour le marché de décembre ?"
    )
    assert _future_item(dossier).done


def test_bad_question_input_writes_nothing(intern_client, dossier):
    for data, message in [
        ({"text": "   ", "topic": "future"}, "Écrivez la question."),
        ({"text": "x" * 501, "topic": "future"}, "au plus 500 caractères"),
        ({"text": "Une question ?", "topic": "pirate"}, "Sélectionnez un choix valide"),
    ]:
        response = intern_client.post(_url("question_add", dossier), data)
        assert response.status_code == 400
        assert message in response.content.decode()
    response = intern_client.post(_url("question_pick", dossier), {"key": "skill:999999"})
    assert response.status_code == 302
    assert not Question.objects.exists()
    response = intern_client.get(_url("index", dossier))
    assert "plus disponible." in response.content.decode()


def test_edit_reorder_and_remove(intern_client, dossier):
    first = services.meeting_question_add(dossier=dossier, text="Première ?", topic="other")
    second = services.meeting_question_add(dossier=dossier, text="Deuxième ?", topic="other")
    response = intern_client.post(
        _url("question_edit", dossier, first.pk), {"text": "Suite ?", "topic": "future"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.text, first.topic) == ("Suite ?", "future")
    bad = intern_client.post(_url("question_edit", dossier, first.pk), {"text": "", "topic": "x"})
    assert bad.status_code == 400
    first.refresh_from_db()
    assert first.text == "Suite ?"
    intern_client.post(_url("question_move", dossier, second.pk), {"up": "1"})
    assert [q.pk for q in Question.objects.all()] == [second.pk, first.pk]
    intern_client.post(_url("question_delete", dossier, first.pk))
    assert [q.pk for q in Question.objects.all()] == [second.pk]
    assert not _future_item(dossier).done


def test_question_limit_has_a_clear_message(intern_client, dossier, monkeypatch):
    monkeypatch.setattr(services, "MAX_QUESTIONS", 1)
    services.meeting_question_add(dossier=dossier, text="Une ?", topic="other")
    response = intern_client.post(
        _url("question_add", dossier), {"text": "Deux ?", "topic": "other"}
    )
    assert response.status_code == 400
    assert "Vous avez déjà 1 questions" in response.content.decode()
    assert Question.objects.count() == 1
