"""The déroulement told month by month from the journal; autonomy gained in the bilan personnel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bilan.dossiers import services as dossier_services
from bilan.synthesis import services
from bilan.synthesis.models import Synthesis

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal(dossier):
    for day, text in [
        (dt.date(2026, 4, 8), "Découverte des outils. J'ai lu les anciennes newsletters."),
        (dt.date(2026, 4, 20), "J'ai rédigé ma première newsletter seule. Envoi le lundi."),
        (dt.date(2026, 5, 12), "Présentation du benchmark au comité. Bon accueil."),
    ]:
        dossier_services.journal_entry_create(dossier=dossier, date=day, text=text)
    dossier_services.objective_create(dossier=dossier, title="Rédiger la newsletter")
    return dossier


def test_calendar_order_tells_the_internship_month_by_month(journal, intern_client):
    services.synthesis_generate(dossier=journal)
    response = intern_client.post(
        reverse("synthesis:deroulement", args=[journal.pk]), {"deroulement_order": "calendar"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/regenerate/")
    assert Synthesis.objects.get(dossier=journal).deroulement_order == "calendar"
    page = intern_client.get(reverse("synthesis:regenerate", args=[journal.pk])).content.decode()
    assert "Avril 2026 —" in page and "Mai 2026 —" in page
    version = services.synthesis_regenerate_apply(
        synthesis=services.synthesis_get(dossier=journal), keys={"deroulement"}
    )
    text = version.sections["deroulement"]
    assert text.index("Avril 2026") < text.index("Mai 2026")
    assert "J'ai rédigé ma première newsletter seule." in text
    assert "Présentation du benchmark au comité." in text
    assert "Bon accueil" not in text  # first sentences only


def test_order_is_refused_for_someone_else_and_for_nonsense(journal, intern_client, outsider):
    services.synthesis_generate(dossier=journal)
    url = reverse("synthesis:deroulement", args=[journal.pk])
    other = Client()
    other.force_login(outsider)
    assert other.post(url, {"deroulement_order": "calendar"}).status_code == 404
    assert intern_client.post(url, {"deroulement_order": "random"}).status_code == 404
    assert Synthesis.objects.get(dossier=journal).deroulement_order == "objectives"


def test_autonomy_gained_feeds_the_bilan_personnel(dossier, intern_client):
    response = intern_client.post(
        reverse("dossiers:weeks", args=[dossier.pk]),
        {
            "first_week_note": "",
            "mastered_now": "",
            "autonomy_gained": "On m'a confié seule l'envoi de la newsletter aux 3 000 adhérents",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.autonomy_gained.startswith("On m'a confié seule")
    version = services.synthesis_generate(dossier=dossier)
    assert (
        "**Autonomie et responsabilités :** On m'a confié seule l'envoi de la newsletter "
        "aux 3 000 adhérents." in version.sections["bilan_personnel"]
    )
