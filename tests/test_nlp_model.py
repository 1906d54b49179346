"""The shipped model: trained on the current data, and applied exactly as scikit-learn would."""

from collections import Counter
from pathlib import Path

import numpy as np

from bot.nlp.model import data_hash_of, load_models
from bot.nlp.normalize import normalise
from bot.nlp.train import TRAIN_FILES, data_hash, fit, read_labelled

DATA = Path(__file__).parent / "data"


def test_model_file_was_trained_on_the_current_training_data():
    assert data_hash_of() == data_hash(TRAIN_FILES), (
        "the training data or the feature code changed: run `make model` and commit model.npz"
    )


def test_export_gives_the_same_answers_as_scikit_learn():
    rows = read_labelled(TRAIN_FILES)
    complaints = [r for r in rows if r["intent"] == "complaint"]
    pipeline = fit([r["text"] for r in complaints], [r["category"] for r in complaints])
    shipped = load_models().category
    texts = [normalise(r["text"]) for r in read_labelled(DATA / "messages-test.jsonl") if r["intent"] == "complaint"]
    ours = [shipped.predict(t).label for t in texts]
    theirs = list(pipeline.predict(texts))
    assert ours == theirs
    decision = pipeline.decision_function(texts[:5])
    np.testing.assert_allclose([shipped.scores(Counter(_features(t))) for t in texts[:5]], decision, atol=1e-3)


def _features(text):
    from bot.nlp.features import features

    return features(text)
