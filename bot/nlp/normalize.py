"""Text clean-up before analysis: full-width to half-width, traditional characters to simplified, no control
characters, bounded length."""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

from opencc import OpenCC

MAX_ANALYSED = 4000
# Control and zero-width characters, and lone surrogates: JSON can carry "\ud800", which is no character and
# which the segmenter (Rust, UTF-8 only) cannot take.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ud800-\udfff]")
_TO_SIMPLIFIED = OpenCC("t2s")


def _traditional_only() -> frozenset[str]:
    """Characters written only in traditional Chinese (燈, 氣, 災…), from OpenCC's own table: converting is
    ten times the cost of this test, and almost every message has none of them."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in table.splitlines() if "\t" in line)
    return frozenset(trad for trad, simplified in pairs if trad not in simplified.split())


_TRADITIONAL = _traditional_only()


def normalise(text: str) -> str:
    # NFKC folds full-width digits and letters (３号楼 → 3号楼) but also ideographic punctuation, which
    # keyword rules do not rely on. Traditional characters are read as simplified (煤氣洩漏 is 煤气泄漏): residents
    # from Hong Kong or Taiwan, and phones set to traditional input, write them.
    text = unicodedata.normalize("NFKC", text[: MAX_ANALYSED * 2])[:MAX_ANALYSED]
    if not _TRADITIONAL.isdisjoint(text):
        text = _TO_SIMPLIFIED.convert(text)
    return _CONTROL.sub(" ", text).strip()
