"""Every labelled file follows tests/data/corpus/GUIDE.md's schema, so a typo in a label cannot quietly train or
score the analyzer wrong (a category on chatter, a room as a number, a compound the demo roster lacks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.vocabulary import CATEGORIES as DEMO_CATEGORIES

DATA = Path(__file__).parent / "data"
LABELLED = sorted(
    [
        *DATA.glob("messages-*.jsonl"),
        *(DATA / "corpus").glob("*.jsonl"),
        *(DATA / "corpus").glob("*/*.jsonl"),
        *(DATA / "probes").glob("*.jsonl"),
    ]
)
KEYS = ["text", "intent", "category", "building", "unit", "room", "urgent", "compound"]
INTENTS = {"complaint", "chatter", "rsvp_yes", "rsvp_no", "rsvp_maybe", "query"}
COMPOUNDS = {None, "同鑫花园", "荷畔小区", "银山苑"}


def problems(row: dict) -> list[str]:
    found = []
    if set(row) not in (set(KEYS), set(KEYS) - {"compound"}):  # the shared dev set names no compounds
        found.append(f"keys {sorted(row)}")
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        found.append("no text")
    if row.get("intent") not in INTENTS:
        found.append(f"intent {row.get('intent')!r}")
    complaint = row.get("intent") == "complaint"
    if (row.get("category") in DEMO_CATEGORIES) != complaint or (not complaint and row.get("category") is not None):
        found.append(f"category {row.get('category')!r} on {row.get('intent')}")
    for name in ("building", "unit"):
        if row.get(name) is not None and not (isinstance(row[name], int) and row[name] > 0):
            found.append(f"{name} {row[name]!r}")
    if row.get("room") is not None and not (isinstance(row["room"], str) and row["room"].isdigit()):
        found.append(f"room {row['room']!r} (a string of digits)")
    if not isinstance(row.get("urgent"), bool) or (row["urgent"] and not complaint):
        found.append(f"urgent {row.get('urgent')!r} on {row.get('intent')}")
    if not complaint and any(row.get(name) is not None for name in ("building", "unit", "room")):
        found.append(f"a place on {row.get('intent')} (places are labelled on complaints only)")
    if row.get("compound") not in COMPOUNDS:
        found.append(f"compound {row.get('compound')!r}")
    return found


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: str(p.relative_to(DATA)))
def test_labelled_file_follows_the_guide(path: Path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = {row.get("text"): found for row in rows if (found := problems(row))}
    texts = [row["text"] for row in rows]
    assert not wrong, wrong
    assert len(set(texts)) == len(texts), "a message labelled twice in one file"


def test_the_guide_check_finds_what_it_should():
    good = {"text": "5号楼灯坏了", "intent": "complaint", "category": "lighting", "building": 5, "unit": None,
            "room": None, "urgent": False, "compound": None}  # fmt: skip
    assert problems(good) == []
    assert problems({**good, "intent": "chatter"}) == [
        "category 'lighting' on chatter",
        "a place on chatter (places are labelled on complaints only)",
    ]
    assert problems({**good, "room": 402}) == ["room 402 (a string of digits)"]
    assert problems({**good, "compound": "幸福里"}) == ["compound '幸福里'"]
    names = {p.name for p in LABELLED}
    assert {
        "messages-dev.jsonl",
        "validation.jsonl",
        "validation-2.jsonl",
        "validation-3.jsonl",
        "train-fragments.jsonl",
    } <= names
