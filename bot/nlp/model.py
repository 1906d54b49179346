"""A trained linear text classifier, applied without scikit-learn at run time.

Training (bot.nlp.train) uses scikit-learn: TF-IDF over bot.nlp.features and a logistic regression. What
it learns is a vocabulary, idf weights and one coefficient row per feature, exported to model.npz. Applying
that is a short dot product, so the bot does not pay scikit-learn's import (about 0.8 s) at start-up, nor its
per-call overhead for one message at a time. tests/test_nlp_model.py checks that both give the same answer.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.nlp.features import features

MODEL_FILE = Path(__file__).with_name("model.npz")
MODEL_NAMES = ("intent", "category", "urgency")


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float  # the softmax probability of `label`


class LinearTextModel:
    def __init__(
        self,
        classes: list[str],
        vocabulary: dict[str, int],
        idf: list[float],
        coef: list[list[float]],
        intercept: list[float],
    ) -> None:
        self.classes = classes
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        self._idf = self.idf.tolist()  # read one value at a time: a list is faster than an array for that
        self.coef = np.asarray(coef, dtype=np.float64)  # one row per feature, one column per class
        self.intercept = np.asarray(intercept, dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict) -> LinearTextModel:
        return cls(data["classes"], data["vocabulary"], data["idf"], data["coef"], data["intercept"])

    def scores(self, counts: Counter) -> np.ndarray:
        """The decision function: intercept + coefficients · L2-normalised sublinear TF-IDF.

        The weights of a message's few known features are worked out in plain Python and only the product
        with their coefficient rows in numpy: for a few dozen features that is faster than numpy throughout."""
        vocabulary, idf = self.vocabulary, self._idf
        rows: list[int] = []
        weights: list[float] = []
        for token, n in counts.items():
            row = vocabulary.get(token)
            if row is not None:
                rows.append(row)
                weights.append(idf[row] * (1.0 + math.log(n)) if n > 1 else idf[row])
        if not rows:
            return self.intercept
        norm = math.sqrt(math.fsum(w * w for w in weights))
        return self.intercept + (np.array(weights) / norm) @ self.coef[rows]

    def predict_counts(self, counts: Counter) -> Prediction:
        """`counts`: Counter(features(text)), shared by the models that read the same message."""
        scores = self.scores(counts).tolist()
        top = max(range(len(scores)), key=scores.__getitem__)
        best = scores[top]
        return Prediction(self.classes[top], 1.0 / math.fsum(math.exp(s - best) for s in scores))

    def predict(self, text: str) -> Prediction:
        return self.predict_counts(Counter(features(text)))


@dataclass(frozen=True)
class Models:
    intent: LinearTextModel
    category: LinearTextModel
    data_hash: str
    urgency: LinearTextModel | None = None  # urgent / calm, of a complaint or of talk

    @classmethod
    def from_export(cls, exported: dict) -> Models:
        """What bot.nlp.train.train returned, in memory (bot.nlp.crosscheck reads with models it just trained)."""
        models = {name: LinearTextModel.from_dict(exported[name]) for name in MODEL_NAMES}
        return cls(models["intent"], models["category"], exported["data_hash"], models["urgency"])


def save_models(path: Path, exported: dict) -> None:
    """Write what bot.nlp.train exported as numpy arrays: a vocabulary is one string of its terms, one per line
    (terms never hold whitespace: bot.nlp.features splits on it), coefficients are float32. Loading that takes a
    tenth of the time JSON did (0.1 s against 1.3 s for 250,000 terms), which is most of the bot's start-up."""
    arrays = {"data_hash": np.array(exported["data_hash"])}
    for name in MODEL_NAMES:
        model = exported[name]
        terms = sorted(model["vocabulary"], key=model["vocabulary"].get)
        if any(any(c.isspace() for c in term) for term in terms):
            raise ValueError(f"a {name} term holds whitespace and would not survive the file")
        arrays |= {
            f"{name}.terms": np.array("\n".join(terms)),
            f"{name}.classes": np.array("\n".join(model["classes"])),
            f"{name}.idf": np.asarray(model["idf"], dtype=np.float32),
            f"{name}.coef": np.asarray(model["coef"], dtype=np.float32),
            f"{name}.intercept": np.asarray(model["intercept"], dtype=np.float64),
        }
    with path.open("wb") as file:
        np.savez_compressed(file, **arrays)


def data_hash_of(path: Path = MODEL_FILE) -> str | None:
    """The hash of the training data, and of the code that made its features, the shipped models were trained on
    (bot.nlp.train.data_hash)."""
    if not path.exists():
        return None
    with np.load(path) as arrays:
        return str(arrays["data_hash"])


@functools.cache
def load_models(path: Path = MODEL_FILE) -> Models | None:
    """The shipped models, or None if the file is missing (the analyzer then uses its rules alone).
    Read once per process: the models are never changed after loading."""
    if not path.exists():
        return None
    with np.load(path) as arrays:
        models = {name: _model_of(arrays, name) for name in MODEL_NAMES}
        return Models(models["intent"], models["category"], str(arrays["data_hash"]), models["urgency"])


def _model_of(arrays, name: str) -> LinearTextModel:
    terms = str(arrays[f"{name}.terms"]).split("\n")
    return LinearTextModel(
        str(arrays[f"{name}.classes"]).split("\n"),
        dict(zip(terms, range(len(terms)), strict=True)),
        arrays[f"{name}.idf"].astype(np.float64),
        arrays[f"{name}.coef"].astype(np.float64),
        arrays[f"{name}.intercept"],
    )
