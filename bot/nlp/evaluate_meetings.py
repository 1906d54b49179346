"""Measure what meetings read: RSVP answers (with guests) and announced times, on labelled sets.

python -m bot.nlp.evaluate_meetings            (both RSVP sets and the times set)
python -m bot.nlp.evaluate_meetings --rsvp F   (one RSVP file: {"text", "label", "guests"} per line)
python -m bot.nlp.evaluate_meetings --times F  (one times file: {"text", "now", "expected"} per line)

A times case expects the announced start, or null when the announcement must be refused (a past day, no
clock time).

The RSVP label is what the bot does with a message in a group while a meeting is open there: rsvp_yes,
rsvp_no, rsvp_maybe, or other (a question, a complaint, chatter: never counted as an answer).
rsvp-independent.jsonl was tuned on after its first measure; rsvp-heldout.jsonl and rsvp-validation.jsonl (written
in stop 17, apart from the code and from the training files) never were.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.nlp.analyzer import Analyzer
from bot.nlp.announce import Announcement, read_announcement
from bot.nlp.evaluate import DEMO_COMPOUNDS

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
RSVP_FILES = [DATA / "rsvp-independent.jsonl", DATA / "rsvp-heldout.jsonl", DATA / "rsvp-validation.jsonl"]
TIMES_FILE = DATA / "times-independent.jsonl"
LABELS = ("rsvp_yes", "rsvp_no", "rsvp_maybe", "other")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def label_of(analyzer: Analyzer, text: str) -> tuple[str, int]:
    """What the bot does with `text` in a group while a meeting is open: as the meetings router, a bare "+1" (talk
    when read alone) is a yes there."""
    result = analyzer.analyze(text)
    if result.me_too:
        return "rsvp_yes", 0
    return (result.intent, result.guests) if result.intent in LABELS else ("other", 0)


@dataclass
class RsvpScore:
    pairs: Counter = field(default_factory=Counter)  # (expected, got) → count
    guests_right: int = 0
    guests_asked: int = 0  # yes answers read as yes: their guest count is then checked
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.pairs.values())

    def accuracy(self) -> float:
        return sum(n for (want, got), n in self.pairs.items() if want == got) / self.total

    def precision(self, label: str) -> float:
        said = sum(n for (_, got), n in self.pairs.items() if got == label)
        return self.pairs[label, label] / said if said else 0.0

    def recall(self, label: str) -> float:
        real = sum(n for (want, _), n in self.pairs.items() if want == label)
        return self.pairs[label, label] / real if real else 0.0

    def report(self, name: str) -> str:
        lines = [f"{name}: {self.total} messages, accuracy {self.accuracy():.3f}"]
        for label in LABELS:
            lines.append(f"  {label:10s} precision {self.precision(label):.2f}  recall {self.recall(label):.2f}")
        lines.append(f"  guests right on {self.guests_right} of {self.guests_asked} yes answers read as yes")
        lines.append(f"  misread ({len(self.misses)}):")
        return "\n".join(lines + self.misses)


def evaluate_rsvp(path: Path, analyzer: Analyzer) -> RsvpScore:
    score = RsvpScore()
    for case in _lines(path):
        got, guests = label_of(analyzer, case["text"])
        score.pairs[case["label"], got] += 1
        if case["label"] == got == "rsvp_yes":
            score.guests_asked += 1
            score.guests_right += guests == case.get("guests", 0)
            if guests != case.get("guests", 0):
                score.misses.append(f"  {case['text']}\n      guests {guests} ≠ {case.get('guests', 0)}")
        elif got != case["label"]:
            score.misses.append(f"  {case['text']}\n      {got} ≠ {case['label']}")
    return score


def evaluate_times(path: Path) -> tuple[int, int, list[str]]:
    right, misses = 0, []
    cases = _lines(path)
    for case in cases:
        read = read_announcement(case["text"], datetime.fromisoformat(case["now"]))
        got = read.starts_at.isoformat(timespec="minutes") if isinstance(read, Announcement) else None
        if got == case["expected"]:
            right += 1
        else:
            misses.append(f"  {case['text']} (now {case['now']})\n      {got} ≠ {case['expected']}")
    return right, len(cases), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rsvp", type=Path, action="append", help="an RSVP file (repeatable)")
    parser.add_argument("--times", type=Path, action="append", help="a times file (repeatable)")
    args = parser.parse_args(argv)
    chosen = args.rsvp or args.times
    analyzer = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))
    for path in args.rsvp or ([] if chosen else RSVP_FILES):
        print(evaluate_rsvp(path, analyzer).report(str(path)), end="\n\n")
    for path in args.times or ([] if chosen else [TIMES_FILE]):
        right, total, misses = evaluate_times(path)
        print("\n".join([f"{path}: {right} of {total} times read right ({right / total:.3f})", *misses]), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
