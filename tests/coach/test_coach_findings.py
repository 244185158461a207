"""Findings: each code fires where it should, with text in the document's language."""

from __future__ import annotations

import pytest

from bilan.coach import MIN_DOCUMENT_WORDS

from .conftest import SYNTHESIS_EN, SYNTHESIS_FR


def _codes(analysis) -> set[str]:
    return {finding.code for finding in analysis.findings}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Tout s'est très bien passé.", "quand ? quoi ? pour qui ?"),
        ("en", "Everything went really well.", "when? what? for whom?"),
    ],
)
def test_vague_finding_says_what_to_add(run, lang, text, expected):
    (finding,) = run(text, lang).findings_for("vague")
    assert (finding.start, finding.end) == (0, len(text))
    assert expected in finding.suggestion


@pytest.mark.parametrize(
    ("lang", "text", "word", "alternative"),
    [
        ("fr", "Le boulot était intéressant.", "boulot", "travail"),
        ("fr", "C'était la galère avec le VPN.", "galère", "difficulté"),
        ("fr", "Le client était relou.", "relou", "pénible"),
        ("en", "I'm gonna miss the team.", "gonna", "going to"),
    ],
)
def test_tone_finding_names_the_word_and_an_alternative(run, lang, text, word, alternative):
    findings = run(text, lang).findings_for("tone")
    finding = next(f for f in findings if word in f.message)
    assert text[finding.start : finding.end] == word
    assert alternative in finding.suggestion


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        ("Super stage 😍", "😍"),
        ("J'ai adoré !!!", "!!!"),
        ("Slt, je vous envoie mon bilan.", "Slt"),
    ],
)
def test_tone_finding_anchors_emoji_punctuation_and_sms(run, text, snippet):
    spans = {text[f.start : f.end] for f in run(text, "fr").findings_for("tone")}
    assert snippet in spans


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le serveur de test tombait en panne plusieurs fois par semaine."),
        ("en", "The test server crashed several times a week."),
    ],
)
def test_difficulty_without_solution(run, lang, text):
    assert "difficulty_without_solution" in _codes(run(text, lang))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le serveur tombait en panne. Pour y remédier, j'ai installé un second serveur."),
        ("en", "The server kept crashing. To fix this, I set up a second server."),
    ],
)
def test_difficulty_with_solution_nearby_has_no_finding(run, lang, text):
    assert "difficulty_without_solution" not in _codes(run(text, lang))


DOCUMENT_CODES = {
    "no_difficulty",
    "mostly_descriptive",
    "few_transversal_skills",
    "few_progress_axes",
    "no_future",
    "missing_section",
}


@pytest.mark.parametrize(("lang", "text"), [("fr", SYNTHESIS_FR), ("en", SYNTHESIS_EN)])
def test_document_findings_on_a_weak_synthesis(run, lang, text):
    analysis = run(text, lang)
    assert analysis.figures.is_document
    assert DOCUMENT_CODES <= _codes(analysis)
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.message and finding.suggestion


def test_document_messages_are_in_the_text_language(run):
    fr = run(SYNTHESIS_FR, "fr")
    en = run(SYNTHESIS_EN, "en")
    (descriptive_fr,) = fr.findings_for("mostly_descriptive")
    (descriptive_en,) = en.findings_for("mostly_descriptive")
    share = round(100 * fr.figures.reflective_share)
    assert f"{share} % de phrases réflexives" in descriptive_fr.message
    assert "reflective sentences" in descriptive_en.message
    missing_fr = {f.message for f in fr.findings_for("missing_section")}
    assert missing_fr == {
        "Section de la trame absente : « Difficultés et solutions ».",
        "Section de la trame absente : « Ouverture ».",
    }
    assert any("Outlook" in f.message for f in en.findings_for("missing_section"))


def test_no_document_findings_on_a_journal_line(run):
    analysis = run("J'ai préparé les déclarations de TVA de douze clients.", "fr")
    assert not analysis.figures.is_document
    assert not _codes(analysis) & DOCUMENT_CODES
    assert MIN_DOCUMENT_WORDS >= 100


def test_good_synthesis_has_no_checklist_findings(run):
    text = SYNTHESIS_FR.replace(
        "J'ai beaucoup appris. J'ai acquis de la rigueur. Tout s'est très bien passé avec "
        "l'équipe.",
        "J'ai appris à justifier chaque compte de bilan avec une pièce avant de le valider. "
        "J'ai gagné en organisation : j'ai planifié seule les relances de douze clients. "
        "J'ai appris à communiquer par écrit avec les clients en envoyant un récapitulatif "
        "après chaque rendez-vous.\n\nDifficultés et solutions\n"
        "Les pièces justificatives arrivaient souvent incomplètes, alors j'ai rédigé un "
        "courriel de relance type.",
    ) + (
        "\nOuverture\nMon axe de progrès est la fiscalité des sociétés, que je dois encore "
        "approfondir sur les dossiers d'impôt sur les sociétés. Je dois encore progresser dans "
        "la rédaction de notes de synthèse courtes pour les clients. "
        "Pensez-vous que je devrais passer le DSCG ?"
    )
    codes = _codes(run(text, "fr"))
    assert not codes & {
        "no_difficulty",
        "few_transversal_skills",
        "few_progress_axes",
        "no_future",
        "missing_section",
    }


def test_too_long_counts_words_and_pages(run):
    paragraph = (
        "J'ai préparé les déclarations de TVA de douze clients du cabinet en juin. "
        "J'ai compris qu'une pièce manquante retardait toute la clôture du dossier. "
    )
    text = "\n\n".join([paragraph] * 45)
    analysis = run(text, "fr")
    (finding,) = analysis.findings_for("too_long")
    assert analysis.figures.word_count > 1000
    assert str(analysis.figures.word_count) in finding.message
    assert "pages" in finding.message
    assert finding.end == len(text.rstrip())


@pytest.mark.parametrize(
    ("lang", "text", "word", "alternative"),
    [
        ("fr", "Y avait personne le lundi matin.", "Y avait", "il y avait"),
        ("fr", "J'étais trop contente de finir la vitrine.", "trop", "très"),
        ("fr", "Je m'ennuyais grave l'après-midi.", "grave", "beaucoup"),
        (
            "fr",
            "Les clercs me prenaient de haut, genre t'es juste la stagiaire.",
            "genre",
            "(à supprimer)",
        ),
        ("fr", "Ma boîte m'a proposé un CDI.", "boîte", "entreprise"),
        ("fr", "Jsuis en alternance depuis septembre.", "Jsuis", "je suis"),
        ("fr", "J'ai grave aimé ce stage.", "grave", "beaucoup"),
        ("fr", "Je me suis planté sur la première commande.", "planté", "trompé"),
        ("fr", "C'était grave physique le samedi.", "grave", "très"),
        ("en", "We were way too slow at the start.", "way", "much"),
        ("en", "It was proper busy on Saturdays.", "proper", "very"),
    ],
)
def test_tone_phrases_are_found_in_their_context(coach_pipelines, lang, text, word, alternative):
    """The rules' cue, with the alternative the finding will offer once the label is tone."""
    doc = coach_pipelines[lang](text)
    hits = {text[hit.start : hit.end]: hit for feats in doc._.coach_features for hit in feats.tone}
    assert word in hits
    assert hits[word].alternative == alternative


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # Standard French that shares words with familiar phrases.
        ("fr", "Il y avait beaucoup de monde au magasin le samedi."),
        ("fr", "Il n'y a pas eu de retard sur le chantier."),
        ("fr", "J'ai changé la boîte de vitesses d'une Clio."),
        ("fr", "Une erreur grave a été évitée grâce au double contrôle."),
        ("fr", "Le dossier de consultation était trop long pour être lu en une journée."),
        ("fr", "La PR a été relue par deux développeurs."),
        ("en", "The scaffold design was checked twice before use."),
    ],
)
def test_standard_wording_raises_no_tone_cue(coach_pipelines, lang, text):
    doc = coach_pipelines[lang](text)
    assert [hit.word for feats in doc._.coach_features for hit in feats.tone] == []
