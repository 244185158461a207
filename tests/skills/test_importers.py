"""Importers: official formats as distributed, malformed files, idempotent re-runs."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bilan.skills import importers
from bilan.skills.models import Family, Framework, Skill

HEADER = "code,family,label_fr,label_en,alt_labels,parent_code\n"
GOOD = HEADER + (
    "B1,technical,Bloc 1 — Concevoir,Block 1,,\n"
    'B1.1,technique,"Analyser un besoin, le reformuler",Analyse a need,'
    "besoin|cahier des charges,B1\n"
    "B2,comportementale,Réactivité,Responsiveness,,\n"
)


def _write(tmp_path: Path, text: str | bytes, name: str = "ref.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_framework", *args, stdout=out)
    return out.getvalue()


def test_custom_import_then_rerun_is_unchanged(db, tmp_path):
    path = _write(tmp_path, GOOD)
    line = _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    assert line.strip().startswith("rncp-1 : 3 créées, 0 mises à jour, 0 inchangées")
    assert len(line.strip().splitlines()) == 1
    skill = Skill.objects.get(framework__key="rncp-1", code="B1.1")
    assert skill.family == Family.TECHNICAL and skill.parent_code == "B1"
    assert skill.alt_labels_fr == "besoin\ncahier des charges"
    assert "cahier des charges" in skill.search_text
    assert Skill.objects.get(code="B2").family == Family.BEHAVIOURAL
    again = _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    assert "0 créées, 0 mises à jour, 3 inchangées" in again
    _write(tmp_path, GOOD.replace("Réactivité", "Être réactif"))
    third = _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    assert "0 créées, 1 mises à jour, 2 inchangées" in third
    assert Skill.objects.get(code="B2").search_text.startswith("etre reactif")


MALFORMED = [
    (
        "code,family,label_fr,label_en,alt_labels\nA,technical,x,,\n",
        "ligne 1",
        "colonne(s) manquante(s) : parent_code",
    ),
    (GOOD + "B3,magique,Magie,,,\n", "ligne 5", "famille « magique » inconnue"),
    (GOOD + "B1,technical,Encore,,,\n", "ligne 5", "figure déjà ligne 2"),
    (GOOD.replace(",", ";"), "ligne 1", "séparées par des virgules"),
    (GOOD + "B4,technical,Orphelin,,,B9\n", "ligne 5", "code parent « B9 »"),
    (GOOD + "B5,technical,,,,\n", "ligne 5", "au moins un libellé"),
    (GOOD + "B6,technical,Trop,de,colonnes,,ici\n", "ligne 5", "7 colonnes au lieu de 6"),
]


@pytest.mark.parametrize(("text", "where", "what"), MALFORMED)
def test_malformed_custom_csv_names_the_line_and_imports_nothing(db, tmp_path, text, where, what):
    path = _write(tmp_path, text)
    with pytest.raises(CommandError) as error:
        _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    message = str(error.value)
    assert "Rien n'a été importé" in message and where in message and what in message
    assert not Framework.objects.filter(key="rncp-1").exists()
    assert not Skill.objects.filter(code__startswith="B").exists()


def test_undecodable_bytes_name_the_line(db, tmp_path):
    data = GOOD.encode("utf-8") + "B7,technical,Qualité\n".encode("latin-1")
    path = _write(tmp_path, data)
    with pytest.raises(CommandError, match="ligne 5 : octets illisibles en UTF-8"):
        _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    assert not Framework.objects.filter(key="rncp-1").exists()


def test_bad_rows_after_a_good_import_leave_it_as_it_was(db, tmp_path):
    path = _write(tmp_path, GOOD)
    _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    _write(tmp_path, GOOD.replace("Réactivité", "Changé") + "B8,nope,x,,,\n")
    with pytest.raises(CommandError, match="ligne 5"):
        _run("custom", str(path), "--key", "rncp-1", "--name", "RNCP 1")
    assert Skill.objects.get(code="B2").label_fr == "Réactivité"
    assert Skill.objects.filter(framework__key="rncp-1").count() == 3


def test_custom_key_cannot_take_a_builtin_or_reserved_key(db, tmp_path):
    path = _write(tmp_path, GOOD)
    for key in ("bilan", "esco", "Pas Valide"):
        with pytest.raises(CommandError):
            _run("custom", str(path), "--key", key, "--name", "x")
    assert Skill.objects.filter(framework__key="bilan").count() == 22


def test_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        _run("custom", str(tmp_path / "absent.csv"), "--key", "k", "--name", "n")


ESCO_EXCERPT = (
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/a,skill/competence,"
    'transversal,faire preuve de réactivité,"être réactif\nréagir vite",\n'
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/b,knowledge,"
    "sector-specific,tableurs,,\n"
)
ESCO_EXCERPT_EN = (
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/a,skill/competence,"
    "transversal,show responsiveness,react quickly,\n"
)
HIERARCHY = (
    "conceptType,conceptUri,broaderType,broaderUri\n"
    "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/b,SkillGroup,"
    "http://data.europa.eu/esco/skill/group\n"
)


def test_esco_excerpt_with_hierarchy_and_a_second_language(db, tmp_path):
    skills = _write(tmp_path, ESCO_EXCERPT, "skills_fr.csv")
    hierarchy = _write(tmp_path, HIERARCHY, "broaderRelationsSkillPillar.csv")
    assert "esco : 2 créées" in _run("esco", str(skills), "--hierarchy", str(hierarchy))
    a = Skill.objects.get(code="http://data.europa.eu/esco/skill/a")
    assert a.family == Family.TRANSVERSAL and a.alt_labels_fr == "être réactif\nréagir vite"
    b = Skill.objects.get(code="http://data.europa.eu/esco/skill/b")
    assert b.parent_code == "http://data.europa.eu/esco/skill/group"
    english = _write(tmp_path, ESCO_EXCERPT_EN, "skills_en.csv")
    assert "0 créées, 1 mises à jour, 0 inchangées" in _run("esco", str(english))
    a.refresh_from_db()
    assert (a.label_fr, a.label_en) == ("faire preuve de réactivité", "show responsiveness")
    assert "react quickly" in a.search_text and "etre reactif" in a.search_text


def test_esco_line_number_counts_multiline_records(db, tmp_path):
    bad = ESCO_EXCERPT + "KnowledgeSkillCompetence,not-a-uri,knowledge,x,y,,\n"
    path = _write(tmp_path, bad, "skills_fr.csv")
    with pytest.raises(CommandError, match="ligne 5 : conceptUri"):
        _run("esco", str(path))
    assert not Framework.objects.filter(key="esco").exists()


def test_rome_excerpt(db, tmp_path):
    folder = tmp_path / "rome"
    folder.mkdir()
    _write(
        folder,
        '"code_ogr","nature","libelle_competence","definition","code_ogr_macro_comp",'
        '"code_macro_comp","cat_comp","sous_cat_comp"\n'
        '"300473","Macro-compétence","Faire preuve de réactivité","","","6D111",'
        '"Savoir-être professionnel","Transverse"\n'
        '"100023","Compétence","Abattre un arbre","","300230","","Savoir-faire","Technique"\n'
        '"100024","Compétence","Planifier","","","","Savoir-faire","Transverse"\n',
        "unix_referentiel_competence_v460_utf8.csv",
    )
    assert "rome : 3 créées" in _run("rome", str(folder))
    families = dict(Skill.objects.filter(framework__key="rome").values_list("code", "family"))
    assert families == {"300473": "behavioural", "100023": "technical", "100024": "transversal"}
    assert "3 inchangées" in _run("rome", str(folder))


def test_rome_folder_without_the_file(db, tmp_path):
    with pytest.raises(CommandError, match="Aucun fichier"):
        _run("rome", str(tmp_path))


def test_family_aliases_cover_french_and_english():
    assert importers.FAMILY_ALIASES["transversales"] == Family.TRANSVERSAL
    assert importers.FAMILY_ALIASES["behavioural"] == Family.BEHAVIOURAL


def test_real_rome_imports_completely(db, data_dir):
    line = _run("rome", str(data_dir / "rome-v460"))
    assert "rome : 18317 créées, 0 mises à jour, 0 inchangées" in line
    assert Skill.objects.filter(framework__key="rome", family="behavioural").count() == 16
    assert "18317 inchangées" in _run("rome", str(data_dir / "rome-v460"))


@pytest.mark.slow
def test_real_esco_imports_completely_in_under_a_minute(db, data_dir):
    started = time.monotonic()
    line = _run(
        "esco",
        str(data_dir / "esco-fr" / "skills_fr.csv"),
        "--hierarchy",
        str(data_dir / "esco-fr" / "broaderRelationsSkillPillar.csv"),
    )
    assert time.monotonic() - started < 60
    assert "esco : 13485 créées, 0 mises à jour, 0 inchangées" in line
    again = _run("esco", str(data_dir / "esco-fr" / "skills_fr.csv"))
    assert "0 créées, 0 mises à jour, 13485 inchangées" in again
