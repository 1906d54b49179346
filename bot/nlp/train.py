"""Train the intent, category and urgency models on the project's labelled messages and write model.npz.

    python -m bot.nlp.train [--data FILE ...]

Trained only on the project's own data: tests/data/messages-train.jsonl and the corpus written for issue 12,
tests/data/corpus/train-*.jsonl (residents' registers, hard negatives, complaints and dangers). Never on the
shared dev set (tests/data/messages-dev.jsonl), the project's test set, or tests/data/corpus/validation*.jsonl,
which are for measuring only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from bot.nlp import keywords as kw
from bot.nlp.features import features
from bot.nlp.model import MODEL_FILE, save_models
from bot.nlp.normalize import normalise
from bot.nlp.places import without_places

ROOT = Path(__file__).resolve().parents[2]
TRAIN_FILE = ROOT / "tests" / "data" / "messages-train.jsonl"
TRAIN_FILES = [TRAIN_FILE, *sorted((ROOT / "tests" / "data" / "corpus").glob("train-*.jsonl"))]
DIGITS = 5  # rounding keeps model.npz small; the tests check answers still match scikit-learn's
# The network beside the linear model (fit_network): chosen on the training files left out in turn, never on the
# validation files (docs/performance.md, stop 19).
NETWORK_UNITS = 32
NETWORK_EPOCHS = 8


# What turns a message into the model's features: a change to any of them leaves a model trained before it reading
# features it never learned, so they count in the hash beside the data (a test then asks for `make model`). Of
# bot/nlp/keywords.py only the word lists the features read count (feature_words): its rules for questions, triggers
# and services are read after the model, and changing one needs no retraining.
NLP = Path(__file__).resolve().parent
_FEATURE_FILES = (
    "features.py",
    "normalize.py",
    "dialect.py",
    "cantonese.py",
    "places.py",
    "segment.py",
    "userdict.txt",
)
# (bot/numbers.py: places.py reads Chinese numerals by it)
FEATURE_SOURCES = [*(NLP / name for name in _FEATURE_FILES), NLP.parent / "numbers.py"]


def feature_words() -> bytes:
    """What bot.nlp.features reads of the keyword lists: each word's categories, and the problem words."""
    read = {"categories": sorted(kw.CATEGORY_OF_WORD.items()), "problem": sorted(kw.PROBLEM_WORDS)}
    return json.dumps(read, ensure_ascii=False).encode()


def data_hash(paths: list[Path]) -> str:
    """Of the training data and of the code and word lists that make its features."""
    digest = hashlib.sha256()
    for path in [*paths, *FEATURE_SOURCES]:
        digest.update(path.read_bytes())
    digest.update(feature_words())
    return digest.hexdigest()[:16]


def read_labelled(paths: list[Path] | Path) -> list[dict]:
    rows = []
    for path in [paths] if isinstance(paths, Path) else paths:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def fit(texts: list[str], labels: list[str]):
    """A TF-IDF + logistic regression pipeline; returned so tests can compare it with the export."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=1)
    classifier = LogisticRegression(C=20.0, max_iter=5000, class_weight="balanced")
    pipeline = make_pipeline(vectorizer, classifier)
    pipeline.fit([normalise(t) for t in texts], labels)
    return pipeline


def fit_network(texts: list[str], labels: list[str]):
    """A TF-IDF + one-hidden-layer network pipeline (the network averaged with fit's model, bot.nlp.model).

    Only terms two messages share (min_df=2): a third of the terms, so a third of the file, and a term one message
    has is where a network learns that message by heart. Stopped after NETWORK_EPOCHS passes on purpose, before it
    has fitted the training authors' phrasing (scikit-learn warns that it has not converged: that is the point)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline

    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
    network = MLPClassifier(hidden_layer_sizes=(NETWORK_UNITS,), max_iter=NETWORK_EPOCHS, random_state=0)
    pipeline = make_pipeline(vectorizer, network)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        pipeline.fit([normalise(t) for t in texts], labels)
    return pipeline


def export_network(pipeline) -> dict:
    """As export, with the hidden layer's weights as an array (a row per term: too many for lists). For two classes
    scikit-learn keeps a single logistic unit: exported as two softmax columns, the first all zeros, since the
    softmax of (0, z) is the logistic of z."""
    vectorizer, network = pipeline.steps[0][1], pipeline.steps[1][1]
    output, output_bias = network.coefs_[1], network.intercepts_[1]
    if len(network.classes_) == 2:
        output, output_bias = np.hstack([np.zeros_like(output), output]), np.array([0.0, output_bias[0]])
    return {
        "classes": [str(c) for c in network.classes_],
        "vocabulary": {term: int(i) for term, i in vectorizer.vocabulary_.items()},
        "idf": [round(float(v), DIGITS) for v in vectorizer.idf_],
        "hidden": network.coefs_[0].astype(np.float32),
        "hidden_bias": network.intercepts_[0].tolist(),
        "output": output.tolist(),
        "output_bias": output_bias.tolist(),
    }


def export(pipeline) -> dict:
    vectorizer, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
    coef = classifier.coef_
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row; spell out both for the softmax
        coef = [-coef[0] / 2, coef[0] / 2]
    columns = list(zip(*[[round(float(w), DIGITS) for w in row] for row in coef], strict=True))
    intercept = classifier.intercept_ if len(classifier.intercept_) > 1 else [0.0, float(classifier.intercept_[0])]
    return {
        "classes": [str(c) for c in classifier.classes_],
        "vocabulary": {term: int(i) for term, i in vectorizer.vocabulary_.items()},
        "idf": [round(float(v), DIGITS) for v in vectorizer.idf_],
        "coef": [list(column) for column in columns],
        "intercept": [round(float(v), DIGITS) for v in intercept],
    }


def fit_both(texts: list[str], labels: list[str]) -> dict:
    """The linear model's export, with the network's beside it."""
    exported = export(fit(texts, labels))
    return exported | {"network": export_network(fit_network(texts, labels))}


def train(paths: list[Path] = TRAIN_FILES) -> dict:
    rows = read_labelled(paths)
    # Every feature, even one only a single message has: learning intent only from features two messages share
    # (min_df=2) read authors left out a little better (intent 0.897 -> 0.902 with each training file left out in
    # turn) but lost plain complaints of the shared dev set (1-2-301家里停电了 read as talk; intent 0.971 -> 0.962).
    intent = fit_both([r["text"] for r in rows], [r["intent"] for r in rows])
    complaints = [r for r in rows if r["intent"] == "complaint"]
    # Category and urgency each with a network beside the regression too (stop 23, on the training files left out
    # in turn): category 0.918 -> 0.920; urgency, with URGENT_MODEL_THRESHOLD 0.5 -> 0.35 for the averaged model's
    # milder probabilities, recall 0.970 -> 0.972 and F1 0.867 -> 0.876.
    category = fit_both([r["text"] for r in complaints], [r["category"] for r in complaints])
    # Danger now, read by the model beside the danger reader's rules: for recall, in words the rules lack.
    # Read without its places: 5号楼 or 三单元 says where, not how dangerous (with them in, a short 5号楼漏水 read
    # as urgent because the urgent examples name their buildings more often). Learnt from chatter as well as
    # complaints, all of it calm: talk about a danger (油锅着火别泼水, 热得要着火了) is what it is asked about when the
    # rules find danger words in a message the intent model calls talk. On the training files left out in turn:
    # urgent recall 0.958 -> 0.961, F1 0.838 -> 0.844, intent 0.914 -> 0.916 (python -m bot.nlp.crosscheck).
    spoken = [r for r in rows if r["intent"] in ("complaint", "chatter")]
    urgency = fit_both(
        [without_places(normalise(r["text"])) for r in spoken],
        ["urgent" if r["urgent"] else "calm" for r in spoken],
    )
    return {"data_hash": data_hash(paths), "intent": intent, "category": category, "urgency": urgency}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, nargs="+", default=TRAIN_FILES)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    started = time.monotonic()
    print(f"training on {', '.join(str(p) for p in args.data)} …", flush=True)
    model = train(args.data)
    save_models(args.out, model)
    size = args.out.stat().st_size / 1024
    print(
        f"wrote {args.out} ({size:.0f} KiB, {len(model['intent']['vocabulary'])} intent and "
        f"{len(model['category']['vocabulary'])} category features) in {time.monotonic() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
