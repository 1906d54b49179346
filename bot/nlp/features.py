"""What the statistical model sees of a message: jieba words, character 1- to 3-grams, and which of the
keyword lists' categories and problem words it contains.

Digits become "0" so that 3号楼 and 15号楼 look alike to the model (places are read by patterns instead).
The keyword features let the hand-written word lists and the learned weights work together: the model
learns how much to trust each list. The same function feeds training (as scikit-learn's analyzer) and
inference, so they cannot drift apart.
"""

from __future__ import annotations

import re

from bot.nlp import keywords as kw
from bot.nlp.segment import cut

_DIGITS = re.compile(r"\d+")
_PUNCT = re.compile(r"[\s,.!?;:，。！？；：、…~～\"'“”‘’()（）\[\]【】<>《》@#＃/\\|*+=_\-—]+")


def features(text: str, hits: set[str] | None = None) -> list[str]:
    """`hits`: the keyword index's words found in `text`, when the caller has them already."""
    hits = kw.INDEX.found(text) if hits is None else hits
    text = _DIGITS.sub("0", text)
    found = [f"w:{w}" for w in cut(text) if not _PUNCT.fullmatch(w)]
    for chunk in _PUNCT.split(text):
        found.extend(f"u:{c}" for c in chunk)
        found.extend(f"c:{chunk[i : i + 2]}" for i in range(len(chunk) - 1))
        found.extend(f"c:{chunk[i : i + 3]}" for i in range(len(chunk) - 2))
    found.extend(f"k:{category}" for word in hits for category in kw.CATEGORY_OF_WORD.get(word, ()))
    if not hits.isdisjoint(kw.PROBLEM_WORDS):
        found.append("k:problem")
    return found
