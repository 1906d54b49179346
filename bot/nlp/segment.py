"""jieba's segmentation, with the project's domain dictionary (楼道灯, 消防通道, 飞线充电 …).

Without the dictionary jieba splits "2单元楼道灯坏了" as 单元楼/道/灯坏; with it, 单元/楼道灯/坏/了.

The segmenter is jieba-rs (through rjieba): jieba's algorithm and dictionary in Rust. On every labelled message
it cuts as jieba 0.42 did (4 of 22 134 differ, all a tie such as 咚咚咚 cut 咚咚/咚 rather than 咚/咚咚), at about a
seventeenth of the cost: jieba's pure-Python DAG was a third of the analyzer's time per message and half its
start-up (docs/performance.md, stop 18).
"""

from __future__ import annotations

import threading
from pathlib import Path

USER_DICT = Path(__file__).with_name("userdict.txt")
_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """The process's one segmenter; the first call loads the dictionary, later calls are free. It is rjieba's
    module-level one, whose cut releases the GIL and may run in any thread: nothing may add words to it after
    this load (rjieba raises "Already borrowed" if a word is added during a cut)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _load()
    return _tokenizer


def _load():
    import rjieba

    # rjieba builds its module-level segmenter, with jieba's own dictionary, when it is imported: our words go
    # into that one (rjieba.add_word) rather than into a second that would load the dictionary again.
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        if line.strip():  # jieba's user dictionary: a word, then a frequency, a tag, both or neither
            word, *rest = line.split()
            freq = next((int(field) for field in rest if field.isdigit()), None)
            rjieba.add_word(word, freq, next((field for field in rest if not field.isdigit()), None))
    return rjieba


def cut(text: str) -> list[str]:
    return [token for token in tokenizer().cut(text, False) if token.strip()]
