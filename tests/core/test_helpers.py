"""The shared service and form helpers: model_update and form_add_errors."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError

from bilan.core.forms import form_add_errors
from bilan.core.services import model_update
from bilan.dossiers.models import Dossier


def test_model_update_writes_allowed_fields_only(dossier):
    before = Dossier.objects.values_list("updated_at", flat=True).get(pk=dossier.pk)
    changed = model_update(
        instance=dossier,
        fields=("organisation", "service"),
        data={"organisation": "Mairie de Lyon", "school": "ignorée"},
    )
    assert changed is True
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.organisation == "Mairie de Lyon"
    assert stored.school == dossier.school != "ignorée"
    assert stored.updated_at > before  # auto_now fields are written with the update
    assert model_update(instance=dossier, fields=("organisation",), data={}) is False
    assert (
        model_update(
            instance=dossier, fields=("organisation",), data={"organisation": "Mairie de Lyon"}
        )
        is False
    )


def test_model_update_validates_before_writing(dossier):
    original = dossier.organisation
    with pytest.raises(ValidationError):
        model_update(instance=dossier, fields=("organisation",), data={"organisation": ""})
    assert Dossier.objects.get(pk=dossier.pk).organisation == original


def test_model_update_inserts_an_unsaved_instance(intern):
    dossier = Dossier(owner=intern, start_date="2026-03-02", end_date="2026-08-28")
    model_update(instance=dossier, fields=("organisation",), data={"organisation": "Coop"})
    assert Dossier.objects.get(pk=dossier.pk).organisation == "Coop"


def test_form_add_errors_puts_each_message_above_the_fields():
    form = forms.Form(data={})
    assert form.is_valid()
    form_add_errors(form, ValidationError(["Première raison.", "Seconde raison."]))
    assert not form.is_valid()
    assert form.non_field_errors() == ["Première raison.", "Seconde raison."]
