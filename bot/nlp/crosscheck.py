"""How the analyzer reads messages by an author it was not trained on: leave one training file out, train on the
rest, read the file left out; once per file.

    python -m bot.nlp.crosscheck [--data FILE ...] [--groups N] [--extra FILE ...] [--quiet]

--groups N leaves out N groups of files in turn instead of each file (file i in group i mod N): N trainings instead
of one per file, for a quicker comparison (8 groups of the 33 files: about 9 minutes on two cores, against 30).

--extra FILE … trains on these files in every turn and never reads them: whether a new file helps the model read
the other authors' files, compared with a run without it over the same groups.

--keep DIR keeps each turn's trained model in DIR, named by the hash of its training files, feature code and training
code (bot/nlp/train.py: how the models are fitted), and
reads it back on the next run instead of training again: a change to how the analyzer reads (not to its features
or data) is then measured on every training line in half a minute rather than twenty. (A local cache of pickles:
keep it out of the repository.) --lines FILE writes every line's reading beside its labels, as JSON lines, to
compare two runs line by line.

Each training file was written by a different hand, so this is the honest way to choose between two ways of
training or reading (issue 12): k-fold cross-validation mixes one author's phrasing into both halves and flatters
whatever learns it. The validation split (tests/data/corpus/validation*.jsonl) is never used here: it measures
the choice once it is made, and is never used to make it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

import bot.nlp.train as train_module
from bot.nlp.analyzer import Analyzer
from bot.nlp.evaluate import DEMO_COMPOUNDS, Score, evaluate
from bot.nlp.model import Models
from bot.nlp.train import TRAIN_FILES, data_hash, train


def left_out(
    paths: list[Path],
    verbose: bool = True,
    groups: int = 0,
    extra: tuple[Path, ...] = (),
    keep: Path | None = None,
    lines=None,
) -> dict[str, Score]:
    """Each file's score, read by a model trained on the files outside its group (`groups` 0: each file alone) and
    on `extra`, which is never read; each turn's model kept in `keep`, and every line's reading written to `lines`."""
    scores = {}
    for held in groups_of(paths, groups):
        started = time.monotonic()
        rest = [p for p in paths if p not in held] + [p for p in extra if p not in paths]
        analyzer = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"), models=Models.from_export(_trained(rest, keep)))
        for path in held:
            scores[path.name] = evaluate(path, analyzer, _reading_writer(path, lines) if lines is not None else None)
        if verbose:
            names = ", ".join(p.name for p in held)
            print(f"  {names}: {summary(pooled({p.name: scores[p.name] for p in held}))}  "
                  f"({time.monotonic() - started:.0f} s)", flush=True)  # fmt: skip
    return scores


def _trained(rest: list[Path], keep: Path | None) -> dict:
    """A turn's model: read back from `keep` when the same files, feature code and training code made it, else trained
    (and kept)."""
    if keep is None:
        return train(rest)
    kept = keep / f"turn-{data_hash(sorted(rest))}-{_training_code()}.pickle"
    if kept.exists():
        return pickle.loads(kept.read_bytes())
    exported = train(rest)
    keep.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(pickle.dumps(exported))
    return exported


def _training_code() -> str:
    """How the models are fitted (bot/nlp/train.py): a change there trains every turn again, as one to the data does."""
    return hashlib.sha256(Path(train_module.__file__).read_bytes()).hexdigest()[:16]


def _reading_writer(path: Path, out):
    """Each line's labels and reading as a JSON line in `out`, under its file's name."""

    def write(expected: dict, got: dict) -> None:
        reading = {"file": path.name, "text": expected["text"]}
        reading |= {field: expected.get(field) for field in ("intent", "category", "urgent")}
        reading |= {f"read_{field}": got[field] for field in ("intent", "category", "urgent")}
        out.write(json.dumps(reading, ensure_ascii=False) + "\n")

    return write


def groups_of(paths: list[Path], groups: int = 0) -> list[list[Path]]:
    """The files left out together: in name order, file i in group i mod `groups`; each file alone for 0."""
    ordered = sorted(paths)
    count = groups or len(ordered)
    return [[p for i, p in enumerate(ordered) if i % count == group] for group in range(count)]


def summary(score: Score) -> str:
    if not score.total:
        return "n=0"
    per_40 = 40 * score.chatter_as_complaint / score.chatter if score.chatter else 0.0
    complaints = sum(n for _, n in score.categories.values())
    category = sum(r for r, _ in score.categories.values()) / complaints if complaints else 1.0
    return (
        f"n={score.total} intent {score.right['intent'] / score.total:.3f}  category {category:.3f}  "
        f"urgent recall {score.recall():.3f} F1 {score.f1():.3f}  chatter {per_40:.1f}/40  "
        f"room {score.right['room'] / score.total:.3f}"
    )


def pooled(scores: dict[str, Score]) -> Score:
    total = Score()
    for score in scores.values():
        total.merge(score)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, nargs="+", default=TRAIN_FILES)
    parser.add_argument("--groups", type=int, default=0, help="leave out this many groups of files in turn")
    parser.add_argument("--extra", type=Path, nargs="+", default=[], help="train on these in every turn, never read")
    parser.add_argument("--quiet", action="store_true", help="print only the pooled line")
    parser.add_argument("--keep", type=Path, help="keep each turn's model here and read it back on the next run")
    parser.add_argument("--lines", type=Path, help="write every line's reading here (JSON lines)")
    args = parser.parse_args(argv)
    if any("validation" in p.name for p in [*args.data, *args.extra]):
        parser.error("the validation split measures a choice; it is never used to make one")
    if len(args.data) < 2:
        parser.error("leaving one file out needs at least two")
    if args.groups and not 2 <= args.groups <= len(args.data):
        parser.error(f"--groups must be between 2 and the number of files ({len(args.data)})")
    what = f"{args.groups} groups of files" if args.groups else f"each of {len(args.data)} files"
    print(f"leaving out {what} in turn…", flush=True)
    lines = args.lines.open("w", encoding="utf-8") if args.lines else None
    try:
        scores = left_out(
            args.data, verbose=not args.quiet, groups=args.groups, extra=tuple(args.extra), keep=args.keep, lines=lines
        )
    finally:
        if lines is not None:
            lines.close()
    print(f"pooled: {summary(pooled(scores))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
