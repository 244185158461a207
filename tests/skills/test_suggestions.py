"""Suggestions from the intern's own text: lemma matching with spaCy, accept or dismiss."""

from __future__ import annotations

import datetime as dt

import pytest

from bilan.dossiers import services as dossier_services
from bilan.skills import services, suggest
from bilan.skills.models import Suggestion

pytestmark = pytest.mark.usefixtures("nlp")


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Nous avons travaillé ensemble avec mes collègues.", "Travailler en équipe"),
        ("J'ai travaillé en équipe sur le salon.", "Travailler en équipe"),
        ("J'ai fait preuve de réactivité face à la panne.", "Faire preuve de réactivité"),
        ("J'ai géré seule la newsletter d'août.", "Travailler en autonomie"),
    ],
)
def test_sentences_give_evidence_of_skills(nlp, dossier, sentence, label):
    dossier_services.journal_entry_create(dossier=dossier, date=dt.date(2026, 4, 7), text=sentence)
    services.suggestions_run(dossier=dossier)
    found = {s.skill.label_fr: s for s in services.suggestions_pending(dossier=dossier)}
    assert label in found
    assert found[label].sentence == sentence
    assert found[label].source.startswith("Journal")


def test_label_lemmas_match_inflected_text(nlp):
    keys = suggest.lemma_keys_for(nlp, [("l:", "gérer les priorités")])
    index = suggest.Index({1: "\n".join(keys)})
    doc = nlp("Je gérais mes priorités chaque matin.")
    assert index.skills_in(suggest.content_lemmas(doc)) == {1}


def test_accept_dismiss_and_never_propose_again(dossier):
    dossier_services.journal_entry_create(
        dossier=dossier,
        date=dt.date(2026, 4, 7),
        text="J'ai travaillé avec mes collègues. J'ai proposé une nouvelle maquette.",
    )
    assert services.suggestions_run(dossier=dossier).created >= 2
    assert dossier.skills.count() == 0  # never added silently
    pending = {s.skill.code: s for s in services.suggestions_pending(dossier=dossier)}
    item = services.suggestion_accept(suggestion=pending["TRANS-EQUIPE"], with_example=True)
    assert item.skill.code == "TRANS-EQUIPE"
    example = dossier.examples.get()
    assert example.situation == "J'ai travaillé avec mes collègues." and list(
        example.skills.all()
    ) == [item]
    services.suggestion_dismiss(suggestion=pending["COMP-INITIATIVE"])
    assert services.suggestions_run(dossier=dossier).created == 0
    codes = {s.skill.code for s in services.suggestions_pending(dossier=dossier)}
    assert "TRANS-EQUIPE" not in codes and "COMP-INITIATIVE" not in codes
    statuses = dict(Suggestion.objects.values_list("skill__code", "status"))
    assert statuses["COMP-INITIATIVE"] == "dismissed" and statuses["TRANS-EQUIPE"] == "accepted"


def test_text_is_capped(dossier, settings, monkeypatch):
    monkeypatch.setattr(services, "SUGGEST_MAX_CHARS", 30)
    for day in (1, 2):
        dossier_services.journal_entry_create(
            dossier=dossier, date=dt.date(2026, 4, day), text="J'ai travaillé avec l'équipe."
        )
    assert services.suggestions_run(dossier=dossier).truncated


def test_only_active_frameworks_are_proposed(dossier, defaults):
    services.dossier_frameworks_set(
        dossier=dossier, frameworks=[f for f in defaults if f.key == "bilan"]
    )
    dossier_services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 7), text="J'ai fait preuve de réactivité."
    )
    services.suggestions_run(dossier=dossier)
    keys = {s.skill.framework.key for s in services.suggestions_pending(dossier=dossier)}
    assert keys <= {"bilan"}


def test_english_journal_gets_english_labels(dossier):
    dossier_services.journal_entry_create(
        dossier=dossier,
        date=dt.date(2026, 4, 7),
        text="This week I worked in a team with two designers to prepare the trade show.",
    )
    services.suggestions_run(dossier=dossier)
    found = {s.skill.code: s for s in services.suggestions_pending(dossier=dossier)}
    assert "TRANS-EQUIPE" in found
    assert found["TRANS-EQUIPE"].sentence.startswith("This week I worked in a team")
    from django.utils import translation

    with translation.override("en"):
        assert found["TRANS-EQUIPE"].skill.label == "Working in a team"


def test_traces_and_feedback_received_are_read_with_their_source(dossier):
    from bilan.evidence.models import Trace
    from bilan.feedback.models import Answer
    from bilan.feedback.services import feedback_request_create

    Trace.objects.create(
        dossier=dossier,
        source=Trace.Source.NOTE,
        title="Merci de la mairie",
        note="Vous avez fait preuve de réactivité lors de la panne du site.",
    )
    request = feedback_request_create(
        dossier=dossier, name="Jean Morel", email="jean@example.org", send=False
    )
    Answer.objects.create(request=request, situation="Elle a proposé une nouvelle maquette.")
    hidden = feedback_request_create(
        dossier=dossier, name="Paul Caché", email="paul@example.org", anonymous=True, send=False
    )
    Answer.objects.create(request=hidden, comment="Toujours prête à travailler en équipe.")
    services.suggestions_run(dossier=dossier)
    found = {s.skill.label_fr: s for s in services.suggestions_pending(dossier=dossier)}
    assert found["Faire preuve de réactivité"].source == "Trace : Merci de la mairie"
    assert found["Faire preuve d'esprit d'initiative"].source == "Retour de Jean Morel"
    assert found["Travailler en équipe"].source == "Retour anonyme"


def test_long_writings_go_to_the_worker(dossier, intern_client, monkeypatch):
    from django.urls import reverse

    from bilan.jobs.models import Job
    from bilan.jobs.services import jobs_run_pending

    monkeypatch.setattr(services, "SUGGEST_SYNC_MAX_CHARS", 20)
    dossier_services.journal_entry_create(
        dossier=dossier, date=dt.date(2026, 4, 7), text="J'ai travaillé en équipe sur le salon."
    )
    response = intern_client.post(reverse("skills:suggestions_run", args=[dossier.pk]))
    assert response.status_code == 302
    assert not Suggestion.objects.exists()
    assert Job.objects.filter(kind=services.JOB_SUGGEST, status="queued").count() == 1
    page = intern_client.get(reverse("skills:suggestions", args=[dossier.pk])).content.decode()
    assert "arrière-plan" in page and 'hx-trigger="every 3s"' in page
    jobs_run_pending()
    assert Suggestion.objects.filter(skill__code="TRANS-EQUIPE").exists()
    page = intern_client.get(reverse("skills:suggestions", args=[dossier.pk])).content.decode()
    assert 'hx-trigger="every 3s"' not in page
