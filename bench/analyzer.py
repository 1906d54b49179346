"""Analyzer speed: start-up (the segmenter's dictionary and the model), messages per second on one core, memory.

    python -m bench.analyzer [--messages 20000]

Each figure is taken in a fresh subprocess so start-up is a real cold start and memory is the analyzer's
own. Throughput is measured on two mixes: the labelled files (mostly complaints, the slow path) and a group's real
shape (9 chatter : 1 complaint); each mix's rate is the best of three passes (the floor's the best of five), since
other work on a shared machine can only slow a pass, and all three of the group mix are printed beside it.
Alongside, the floor: the same group mix through NFKC and a scan for fifty words with `in`, the least any reader
does, to show how quick the machine is in this run (the target is the issue's absolute 10,000 a second; the ratio
is what compares two machines).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"messages_per_s": 10_000, "startup_s": 1.5}

_CHILD = r"""
import json, resource, sys, time, unicodedata
started = time.perf_counter()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from bot.nlp.analyzer import Analyzer
analyzer = Analyzer({"同鑫花园": ["同鑫"], "银山苑": ["银山"], "荷畔小区": ["荷畔"]}, ("网格通",))
startup = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
mixes = json.loads(sys.stdin.read())
rates = {}
for name, texts in mixes.items():
    for text in texts[:200]:
        analyzer.analyze(text)  # warm caches, as a running bot has them
    passes = []
    for _ in range(3):  # the best of three, as the floor below is the best of five: a shared machine only slows
        began = time.perf_counter()
        for text in texts:
            analyzer.analyze(text)
        passes.append(len(texts) / (time.perf_counter() - began))
    rates[name] = max(passes)
    rates[name + "_passes"] = passes
from bot.nlp.keywords import CATEGORY_OF_WORD  # loaded with the analyzer already: no start-up of its own
words = sorted(CATEGORY_OF_WORD)[:50]
texts = mixes["group_9_to_1"]
floor = []
for _ in range(5):  # a pass takes a tenth of a second: the best of five, for a steady figure
    began = time.perf_counter()
    for text in texts:
        text = unicodedata.normalize("NFKC", text)
        any(word in text for word in words)
    floor.append(len(texts) / (time.perf_counter() - began))
rates["floor"] = max(floor)
print(json.dumps({"startup_s": startup, "rss_mb": rss / 1024, "rss_before_mb": before / 1024, "rates": rates}))
"""


def _labelled_texts() -> list[str]:
    files = [ROOT / "tests" / "data" / "messages-train.jsonl", ROOT / "tests" / "data" / "messages-test.jsonl"]
    return [json.loads(line)["text"] for path in files for line in path.read_text(encoding="utf-8").splitlines()]


def _mixes(count: int) -> dict[str, list[str]]:
    from bench.traffic import CHATTER, COMPLAINTS

    labelled = _labelled_texts()
    complaints = [c.format(b=3 + i % 9, u=1 + i % 4) for i, c in enumerate(COMPLAINTS)]
    group = [CHATTER[i % len(CHATTER)] if i % 10 else complaints[i // 10 % len(complaints)] for i in range(count)]
    return {"labelled": (labelled * (count // len(labelled) + 1))[:count], "group_9_to_1": group}


def measure(count: int) -> dict:
    print("starting a fresh analyzer process…", flush=True)
    child = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(_mixes(count)),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    if child.returncode != 0:
        raise RuntimeError(f"analyzer process failed:\n{child.stderr[-2000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def report(figures: dict) -> tuple[str, bool]:
    rate = figures["rates"]["group_9_to_1"]
    ok = {"rate": rate >= TARGETS["messages_per_s"], "startup": figures["startup_s"] < TARGETS["startup_s"]}
    mark = {True: "PASS", False: "FAIL"}
    lines = [
        f"网格通 analyzer bench — {time.strftime('%Y-%m-%dT%H:%M:%S%z')}, one core",
        f"  start-up        {figures['startup_s']:6.2f} s     target < {TARGETS['startup_s']} s  "
        f" {mark[ok['startup']]}",
        f"  group mix 9:1   {rate:8.0f} msg/s  target ≥ {TARGETS['messages_per_s']}  {mark[ok['rate']]}"
        f"  (best of {', '.join(f'{r:.0f}' for r in figures['rates']['group_9_to_1_passes'])})",
        f"  labelled files  {figures['rates']['labelled']:8.0f} msg/s  (mostly complaints: the slow path)",
        f"  machine floor   {figures['rates']['floor']:8.0f} msg/s  (NFKC and fifty `in` tests; group mix / floor "
        f"{rate / figures['rates']['floor']:.3f})",
        f"  memory          {figures['rss_mb']:6.0f} MB peak RSS (Python alone: {figures['rss_before_mb']:.0f} MB)",
    ]
    return "\n".join(lines), all(ok.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args, _ = parser.parse_known_args(argv)
    figures = measure(args.messages)
    text, passed = report(figures)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
