"""What the statistical model sees of a message: jieba words, character 1- to 3-grams, and which of the
keyword lists' categories and problem words it contains.

Digits become "0" so that 3号楼 and 15号楼 look alike to the model (places are read by patterns instead).
The keyword features let the hand-written word lists and the learned weights work together: the model
learns how much to trust each list. The same function feeds training (as scikit-learn's analyzer) and
inference, so they cannot drift apart.
"""

from __future__ import annotations

import re
from operator import add

from bot.nlp import keywords as kw
from bot.nlp.segment import cut

_DIGITS = re.compile(r"\d+")
_PUNCT = re.compile(r"[\s,.!?;:，。！？；：、…~～\"'“”‘’()（）\[\]【】<>《》@#＃/\\|*+=_\-—]+")


def features(text: str, hits: set[str] | None = None) -> list[str]:
    """`hits`: the keyword index's words found in `text`, when the caller has them already."""
    hits = kw.INDEX.found(text) if hits is None else hits
    text = _DIGITS.sub("0", text)
    punctuation = _PUNCT.fullmatch
    found = ["w:" + w for w in cut(text) if not punctuation(w)]
    # the n-grams built by map, in C: faster than comprehensions of slices over the many short chunks of a message
    for chunk in _PUNCT.split(text):
        found.extend(map("u:".__add__, chunk))
        if len(chunk) > 1:
            pairs = list(map(add, chunk, chunk[1:]))
            found.extend(map("c:".__add__, pairs))
            found.extend(map("c:".__add__, map(add, pairs, chunk[2:])))
    found.extend(f"k:{category}" for word in hits for category in kw.CATEGORY_OF_WORD.get(word, ()))
    if not hits.isdisjoint(kw.PROBLEM_WORDS):
        found.append("k:problem")
    return found
