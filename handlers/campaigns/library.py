"""The notices the project ships (handlers/campaigns/library/*.yaml), and which one a campaign sends next.

Each notice has a key, a title, a text of at most about 300 characters with `{community}` and `{grid_worker}`
in it, and the months it fits (none: all year). Rotation: each occurrence sends the next notice the campaign
has not sent yet, those in season first (a notice for these months, then one for all year, then one out of
season); once all have gone, the round starts again with those sent least often.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).with_name("library")
PLACEHOLDERS = ("community", "grid_worker")


@dataclass(frozen=True)
class Notice:
    key: str
    title: str
    text: str
    months: tuple[int, ...] = ()

    def season_rank(self, month: int) -> int:
        """0: made for this month; 1: for all year; 2: out of season."""
        if not self.months:
            return 1
        return 0 if month in self.months else 2


@dataclass(frozen=True)
class Library:
    key: str
    name: str
    notices: tuple[Notice, ...]

    def next_notice(self, sent_before: list[str], month: int) -> Notice:
        """The notice an occurrence in `month` sends, given the keys this campaign sent, oldest first."""
        times = Counter(sent_before)
        fewest = min(times[n.key] for n in self.notices)
        order = {n.key: i for i, n in enumerate(self.notices)}
        candidates = [n for n in self.notices if times[n.key] == fewest]
        return min(candidates, key=lambda n: (n.season_rank(month), order[n.key]))


@cache
def libraries() -> dict[str, Library]:
    found = {}
    for path in sorted(FOLDER.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        notices = tuple(
            Notice(item["key"], item["title"], item["text"].strip(), tuple(item.get("months") or ()))
            for item in raw["notices"]
        )
        found[raw["library"]] = Library(raw["library"], raw["name"], notices)
    return found


def fill(text: str, community: str, grid_worker: str) -> str:
    """The placeholders filled in; any other brace is left as written."""
    return text.replace("{community}", community).replace("{grid_worker}", grid_worker)
