"""Axes de progrès added and removed through htmx: only their card comes back."""

from __future__ import annotations

from django.urls import reverse

from bilan.skills import services
from bilan.skills.models import ProgressAxis

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_add_returns_only_the_axes_card(intern_client, dossier):
    url = reverse("skills:axis_add", args=[dossier.pk])
    response = intern_client.post(url, {"text": "Oser parler en réunion"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="axes"')
    assert "Oser parler en réunion" in html and "id_culture" not in html
    assert list(ProgressAxis.objects.values_list("text", flat=True)) == ["Oser parler en réunion"]


def test_bad_input_shows_the_error_in_the_card_and_writes_nothing(intern_client, dossier):
    url = reverse("skills:axis_add", args=[dossier.pk])
    response = intern_client.post(url, {"text": "   "}, **HTMX)
    # htmx swaps only 2xx answers: the error must come back as 200 to be seen.
    assert response.status_code == 200
    assert "Écrivez l&#x27;axe de progrès." in response.content.decode()
    assert ProgressAxis.objects.count() == 0
    # Without htmx the full page answers 400, as before.
    assert intern_client.post(url, {"text": ""}).status_code == 400


def test_delete_returns_the_card_and_an_outsider_gets_404(intern_client, outsider_client, dossier):
    axis = services.progress_axis_add(dossier=dossier, text="Écrire court")
    url = reverse("skills:axis_delete", args=[dossier.pk, axis.pk])
    assert outsider_client.post(url, **HTMX).status_code == 404
    assert ProgressAxis.objects.count() == 1
    response = intern_client.post(url, **HTMX)
    assert response.status_code == 200 and 'id="axes"' in response.content.decode()
    assert ProgressAxis.objects.count() == 0
