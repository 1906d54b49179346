"""Measure the analyzer on labelled messages: per-field accuracy, urgent F1, and every miss.

python -m bot.nlp.evaluate [FILE ...]        (default: tests/data/messages-dev.jsonl and
                                              tests/data/messages-test.jsonl)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.nlp.analyzer import Analyzer

ROOT = Path(__file__).resolve().parents[2]
# The team's shared labelled dev set (a copy of ../shared/data/messages-dev.jsonl, kept in the project so every
# clone measures on it): for measuring only, never training.
DEV_FILE = ROOT / "tests" / "data" / "messages-dev.jsonl"
# Written apart from the training data and the code, each by another writer, never tuned on (the list and how each was
# written: tests/data/corpus/GUIDE.md). In the order they were written: validation, validation-2, -3 …
VALIDATION_FILES = sorted(
    (ROOT / "tests" / "data" / "corpus").glob("validation*.jsonl"), key=lambda p: (len(p.name), p.name)
)
DEFAULT_FILES = [DEV_FILE, ROOT / "tests" / "data" / "messages-test.jsonl", *VALIDATION_FILES]
DEMO_COMPOUNDS = {"同鑫花园": ["同鑫", "同鑫小区"], "银山苑": ["银山"], "荷畔小区": ["荷畔"]}
FIELDS = ("intent", "category", "building", "unit", "room", "urgent")


@dataclass
class Score:
    total: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    urgent: dict[str, int] = field(default_factory=lambda: {"tp": 0, "fp": 0, "fn": 0})
    chatter_as_complaint: int = 0
    chatter: int = 0
    categories: dict[str, list[int]] = field(default_factory=dict)  # category → [right, of], complaints only
    confused: dict[tuple[str, str], int] = field(default_factory=dict)  # (expected, got) category mistakes
    misses: list[str] = field(default_factory=list)

    def add(self, expected: dict, got: dict) -> None:
        self.total += 1
        wrong = [f for f in FIELDS if got[f] != expected.get(f)]
        for name in FIELDS:
            self.right[name] += name not in wrong
        kind = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get((expected["urgent"], got["urgent"]))
        if kind:
            self.urgent[kind] += 1
        if expected["intent"] == "chatter":
            self.chatter += 1
            self.chatter_as_complaint += got["intent"] == "complaint"
        if expected["intent"] == "complaint" and expected.get("category"):
            tally = self.categories.setdefault(expected["category"], [0, 0])
            tally[0] += got["category"] == expected["category"]
            tally[1] += 1
            if got["category"] != expected["category"]:
                key = (expected["category"], str(got["category"]))
                self.confused[key] = self.confused.get(key, 0) + 1
        if wrong:
            detail = ", ".join(f"{f}: {got[f]!r} ≠ {expected.get(f)!r}" for f in wrong)
            self.misses.append(f"  {expected['text']}\n      {detail}")

    def merge(self, other: Score) -> None:
        """Add another file's counts to these (every figure but the misses)."""
        self.total += other.total
        self.chatter += other.chatter
        self.chatter_as_complaint += other.chatter_as_complaint
        for name in FIELDS:
            self.right[name] += other.right[name]
        for kind, n in other.urgent.items():
            self.urgent[kind] += n
        for category, (right, of) in other.categories.items():
            tally = self.categories.setdefault(category, [0, 0])
            tally[0] += right
            tally[1] += of

    def f1(self) -> float:
        tp, fp, fn = self.urgent["tp"], self.urgent["fp"], self.urgent["fn"]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def recall(self) -> float:
        tp, fn = self.urgent["tp"], self.urgent["fn"]
        return tp / (tp + fn) if tp + fn else 1.0

    def report(self, name: str) -> str:
        lines = [f"{name}: {self.total} messages"]
        lines += [f"  {f:9s} {self.right[f] / self.total:.3f}" for f in FIELDS]
        per_40 = 40 * self.chatter_as_complaint / self.chatter if self.chatter else 0.0
        lines.append(
            f"  urgent F1 {self.f1():.3f}, recall {self.recall():.3f}   chatter taken for a complaint: "
            f"{self.chatter_as_complaint} of {self.chatter} ({per_40:.1f} in 40)"
        )
        if self.categories:
            lines.append("  category, on complaints: " + ", ".join(
                f"{c} {r}/{n}" for c, (r, n) in sorted(self.categories.items())))  # fmt: skip
            worst = sorted(self.confused.items(), key=lambda item: -item[1])[:8]
            lines.append("  most confused (expected → read): " + ", ".join(f"{e}→{g} {n}" for (e, g), n in worst))
        lines.append(f"  misclassified ({len(self.misses)}):")
        return "\n".join(lines + self.misses)


def evaluate(path: Path, analyzer: Analyzer, on_reading: Callable[[dict, dict], None] | None = None) -> Score:
    """`on_reading(expected, got)` for each line as well, when a caller keeps the readings (crosscheck --lines)."""
    score = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            expected = json.loads(line)
            got = analyzer.analyze(expected["text"]).as_dict()
            score.add(expected, got)
            if on_reading is not None:
                on_reading(expected, got)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    args = parser.parse_args(argv)
    analyzer = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))
    for path in args.files:
        if not path.exists():
            print(f"{path}: not found, skipped", file=sys.stderr)
            continue
        print(evaluate(path, analyzer).report(str(path)), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
