"""JSON Resume export, validated against the official schema (v1.3.1, vendored)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from django.urls import reverse

from bilan.career import services

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "jsonresume-schema-1.3.1.json").read_text("utf-8")
)


def _validate(data) -> None:
    validator = jsonschema.Draft7Validator(
        SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, [error.message for error in errors]


def test_schema_is_the_official_draft_7_one():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_download_is_valid_and_holds_the_internship(intern_client, filled):
    first = services.cv_lines_propose(dossier=filled)[0]
    services.cv_line_add(dossier=filled, text=first.text, example=first.example)
    services.cv_line_add(dossier=filled, text="Formé deux collègues à Canva")
    response = intern_client.get(reverse("career:resume", args=[filled.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="resume.json"'
    data = json.loads(response.content)
    _validate(data)
    assert data["basics"]["name"] == "Camille Moreau"
    assert data["basics"]["email"] == "camille@example.org"
    assert data["basics"]["summary"].startswith("En BUT Information-Communication")
    (work,) = data["work"]
    assert work["name"] == "Coopérative Terres du Rhône"
    assert work["position"] == "Stagiaire (BUT Information-Communication)"
    assert work["location"] == "Lyon"
    assert (work["startDate"], work["endDate"]) == ("2026-04-06", "2026-08-28")
    assert work["summary"] == "Stage de 21 semaines, service Communication."
    assert work["highlights"] == [first.text, "Formé deux collègues à Canva"]
    assert data["skills"] == [
        {"name": "Compétences techniques", "keywords": ["Canva"]},
        {"name": "Compétences transversales", "keywords": ["Prendre la parole en public"]},
    ]
    assert data["education"] == [
        {"institution": "IUT Lyon 3", "area": "BUT Information-Communication"}
    ]


def test_a_bare_dossier_is_valid_too(dossier):
    data = services.resume_export(dossier=dossier)
    _validate(data)
    assert data["work"][0]["highlights"] == [] and data["skills"] == []
    assert "education" not in data


def test_an_edited_about_is_the_summary(filled):
    services.career_about_save(dossier=filled, about="Curieuse et rigoureuse.")
    assert services.resume_export(dossier=filled)["basics"]["summary"] == "Curieuse et rigoureuse."


def test_invalid_output_would_be_caught():
    bad = {"work": [{"name": "X", "startDate": "06/04/2026", "highlights": "pas une liste"}]}
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert len(list(validator.iter_errors(bad))) == 2
