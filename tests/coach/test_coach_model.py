"""The learned labeller: features, a tiny deterministic training run, prediction, confidence."""

from __future__ import annotations

import json

import pytest

from bilan.coach.corpus import parse_document
from bilan.coach.examples import corpus_examples
from bilan.coach.features import SentenceView, featurize
from bilan.coach.model import LabelModel, get_model, read_model, save_model
from bilan.coach.results import LABELS
from bilan.coach.train import train_language
from bilan.textfold import fold

VAGUE = [
    "Tout s'est très bien passé.",
    "Ce stage a été très enrichissant.",
    "J'ai beaucoup appris.",
]
DESCRIPTIVE = [
    "J'ai saisi quarante factures dans Sage.",
    "J'ai préparé le planning des trois équipes.",
    "J'ai rédigé le compte rendu de la réunion du lundi.",
]
TONE = ["Le boulot était trop relou.", "C'était la galère mdr.", "Mon chef était nul !!!"]
REFLECTIVE = [
    "J'ai appris à estimer mes tâches en demi-journées.",
    "J'ai compris qu'un devis envoyé vite est plus souvent signé.",
    "Avec le recul, je relirais chaque bon de commande avant de l'envoyer.",
]
DIFFICULTY_SOLUTION = [
    "Le serveur plantait chaque lundi, alors j'ai écrit un script de redémarrage.",
    "Les élèves ne m'écoutaient pas, donc j'ai instauré un rituel de début de cours.",
    "Le stock manquait souvent, alors j'ai créé un bon de commande hebdomadaire.",
]


def _tiny_corpus() -> list:
    documents = []
    for n in range(12):
        sentences = [
            {"text": VAGUE[n % 3], "labels": ["vague"]},
            {"text": DESCRIPTIVE[n % 3], "labels": ["descriptive"]},
            {"text": TONE[n % 3], "labels": ["tone"]},
            {"text": REFLECTIVE[n % 3], "labels": ["reflective"]},
            {"text": DIFFICULTY_SOLUTION[n % 3], "labels": ["difficulty", "solution"]},
        ]
        documents.append(
            parse_document(json.dumps({"doc": f"t-{n}", "lang": "fr", "sentences": sentences}))
        )
    return documents


def test_fold_removes_accents_and_ligatures():
    assert fold("Œuvre à l'ÉTÉ") == "oeuvre a l'ete"
    assert fold("Straße") == "strasse"


def test_featurize_adds_neighbour_cues():
    views = [
        SentenceView(words=("probleme",), lemmas=(), cues=("difficulty",)),
        SentenceView(words=("j'ai", "corrige"), lemmas=(), cues=("first_person_action",)),
    ]
    first, second = featurize(views)
    assert "n:first_person_action" in first and not any(f.startswith("p") for f in first)
    assert "p:difficulty" in second and "pw:probleme" in second
    assert not any(f.startswith("n") for f in second)
    assert "w:corrige" in second and "c: co" in second and "b:j'ai corrige" in second


def test_a_tiny_corpus_trains_deterministically_and_predicts_its_labels(tmp_path):
    examples = corpus_examples(_tiny_corpus())
    first, report = train_language("fr", examples, folds=3, c_grid=(1.0,))
    second, _ = train_language("fr", examples, folds=3, c_grid=(1.0,))
    save_model(first, tmp_path / "one.json.gz")
    save_model(second, tmp_path / "two.json.gz")
    assert (tmp_path / "one.json.gz").read_bytes() == (tmp_path / "two.json.gz").read_bytes()
    assert first.meta["fingerprint"] == second.meta["fingerprint"]
    assert report.sentences == 60 and report.features > 0
    # The second reading was tried on every label and kept only where it won in CV.
    assert [stage.label for stage in report.context] == list(LABELS)
    assert set(first.context) == {s.label for s in report.context if s.kept}
    for stage in report.context:
        assert stage.kept == (stage.second_f1 > stage.first_f1 + 0.003)
    loaded = read_model(tmp_path / "one.json.gz")
    assert loaded.labels == LABELS
    in_context = [example for example in examples if example.scored][:5]
    predicted = [loaded.predict(example.features).labels for example in in_context]
    assert predicted == [
        frozenset({"vague"}),
        frozenset({"descriptive"}),
        frozenset({"tone"}),
        frozenset({"reflective"}),
        frozenset({"difficulty", "solution"}),
    ]


def test_training_refuses_a_label_without_examples():
    documents = [
        parse_document(
            json.dumps(
                {"doc": f"u-{n}", "lang": "fr", "sentences": [{"text": t, "labels": ["vague"]}]}
            )
        )
        for n, t in enumerate(VAGUE * 2)
    ]
    with pytest.raises(ValueError, match="positive and negative"):
        train_language("fr", corpus_examples(documents), folds=2, c_grid=(1.0,))


def test_prediction_confidence_is_the_closest_call():
    model = LabelModel(
        language="fr",
        labels=("vague", "tone"),
        bias=(-3.0, -4.0),
        thresholds=(0.5, 0.5),
        weights={"w:bof": (3.05, 0.0), "w:truc": (0.0, 8.0)},
        meta={},
    )
    unsure = model.predict({"w:bof": 1.0})
    assert unsure.labels == frozenset({"vague"})
    assert unsure.confidence < 0.1
    sure = model.predict({"w:truc": 1.0, "w:inconnu": 1.0})
    assert sure.labels == frozenset({"tone"})
    assert sure.confidence > 0.9


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_shipped_models_are_small_and_complete(language):
    model = get_model(language)
    assert model is not None, f"bilan/coach/data/model_{language}.json.gz is missing"
    assert model.labels == LABELS
    assert all(0 < t < 1 for t in model.thresholds)
    assert model.meta["fingerprint"] and model.meta["sentences"] > 500
    from bilan.coach.model import model_path

    assert model_path(language).stat().st_size < 5 * 1024 * 1024


def test_the_version_names_the_shipped_models():
    from bilan.coach.version import COACH_VERSION, MODEL_FINGERPRINTS

    for language in ("fr", "en"):
        model = get_model(language)
        assert model is not None
        assert MODEL_FINGERPRINTS[language] == model.meta["fingerprint"], (
            "retrained model: copy the fingerprints printed by make train-coach into "
            "bilan/coach/version.py"
        )
        assert model.meta["fingerprint"][:8] in COACH_VERSION


def _view_of(text: str, language: str) -> SentenceView:
    from bilan.coach.examples import views_of_sentences

    (view,) = views_of_sentences([text], language)
    return view


def test_french_sentences_carry_their_mean_word_vector():
    view = _view_of("J'ai appris à vérifier chaque bon de livraison avant de signer.", "fr")
    assert len(view.vector) == 300
    assert abs(sum(x * x for x in view.vector) - 1.0) < 1e-3
    # The same text always gives the same features: the model file depends on it.
    again = _view_of("J'ai appris à vérifier chaque bon de livraison avant de signer.", "fr")
    assert again == view
    assert again.vector is not None and again.vector.tolist() == view.vector.tolist()
    (features,) = featurize([view])
    assert sum(1 for name in features if name.startswith("v:")) == 300
    # Words close in meaning are close in the vector, where the word features share nothing.
    near = _view_of("J'ai appris à contrôler chaque bon de réception avant de valider.", "fr")
    far = _view_of("Le parking de l'entreprise est situé derrière la cantine.", "fr")

    def cosine(a: object, b: object) -> float:
        return float(a @ b)  # type: ignore[operator]

    assert cosine(view.vector, near.vector) > cosine(view.vector, far.vector) + 0.2


def test_a_sentence_without_known_words_and_english_have_no_vector():
    assert _view_of("Xqzv wkplj brrzt.", "fr").vector is None
    assert _view_of("I learned to check every delivery note before signing.", "en").vector is None
    (features,) = featurize([_view_of("I learned to check every delivery note.", "en")])
    assert not any(name.startswith("v:") for name in features)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_run_time_prediction_scores_as_the_training_features_do(language):
    """The pipeline predicts from sparse features plus one matrix of word vectors; that must
    give exactly what the merged features the model was trained on give."""
    from bilan.coach.examples import views_of_sentences
    from bilan.coach.features import dense_features, sparse_features

    texts = {
        "fr": [
            "Au début, je n'osais pas poser de questions en réunion.",
            "Alors j'ai noté mes questions avant chaque point d'équipe.",
            "Ce que j'en retiens : préparer lève l'appréhension.",
            "Xqzv wkplj brrzt.",
        ],
        "en": [
            "At first I did not dare to ask questions in meetings.",
            "So I wrote my questions down before each stand-up.",
            "What I take from it: preparing removes the fear.",
        ],
    }[language]
    model = get_model(language)
    assert model is not None
    views = views_of_sentences(texts, language)
    merged = model.predict_many(featurize(views), None)
    fast = model.predict_many(sparse_features(views), dense_features(views))
    # The same sums in another order: equal labels, margins equal to rounding error.
    assert [p.labels for p in fast] == [p.labels for p in merged]
    for quick, slow in zip(fast, merged, strict=True):
        assert quick.margins == pytest.approx(slow.margins, abs=1e-9)
    if language == "fr":
        # The vectors do take part: without them the scores move.
        blind = model.predict_many(sparse_features(views), None)
        assert [p.probabilities for p in blind] != [p.probabilities for p in fast]


def test_prose_neighbours_step_over_headings():
    from bilan.coach.context import prose_neighbours

    previous, following = prose_neighbours([True, False, True, True])
    assert previous == [None, None, 0, 2]
    assert following == [2, None, 3, None]


def _model_with_second_reading() -> LabelModel:
    """ "ok" alone is nothing; the second reading makes it a solution after a difficulty."""
    labels = ("difficulty", "solution")
    width = len(labels)
    weights = [0.0] * (6 * width + 3)
    weights[width + 0] = 10.0  # probability that the prose sentence before is a difficulty
    return LabelModel(
        language="fr",
        labels=labels,
        bias=(-6.0, -6.0),
        thresholds=(0.5, 0.5),
        weights={"w:panne": (12.0, 0.0), "w:ok": (0.0, 0.0)},
        meta={},
        context={"solution": (tuple(weights), -5.0, 0.5)},
    )


def test_the_second_reading_uses_the_prose_sentence_before():
    model = _model_with_second_reading()
    panne, heading, ok = {"w:panne": 1.0}, {"w:titre": 1.0}, {"w:ok": 1.0}
    after = model.predict_many([panne, ok], None)
    assert after[0].labels == frozenset({"difficulty"})
    assert after[1].labels == frozenset({"solution"})
    # Alone, or after a sentence that states no difficulty, it is no solution.
    assert model.predict(ok).labels == frozenset()
    assert model.predict_many([ok, ok], None)[1].labels == frozenset()
    # A heading between the two is not prose: the neighbour is the difficulty above it.
    through = model.predict_many([panne, heading, ok], None, [True, False, True])
    assert through[2].labels == frozenset({"solution"})
    blocked = model.predict_many([panne, heading, ok], None, [True, True, True])
    assert blocked[2].labels == frozenset()


def test_a_saved_second_reading_loads_back(tmp_path):
    model = _model_with_second_reading()
    save_model(model, tmp_path / "m.json.gz")
    loaded = read_model(tmp_path / "m.json.gz")
    assert loaded.context == model.context
    sentences = [{"w:panne": 1.0}, {"w:ok": 1.0}]
    assert [p.labels for p in loaded.predict_many(sentences, None)] == [
        p.labels for p in model.predict_many(sentences, None)
    ]


def test_a_second_reading_of_the_wrong_width_is_refused(tmp_path):
    data = _model_with_second_reading().to_json()
    data["context"]["solution"]["weights"] = [0.0] * 27
    with pytest.raises(ValueError, match="needs 15 weights"):
        LabelModel.from_json(data)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_shipped_models_read_solutions_in_context(language):
    """Training kept the second reading where it won in CV; its report travels in the file."""
    model = get_model(language)
    assert model is not None
    assert "solution" in model.context
    kept = {stage["label"] for stage in model.meta["context"] if stage["kept"]}
    assert kept == set(model.context)
