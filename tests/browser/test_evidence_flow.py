"""Backing a claim with a trace, citing it in the synthesis and rehearsing, in French and English,
in a real browser at phone size."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from bilan.dossiers.models import Objective
from bilan.evidence.models import Proof, Trace

from .test_traces import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "fr": {
        "proofs": "Preuves",
        "save": "Enregistrer les preuves",
        "saved": "1 preuve enregistrée.",
        "generate": "Rédiger la première version",
        "citation": "(cf. e-mail de S. Laurent, 12 mai 2026 : « le tableau sert à chaque comité »)",
        "rehearse": "Répéter l'entretien",
        "start": "Démarrer",
    },
    "en": {
        "proofs": "Proofs",
        "save": "Save the proofs",
        "saved": "1 proof saved.",
        "generate": "Draft the first version",
        "citation": "(see e-mail from S. Laurent, 12 May 2026: “le tableau sert à chaque comité”)",
        "rehearse": "Rehearse the meeting",
        "start": "Start",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_prove_cite_and_rehearse(live_server, page, dossier, intern, language, axe):
    words = WORDS[language]
    intern.language = language
    intern.save(update_fields=["language"])
    dossier.language = language
    dossier.save(update_fields=["language"])
    objective = Objective.objects.create(
        dossier=dossier,
        title="Construire le tableau de bord des ventes",
        status=Objective.Status.DONE,
        actual="Livré fin juin",
    )
    trace = Trace.objects.create(
        dossier=dossier,
        kind=Trace.Kind.EMAIL,
        source=Trace.Source.NOTE,
        title="Merci pour le tableau",
        author="Sophie Laurent <sophie@example.org>",
        date=dt.datetime(2026, 5, 12, 9, 0, tzinfo=dt.UTC),
        note="Bonjour Camille, le tableau sert à chaque comité. Merci !",
    )
    axe.track(page)
    page.context.add_cookies(_session_cookie(live_server, intern))

    # From the objectives page to the proof picker: the trace, its first sentence proposed.
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/objectives/")
    page.locator(f"#objective-{objective.pk} a", has_text=words["proofs"]).click()
    excerpt = page.locator(f"#excerpt-{trace.pk}")
    expect(excerpt).to_have_value("le tableau sert à chaque comité.")
    axe.check(page)
    page.check(f"input[name=trace][value='{trace.pk}']")
    excerpt.fill("le tableau sert à chaque comité")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    proof = Proof.objects.get()
    assert (proof.objective_id, proof.excerpt) == (objective.pk, "le tableau sert à chaque comité")

    # The synthesis drafted next cites it.
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/synthesis/")
    page.get_by_role("button", name=words["generate"]).click()
    expect(page.locator("article.synthesis-preview")).to_contain_text(words["citation"])

    # Rehearsal: the outline follows the synthesis and the timer runs.
    page.clock.install()
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/rehearsal/")
    expect(page.get_by_role("heading", name=words["rehearse"])).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name=words["start"]).click()
    expect(page.locator("#rehearsal-outline > li").first).to_have_attribute("aria-current", "step")
