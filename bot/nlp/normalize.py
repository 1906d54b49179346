"""Text clean-up before analysis: full-width to half-width, no control characters, bounded length."""

from __future__ import annotations

import re
import unicodedata

MAX_ANALYSED = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def normalise(text: str) -> str:
    # NFKC folds full-width digits and letters (３号楼 → 3号楼) but also ideographic punctuation, which
    # keyword rules do not rely on.
    text = unicodedata.normalize("NFKC", text[: MAX_ANALYSED * 2])[:MAX_ANALYSED]
    return _CONTROL.sub(" ", text).strip()
