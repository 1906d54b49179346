"""A trained linear text classifier, applied without scikit-learn at run time.

Training (bot.nlp.train) uses scikit-learn: TF-IDF over bot.nlp.features and a logistic regression. What
it learns is a vocabulary, idf weights and one coefficient row per feature, exported to model.json. Applying
that is a short dot product, so the bot does not pay scikit-learn's import (about 0.8 s) at start-up, nor its
per-call overhead for one message at a time. tests/test_nlp_model.py checks that both give the same answer.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.nlp.features import features

MODEL_FILE = Path(__file__).with_name("model.json")


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
    urgency: LinearTextModel | None = None  # urgent / calm, of a complaint


@functools.cache
def load_models(path: Path = MODEL_FILE) -> Models | None:
    """The shipped models, or None if the file is missing (the analyzer then uses its rules alone).
    Read once per process: the models are never changed after loading."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    urgency = LinearTextModel.from_dict(data["urgency"]) if "urgency" in data else None
    return Models(
        LinearTextModel.from_dict(data["intent"]),
        LinearTextModel.from_dict(data["category"]),
        data["data_hash"],
        urgency,
    )
