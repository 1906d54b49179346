"""The shipped model: trained on the current data, and applied exactly as scikit-learn would."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bot.nlp.model import MODEL_NAMES, AveragedModel, Models, data_hash_of, load_models, save_models
from bot.nlp.normalize import normalise
from bot.nlp.train import TRAIN_FILES, data_hash, fit, fit_both, fit_network, read_labelled

DATA = Path(__file__).parent / "data"


def test_model_file_was_trained_on_the_current_training_data():
    assert data_hash_of() == data_hash(TRAIN_FILES), (
        "the training data or the feature code changed: run `make model` and commit model.npz"
    )


def test_export_gives_the_same_answers_as_scikit_learn():
    rows = read_labelled(TRAIN_FILES)
    complaints = [r for r in rows if r["intent"] == "complaint"]
    pipeline = fit([r["text"] for r in complaints], [r["category"] for r in complaints])
    shipped = load_models().category.linear
    texts = [normalise(r["text"]) for r in read_labelled(DATA / "messages-test.jsonl") if r["intent"] == "complaint"]
    ours = [shipped.predict(t).label for t in texts]
    theirs = list(pipeline.predict(texts))
    assert ours == theirs
    decision = pipeline.decision_function(texts[:5])
    np.testing.assert_allclose([shipped.scores(Counter(_features(t))) for t in texts[:5]], decision, atol=1e-3)


def _features(text):
    from bot.nlp.features import features

    return features(text)


def test_a_network_saved_and_loaded_gives_scikit_learns_probabilities(tmp_path):
    """The network beside the linear model, through the file and back (its hidden weights in half precision)."""
    rows = read_labelled(DATA / "messages-train.jsonl")
    texts, labels = [r["text"] for r in rows], [r["intent"] for r in rows]
    exported = fit_both(texts, labels)
    network = fit_network(texts, labels)
    path = tmp_path / "model.npz"
    save_models(path, {"data_hash": "x", "intent": exported, "category": exported, "urgency": exported})
    shipped = load_models.__wrapped__(path).intent
    assert isinstance(shipped, AveragedModel)
    held_out = [normalise(r["text"]) for r in read_labelled(DATA / "messages-test.jsonl")][:200]
    theirs = network.predict_proba(held_out)
    ours = [shipped.network.probabilities(Counter(_features(t))) for t in held_out]
    np.testing.assert_allclose(ours, theirs, atol=2e-3)
    assert [network.classes_[i] for i in theirs.argmax(axis=1)] == [
        shipped.network.classes[max(range(len(p)), key=p.__getitem__)] for p in ours
    ]


def test_the_averaged_model_weighs_both_readings_equally():
    rows = read_labelled(DATA / "messages-train.jsonl")
    exported = fit_both([r["text"] for r in rows], [r["intent"] for r in rows])
    model = Models.from_export({"data_hash": "x"} | dict.fromkeys(MODEL_NAMES, exported)).intent
    counts = Counter(_features(normalise("3号楼电梯坏了 困了好几天了")))
    both = model.probabilities(counts)
    linear, network = model.linear.probabilities(counts), model.network.probabilities(counts)
    assert both == pytest.approx([(a + b) / 2 for a, b in zip(linear, network, strict=True)])
    assert model.predict_counts(counts).label == "complaint"


def test_a_network_of_two_classes_saved_and_loaded_gives_scikit_learns_probabilities(tmp_path):
    """Urgent or calm: scikit-learn's single logistic unit, read back as a softmax over two columns."""
    rows = [r for r in read_labelled(DATA / "messages-train.jsonl") if r["intent"] in ("complaint", "chatter")]
    texts, labels = [r["text"] for r in rows], ["urgent" if r["urgent"] else "calm" for r in rows]
    exported = fit_both(texts, labels)
    network = fit_network(texts, labels)
    path = tmp_path / "model.npz"
    save_models(path, {"data_hash": "x", "intent": exported, "category": exported, "urgency": exported})
    shipped = load_models.__wrapped__(path).urgency
    held_out = [normalise(r["text"]) for r in read_labelled(DATA / "messages-test.jsonl")][:200]
    ours = [shipped.network.probabilities(Counter(_features(t))) for t in held_out]
    np.testing.assert_allclose(ours, network.predict_proba(held_out), atol=2e-3)
    assert shipped.classes == ["calm", "urgent"]


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_the_shipped_models_read_both_models_side_by_side_as_apart(name):
    """One product over both models' weights (the quick path) gives what the two give apart, averaged: to 1e-7,
    as each weight there is its term's idf times its coefficient rounded to float32 (at most 3e-8 apart on the test
    file; every labelled line reads the same as with the idf applied apart)."""
    model = getattr(load_models(), name)
    assert model._side_by_side is not None
    texts = [normalise(r["text"]) for r in read_labelled(DATA / "messages-test.jsonl")] + ["", "好的", "🙂"]
    for text in texts:
        counts = Counter(_features(text))
        apart = [
            (a + b) / 2
            for a, b in zip(model.linear.probabilities(counts), model.network.probabilities(counts), strict=True)
        ]
        assert model.probabilities(counts) == pytest.approx(apart, abs=1e-7), text
