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
