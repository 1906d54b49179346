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
            if row is not None and idf[row]:  # idf 0: a term of another model's sharing this vocabulary
                rows.append(row)
                weights.append(idf[row] * (1.0 + math.log(n)) if n > 1 else idf[row])
        if not rows:
            return self.intercept
        norm = math.sqrt(math.fsum(w * w for w in weights))
        return self.intercept + (np.array(weights) / norm) @ self.coef[rows]

    def predict_counts(self, counts: Counter) -> Prediction:
        """`counts`: Counter(features(text)), shared by the models that read the same message."""
        probabilities = self.probabilities(counts)
        top = probabilities.index(max(probabilities))
        return Prediction(self.classes[top], probabilities[top])

    def probabilities(self, counts: Counter) -> list[float]:
        """Every class's softmax probability, in the order of `classes`: for a decision between groups of classes."""
        scores = self.scores(counts).tolist()
        best = max(scores)
        exps = [math.exp(s - best) for s in scores]
        total = math.fsum(exps)
        return [e / total for e in exps]

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
    """Write what bot.nlp.train exported as numpy arrays: one vocabulary for the three models, one string of its
    terms, one per line (terms never hold whitespace: bot.nlp.features splits on it); per model an idf and a row of
    float32 coefficients for every term, idf 0 and zeros for a term the model never saw, which adds nothing to its
    scores or its norm. Reading one dictionary of terms instead of three is most of the bot's start-up saved (the
    three vocabularies share most of their terms)."""
    terms = sorted({term for name in MODEL_NAMES for term in exported[name]["vocabulary"]})
    if any(any(c.isspace() for c in term) for term in terms):
        raise ValueError("a term holds whitespace and would not survive the file")
    position = {term: i for i, term in enumerate(terms)}
    arrays = {"data_hash": np.array(exported["data_hash"]), "terms": np.array("\n".join(terms))}
    for name in MODEL_NAMES:
        model = exported[name]
        own = np.fromiter((position[t] for t in model["vocabulary"]), dtype=np.int64, count=len(model["vocabulary"]))
        rows = np.fromiter(model["vocabulary"].values(), dtype=np.int64, count=len(model["vocabulary"]))
        idf = np.zeros(len(terms), dtype=np.float32)
        idf[own] = np.asarray(model["idf"], dtype=np.float32)[rows]
        coef = np.zeros((len(terms), len(model["classes"])), dtype=np.float32)
        coef[own] = np.asarray(model["coef"], dtype=np.float32)[rows]
        arrays |= {
            f"{name}.classes": np.array("\n".join(model["classes"])),
            f"{name}.idf": idf,
            f"{name}.coef": coef,
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
        terms = str(arrays["terms"]).split("\n")
        vocabulary = dict(zip(terms, range(len(terms)), strict=True))  # one, shared by the three models
        models = {name: _model_of(arrays, name, vocabulary) for name in MODEL_NAMES}
        return Models(models["intent"], models["category"], str(arrays["data_hash"]), models["urgency"])


def _model_of(arrays, name: str, vocabulary: dict[str, int]) -> LinearTextModel:
    return LinearTextModel(
        str(arrays[f"{name}.classes"]).split("\n"),
        vocabulary,
        arrays[f"{name}.idf"].astype(np.float64),
        arrays[f"{name}.coef"].astype(np.float64),
        arrays[f"{name}.intercept"],
    )
