"""Trained text classifiers, applied without scikit-learn at run time.

Training (bot.nlp.train) uses scikit-learn: TF-IDF over bot.nlp.features and a logistic regression, and for intent
beside it a network of one hidden layer whose probabilities are averaged with the regression's. What they learn is
a vocabulary, idf weights and one row of weights per feature, exported to model.npz. Applying that is a few short
dot products, so the bot does not pay scikit-learn's import (about 0.8 s) at start-up, nor its
per-call overhead for one message at a time. tests/test_nlp_model.py checks that both give the same answer.
"""

from __future__ import annotations

import functools
import math
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np

from bot.nlp.features import features

MODEL_FILE = Path(__file__).with_name("model.npz")
MODEL_NAMES = ("intent", "category", "urgency")


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float  # the softmax probability of `label`


@dataclass(frozen=True)
class Terms:
    """The terms of a message a vocabulary knows (their rows) and their sublinear term frequencies, looked up once
    for the models that share the vocabulary."""

    rows: np.ndarray
    frequencies: np.ndarray

    @classmethod
    def of(cls, counts: Counter, vocabulary: dict[str, int]) -> Terms:
        # A Python loop: for a few dozen terms faster than numpy's conversions (5.7 against 8.3 µs a message).
        rows: list[int] = []
        frequencies: list[float] = []
        for token, n in counts.items():
            row = vocabulary.get(token)
            if row is not None:
                rows.append(row)
                frequencies.append(1.0 + math.log(n) if n > 1 else 1.0)
        return cls(np.array(rows, dtype=np.intp), np.array(frequencies))

    def tfidf(self, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The L2-normalised sublinear TF-IDF under `idf`: the rows of the terms it knows (idf 0: a term of another
        model's sharing this vocabulary) and their weights."""
        weights = idf[self.rows] * self.frequencies
        known = weights > 0
        rows, weights = self.rows[known], weights[known]
        norm = math.sqrt(weights @ weights)
        return rows, weights / norm if norm else weights


def softmax(scores: list[float]) -> list[float]:
    best = max(scores)
    exps = [math.exp(s - best) for s in scores]
    total = math.fsum(exps)
    return [e / total for e in exps]


class TextModel(ABC):
    """What the analyzer asks of a model: its classes, and each one's probability for a message's features."""

    classes: list[str]

    @abstractmethod
    def probabilities(self, counts: Counter) -> list[float]:
        """Every class's probability, in the order of `classes`: for a decision between groups of classes."""

    def predict_counts(self, counts: Counter) -> Prediction:
        """`counts`: Counter(features(text)), shared by the models that read the same message."""
        probabilities = self.probabilities(counts)
        top = probabilities.index(max(probabilities))
        return Prediction(self.classes[top], probabilities[top])

    def predict(self, text: str) -> Prediction:
        return self.predict_counts(Counter(features(text)))


class _OverTerms(TextModel):
    """A model read off a message's TF-IDF: a vocabulary, an idf per term, and scores softmaxed."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    def scores(self, counts: Counter) -> np.ndarray:
        return self.scores_of(Terms.of(counts, self.vocabulary))

    @abstractmethod
    def scores_of(self, terms: Terms) -> np.ndarray:
        """The scores before the softmax, from the message's terms in this model's vocabulary."""

    def probabilities(self, counts: Counter) -> list[float]:
        return softmax(self.scores(counts).tolist())


class LinearTextModel(_OverTerms):
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
        self.coef = np.asarray(coef, dtype=np.float64)  # one row per feature, one column per class
        self.intercept = np.asarray(intercept, dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict) -> LinearTextModel:
        return cls(data["classes"], data["vocabulary"], data["idf"], data["coef"], data["intercept"])

    def scores_of(self, terms: Terms) -> np.ndarray:
        """The decision function: intercept + coefficients · L2-normalised sublinear TF-IDF."""
        rows, weights = terms.tfidf(self.idf)
        return self.intercept + weights @ self.coef[rows]


class HiddenLayerModel(_OverTerms):
    """A small neural network over the same TF-IDF (scikit-learn's MLPClassifier: one layer of rectified units,
    then softmax). Where the linear model adds up what each word says, the hidden units can learn what words say
    together (a fire said with 老家 or 提醒大家 is no report here), and so err on other messages than it does.

    Its hidden weights are kept only for the terms it was trained on: `row_of` gives a term's row (-1: none), when
    it shares a vocabulary with models that know more terms."""

    def __init__(
        self,
        classes: list[str],
        vocabulary: dict[str, int],
        idf: np.ndarray | list[float],
        hidden: np.ndarray,
        hidden_bias: np.ndarray,
        output: np.ndarray,
        output_bias: np.ndarray,
        row_of: np.ndarray | None = None,
    ) -> None:
        self.classes = classes
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        self.row_of = np.asarray(row_of, dtype=np.int32) if row_of is not None else None
        # Kept in the precision it came in (half, from the file): a message's few rows are read from all over the
        # matrix, so each is a trip to memory, and a row of 32 halves is one cache line where doubles are four. Read
        # as doubles in the product, the answers are the same; the web chat under wrk lost a fifth of its rate
        # with the rows widened to doubles on loading.
        self.hidden = np.asarray(hidden)
        self.hidden_bias = np.asarray(hidden_bias, dtype=np.float64)
        self.output = np.asarray(output, dtype=np.float64)
        self.output_bias = np.asarray(output_bias, dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict) -> HiddenLayerModel:
        weights = [np.asarray(data[key]) for key in ("hidden", "hidden_bias", "output", "output_bias")]
        return cls(data["classes"], data["vocabulary"], data["idf"], *weights)

    def scores_of(self, terms: Terms) -> np.ndarray:
        rows, weights = terms.tfidf(self.idf)
        own = self.row_of[rows] if self.row_of is not None else rows
        return self.output_of(weights @ self.hidden[own])

    def output_of(self, hidden: np.ndarray) -> np.ndarray:
        """The scores from the hidden layer's input, before its bias and rectifier."""
        return np.maximum(self.hidden_bias + hidden, 0.0) @ self.output + self.output_bias


class AveragedModel(TextModel):
    """The linear model's and the network's probabilities, averaged: each corrects some of the other's mistakes on
    authors neither was trained on (docs/performance.md, stop 19)."""

    def __init__(self, linear: LinearTextModel, network: HiddenLayerModel) -> None:
        if linear.classes != network.classes:
            raise ValueError(f"the two models' classes differ: {linear.classes} and {network.classes}")
        self.classes = linear.classes
        self.linear, self.network = linear, network
        self._side_by_side = _SideBySide(linear, network) if _SideBySide.fits(linear, network) else None

    def probabilities(self, counts: Counter) -> list[float]:
        if self._side_by_side is not None:  # the shipped model
            return self._averaged(*self._side_by_side.scores(counts))
        linear, network = self.linear.scores(counts), self.network.scores(counts)  # trained in memory
        return self._averaged(linear.tolist(), network.tolist())

    @staticmethod
    def _averaged(linear: list[float], network: list[float]) -> list[float]:
        pairs = zip(softmax(linear), softmax(network), strict=True)
        return [(a + b) / 2 for a, b in pairs]


class _SideBySide:
    """Both models' weights side by side, a row per term of the vocabulary they share (the network's row zero for a
    term it never saw), each row already multiplied by its term's idf, and after them the two squares each norm
    sums (idf², and idf² again where the network knows the term): a message's rows are read once and one product
    gives both models' sums and both norms. It is numpy's calls that cost, more than the arithmetic: the analysis
    runs on the event loop beside the database thread, and under wrk the web chat took 1 960 requests a second
    with the models apart and 2 240 with them side by side (2 500 with the regression alone); folding the idf and
    the norms in halved the calls again (docs/performance.md, stop 41). Float32: 30 MB for the shipped vocabulary.

    Only where the two models weigh their shared terms alike (the same idf: both were fitted on the same messages),
    so that one TF-IDF serves both; the network's is normalised over its own terms only."""

    def __init__(self, linear: LinearTextModel, network: HiddenLayerModel) -> None:
        known = network.row_of >= 0
        classes, hidden = len(linear.classes), network.hidden.shape[1]
        terms = len(linear.idf)
        idf = linear.idf[:, None]
        # filled in place: hstack's copies of 260 000 rows took up to a quarter of a second of start-up. One row more,
        # of zeros, for the terms the vocabulary lacks: they need no sorting out, as they add nothing.
        self.weights = np.zeros((terms + 1, classes + hidden + 2), dtype=np.float32)
        np.multiply(linear.coef, idf, out=self.weights[:terms, :classes], casting="same_kind")
        self.weights[:terms][known, classes:-2] = network.hidden[network.row_of[known]] * idf[known]
        self.weights[:terms, -2] = np.square(linear.idf)
        self.weights[:terms][known, -1] = self.weights[:terms][known, -2]
        self.unknown = terms
        self.vocabulary = linear.vocabulary
        self.intercept = linear.intercept.tolist()
        self.network = network
        self._classes, self._hidden_end = classes, classes + hidden

    @staticmethod
    def fits(linear: LinearTextModel, network: HiddenLayerModel) -> bool:
        if network.vocabulary is not linear.vocabulary or network.row_of is None:
            return False
        known = network.idf > 0
        return bool(
            np.array_equal(network.row_of >= 0, known) and np.array_equal(network.idf[known], linear.idf[known])
        )

    def scores(self, counts: Counter) -> tuple[list[float], np.ndarray]:
        """The regression's scores and the network's, as each would give them alone."""
        count = len(counts)
        rows = np.fromiter(map(self.vocabulary.get, counts, repeat(self.unknown)), dtype=np.intp, count=count)
        # the sublinear term frequencies (1 + ln n; 1 for most terms, seen once) in row 0, their squares in row 1
        frequencies = np.empty((2, count))
        np.log(np.fromiter(counts.values(), dtype=np.float64, count=count), out=frequencies[0])
        frequencies[0] += 1.0
        np.multiply(frequencies[0], frequencies[0], out=frequencies[1])
        sums = frequencies @ self.weights[rows]  # row 0: the sums; row 1: the norms' squares
        classes, end = self._classes, self._hidden_end
        linear_squared, network_squared = sums[1, end:].tolist()
        linear = self.intercept
        if linear_squared:
            norm = math.sqrt(linear_squared)
            linear = [bias + score / norm for bias, score in zip(linear, sums[0, :classes].tolist(), strict=True)]
        hidden = sums[0, classes:end] / math.sqrt(network_squared) if network_squared else 0.0
        return linear, self.network.output_of(hidden).tolist()


@dataclass(frozen=True)
class Models:
    intent: TextModel
    category: TextModel
    data_hash: str
    urgency: TextModel | None = None  # urgent / calm, of a complaint or of talk

    @classmethod
    def from_export(cls, exported: dict) -> Models:
        """What bot.nlp.train.train returned, in memory (bot.nlp.crosscheck reads with models it just trained)."""
        models = {name: _exported_model(exported[name]) for name in MODEL_NAMES}
        return cls(models["intent"], models["category"], exported["data_hash"], models["urgency"])


def _exported_model(exported: dict) -> TextModel:
    linear = LinearTextModel.from_dict(exported)
    return AveragedModel(linear, HiddenLayerModel.from_dict(exported["network"])) if "network" in exported else linear


def save_models(path: Path, exported: dict) -> None:
    """Write what bot.nlp.train exported as numpy arrays: one vocabulary for the three models, one string of its
    terms, one per line (terms never hold whitespace: bot.nlp.features splits on it); per model an idf and a row of
    float32 coefficients for every term, idf 0 and zeros for a term the model never saw, which adds nothing to its
    scores or its norm. Reading one dictionary of terms instead of three is most of the bot's start-up saved (the
    three vocabularies share most of their terms). A model's network, if it has one, keeps its own idf (0 for a
    term it never saw) and hidden weights only for the terms it saw, in the order of the terms, as float16: its
    rows are most of the file, and half precision changes no answer (tests/test_nlp_model.py)."""
    terms = sorted({term for name in MODEL_NAMES for term in exported[name]["vocabulary"]})
    if any(any(c.isspace() for c in term) for term in terms):
        raise ValueError("a term holds whitespace and would not survive the file")
    position = {term: i for i, term in enumerate(terms)}
    arrays = {"data_hash": np.array(exported["data_hash"]), "terms": np.array("\n".join(terms))}
    for name in MODEL_NAMES:
        model = exported[name]
        own, rows = _positions(model["vocabulary"], position)
        idf = _over_all_terms(model["idf"], own, rows, len(terms))
        coef = np.zeros((len(terms), len(model["classes"])), dtype=np.float32)
        coef[own] = np.asarray(model["coef"], dtype=np.float32)[rows]
        arrays |= {
            f"{name}.classes": np.array("\n".join(model["classes"])),
            f"{name}.idf": idf,
            f"{name}.coef": coef,
            f"{name}.intercept": np.asarray(model["intercept"], dtype=np.float64),
        }
        if "network" in model:
            arrays |= _network_arrays(f"{name}.network", model["network"], position, len(terms))
    with path.open("wb") as file:
        # Uncompressed: inflating 52 MB took a tenth of a second of every start-up (the budget is 1.5 s); git
        # compresses its copies of the file anyway.
        np.savez(file, **arrays)


def _positions(vocabulary: dict[str, int], position: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """For each of a model's terms: its place among all the terms, and its own row."""
    own = np.fromiter((position[t] for t in vocabulary), dtype=np.int64, count=len(vocabulary))
    rows = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
    return own, rows


def _over_all_terms(idf: list[float], own: np.ndarray, rows: np.ndarray, count: int) -> np.ndarray:
    """A model's idf spread over all the terms: 0 for a term it never saw."""
    spread = np.zeros(count, dtype=np.float32)
    spread[own] = np.asarray(idf, dtype=np.float32)[rows]
    return spread


def _network_arrays(prefix: str, network: dict, position: dict[str, int], count: int) -> dict[str, np.ndarray]:
    """The network's idf over all the terms, and its hidden rows in the terms' order, so that loading can find a
    term's row by counting the known terms before it (_model_of)."""
    own, rows = _positions(network["vocabulary"], position)
    in_term_order = rows[np.argsort(own)]
    return {
        f"{prefix}.idf": _over_all_terms(network["idf"], own, rows, count),
        f"{prefix}.hidden": np.asarray(network["hidden"], dtype=np.float16)[in_term_order],
        f"{prefix}.hidden_bias": np.asarray(network["hidden_bias"], dtype=np.float64),
        f"{prefix}.output": np.asarray(network["output"], dtype=np.float64),
        f"{prefix}.output_bias": np.asarray(network["output_bias"], dtype=np.float64),
    }


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


def _model_of(arrays, name: str, vocabulary: dict[str, int]) -> TextModel:
    classes = str(arrays[f"{name}.classes"]).split("\n")
    linear = LinearTextModel(
        classes,
        vocabulary,
        arrays[f"{name}.idf"].astype(np.float64),
        arrays[f"{name}.coef"].astype(np.float64),
        arrays[f"{name}.intercept"],
    )
    if f"{name}.network.idf" not in arrays.files:
        return linear
    return AveragedModel(linear, _network_of(arrays, f"{name}.network", classes, vocabulary))


def _network_of(arrays, prefix: str, classes: list[str], vocabulary: dict[str, int]) -> HiddenLayerModel:
    idf = arrays[f"{prefix}.idf"].astype(np.float64)
    hidden = arrays[f"{prefix}.hidden"]
    known = idf > 0
    if known.sum() != len(hidden):
        raise ValueError(f"{prefix} knows {known.sum()} terms but has {len(hidden)} rows of weights")
    row_of = np.where(known, np.cumsum(known) - 1, -1)  # the rows are in the terms' order (_network_arrays)
    weights = [arrays[f"{prefix}.{key}"] for key in ("hidden_bias", "output", "output_bias")]
    return HiddenLayerModel(classes, vocabulary, idf, hidden, *weights, row_of=row_of)
