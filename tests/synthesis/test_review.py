""" "Relire toute la synthèse": the coach's document-level checks agree with what the app knows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bilan.skills import services as skills
from bilan.synthesis import services
from bilan.synthesis.models import SynthesisVersion

AMBITION = "Je vise un master en communication des organisations, en alternance."


@pytest.fixture
def reviewed(full_dossier):
    """The full dossier with a long difficulty whose solution the coach cannot see nearby."""
    skills.feelings_update(dossier=full_dossier, applications=AMBITION)
    skills.highlight_create(
        dossier=full_dossier,
        kind="difficulty",
        title="Des retards de validation",
        description=(
            "Les validations de la direction arrivaient avec une semaine de retard et bloquaient "
            "la newsletter."
        ),
        solution="J'ai proposé un créneau fixe de relecture le mardi avec la directrice.",
    )
    services.synthesis_generate(dossier=full_dossier)
    return full_dossier


def _review(client, dossier) -> str:
    response = client.get(reverse("synthesis:review", args=[dossier.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_review_does_not_contradict_the_draft(intern_client, reviewed):
    version = SynthesisVersion.objects.get(synthesis__dossier=reviewed)
    assert "Présenter en dix diapositives" in version.sections["ouverture"]
    assert AMBITION in version.sections["ouverture"]
    page = _review(intern_client, reviewed)
    assert "Axes de progrès formulés" not in page  # two are listed
    assert "Axes de progrès dans la synthèse" not in page
    assert "Aucune question ni ambition sur la suite" not in page  # the ambition is stated
    assert "Aucune difficulté n&#x27;est évoquée" not in page
    # Each difficulty paragraph holds its solution.
    assert "Difficulté évoquée sans solution" not in page
    # The reviewed text reads as text: headings, no Markdown markers.
    assert "**" not in page
    assert '<strong class="coach-heading">Difficultés et solutions</strong>' in page


def test_review_reports_from_the_dossier_what_is_really_missing(intern_client, dossier):
    services.synthesis_generate(dossier=dossier)
    page = _review(intern_client, dossier)
    assert "La partie « Difficultés et solutions » est vide." in page
    assert "La partie « Ouverture » est vide." in page
    assert "La partie « Introduction » est vide." not in page


def test_fewer_than_two_axes_counted_from_the_dossier(intern_client, reviewed):
    reviewed.progress_axes.last().delete()
    synthesis = reviewed.synthesis
    services.synthesis_regenerate_apply(synthesis=synthesis, keys={"ouverture"})
    page = _review(intern_client, reviewed)
    assert "Axes de progrès dans la synthèse : 1 ; la checklist en demande au moins 2." in page


def test_demo_review_agrees_with_the_demo_draft(db, client):
    import io

    from django.core.management import call_command

    from bilan.demo import content
    from bilan.dossiers.models import Dossier

    call_command("demo", stdout=io.StringIO())
    dossier = Dossier.objects.get(owner__email=content.DEMO_EMAIL)
    client.force_login(dossier.owner)
    page = _review(client, dossier)
    assert "Axes de progrès formulés" not in page
    # The dropped objective's paragraph says what replaced it: not a difficulty left alone.
    assert "Difficulté évoquée sans solution" not in page
    assert "Aucune question ni ambition sur la suite" not in page
    assert "**" not in page
    # Each sentence finding quotes the words it is about.
    assert page.count('class="small coach-excerpt"') == page.count("<li value=")
