"""What the intern reads: side by side, anonymity threshold, hidden skills, export, erasure."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from bilan.feedback import services
from bilan.feedback.models import Answer, Discovery, FeedbackRequest
from bilan.skills import services as skills_services
from bilan.skills.models import DossierSkill, Example, Skill


@pytest.fixture
def canva(dossier):
    return skills_services.dossier_skill_add(
        dossier=dossier, label="Canva", family="technical", level_before=1, level_now=4
    )


def test_self_tutor_colleagues_side_by_side(intern_client, dossier, canva, tutor, colleague):
    tutor_request, _ = tutor
    services.feedback_answer_submit(
        feedback_request=tutor_request,
        ratings=[{"key": f"skill:{canva.pk}", "label": "Canva", "value": "tres_bien"}],
        comment="Affiches du marché du 20 juin très remarquées par la mairie.",
    )
    item, _ = colleague
    services.feedback_answer_submit(
        feedback_request=item,
        strengths=[canva],
        situation="Elle a refait nos visuels Instagram en une semaine.",
    )
    response = intern_client.get(reverse("feedback:results", args=[dossier.pk]))
    page = response.content.decode()
    row = response.context["results"].skills[0]
    assert row.tutor == [("Sophie Laurent", "Très bien")]
    assert row.colleagues == ["Jean Morel"]
    assert "Découverte" in page and "Très bien" in page  # self level, tutor's rating
    assert "Elle a refait nos visuels Instagram" in page  # the situation quoted
    assert "Affiches du marché" in page


def test_anonymous_answers_only_aggregated_from_three(intern_client, dossier, canva, invite):
    def answer(number):
        item, _ = invite(f"Anon {number}", f"anon{number}@example.org", anonymous=True)
        services.feedback_answer_submit(
            feedback_request=item, strengths=[canva], situation=f"Situation secrète {number}"
        )

    url = reverse("feedback:results", args=[dossier.pk])
    answer(1)
    answer(2)
    page = intern_client.get(url).content.decode()
    assert "Situation secrète" not in page and "Anon 1" not in page
    assert "2 réponses anonymes reçues" in page
    export = json.loads(intern_client.get(reverse("feedback:export", args=[dossier.pk])).content)
    assert export["anonymous_answers"] == {"count": 2, "answers": []}
    answer(3)
    response = intern_client.get(url)
    page = response.content.decode()
    assert "Situation secrète 1" in page and "Situation secrète 3" in page
    assert "Anon 1" not in page.split("Réponses anonymes")[1]
    assert response.context["results"].skills[0].anonymous == 3
    export = json.loads(intern_client.get(reverse("feedback:export", args=[dossier.pk])).content)
    assert len(export["anonymous_answers"]["answers"]) == 3
    assert all("name" not in item for item in export["anonymous_answers"]["answers"])


def test_hidden_skills_are_found_and_added_with_their_example(
    intern_client, dossier, canva, colleague, run_jobs
):
    item, _ = colleague
    services.feedback_answer_submit(
        feedback_request=item,
        strengths=[canva],
        strengths_other="Pédagogie",
        situation="À mon arrivée, Camille m'a formée sur Canva avec un guide de 4 pages.",
    )
    run_jobs()
    discoveries = {d.label: d for d in Discovery.objects.all()}
    assert "Pédagogie" in discoveries
    assert "Transmettre ses savoirs" in discoveries
    assert "formée" in discoveries["Transmettre ses savoirs"].sentence
    assert "Canva" not in discoveries
    page = intern_client.get(reverse("feedback:results", args=[dossier.pk])).content.decode()
    assert "autres ont vues" in page and "Transmettre ses savoirs" in page

    discovery = discoveries["Transmettre ses savoirs"]
    url = reverse("feedback:discovery_add", args=[dossier.pk, discovery.pk])
    assert intern_client.post(url).status_code == 302
    added = DossierSkill.objects.get(dossier=dossier, skill__code="TRANS-TRANSMETTRE")
    example = Example.objects.get(skills=added)
    assert "m'a formée sur Canva" in example.situation and "Jean Morel" in example.situation
    discovery.refresh_from_db()
    assert discovery.status == "added"
    assert intern_client.post(url).status_code == 404  # no longer pending: nothing twice

    custom = discoveries["Pédagogie"]
    intern_client.post(reverse("feedback:discovery_add", args=[dossier.pk, custom.pk]))
    assert DossierSkill.objects.filter(custom_label="Pédagogie").exists()

    # Amending the answer does not bring back what was already added.
    services.feedback_answer_submit(
        feedback_request=item, strengths_other="Pédagogie", situation=item.answer.situation
    )
    run_jobs()
    assert not Discovery.objects.filter(status="pending", label="Pédagogie").exists()


def test_dismiss(intern_client, dossier, colleague, run_jobs):
    item, _ = colleague
    services.feedback_answer_submit(feedback_request=item, strengths_other="Pédagogie")
    run_jobs()
    discovery = Discovery.objects.get(label="Pédagogie")
    intern_client.post(reverse("feedback:discovery_dismiss", args=[dossier.pk, discovery.pk]))
    discovery.refresh_from_db()
    assert discovery.status == "dismissed"
    assert not DossierSkill.objects.exists()


def test_hidden_skills_of_anonymous_answers_wait_for_three(intern_client, dossier, invite):
    item, _ = invite("Anon", "anon@example.org", anonymous=True)
    answer = services.feedback_answer_submit(feedback_request=item, strengths_other="Pédagogie")
    discovery = Discovery.objects.create(answer=answer, label="Pédagogie", sentence="Pédagogie")
    url = reverse("feedback:discovery_add", args=[dossier.pk, discovery.pk])
    assert intern_client.post(url).status_code == 404
    assert not DossierSkill.objects.exists()


def test_export_is_a_json_download(intern_client, dossier, colleague):
    item, _ = colleague
    services.feedback_answer_submit(
        feedback_request=item, situation="Le 12 mai", improve="Préparer une version courte."
    )
    response = intern_client.get(reverse("feedback:export", args=[dossier.pk]))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["answers"][0]["name"] == "Jean Morel"
    assert data["answers"][0]["improve"] == "Préparer une version courte."
    assert data["requests"][0]["status"] == "answered"


def test_erase_an_answer(intern_client, dossier, colleague, client, run_jobs):
    item, token = colleague
    answer = services.feedback_answer_submit(feedback_request=item, strengths_other="Pédagogie")
    run_jobs()
    assert Discovery.objects.exists()
    response = intern_client.post(reverse("feedback:erase", args=[dossier.pk, answer.pk]))
    assert response.status_code == 302
    assert not Answer.objects.exists() and not Discovery.objects.exists()
    item.refresh_from_db()
    assert item.status == "revoked" and item.answered_at is None
    assert client.get(reverse("feedback_public:notice", args=[token])).status_code == 404


def test_answers_are_deleted_with_the_dossier(dossier, colleague):
    from bilan.dossiers import services as dossier_services

    item, _ = colleague
    services.feedback_answer_submit(feedback_request=item, situation="Le 12 mai")
    dossier_services.dossier_delete(dossier=dossier)
    assert not FeedbackRequest.objects.exists() and not Answer.objects.exists()
    assert Skill.objects.exists()  # reference data untouched
