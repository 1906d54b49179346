"""jieba, initialised once with the project's domain dictionary (楼道灯, 消防通道, 飞线充电 …).

Without the dictionary jieba splits "2单元楼道灯坏了" as 单元楼/道/灯坏; with it, 单元/楼道灯/坏/了.
"""

from __future__ import annotations

import logging
import threading
import warnings
from pathlib import Path

USER_DICT = Path(__file__).with_name("userdict.txt")
_lock = threading.Lock()
_tokenizer = None


def tokenizer():
    """The process's one jieba tokenizer; the first call loads it (about half a second), later calls are free."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _load()
    return _tokenizer


def _load():
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources and uses invalid escape sequences: known, harmless warnings.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    instance.initialize()
    with USER_DICT.open("rb") as words:  # jieba leaves a file it opened itself unclosed
        instance.load_userdict(words)
    return instance


def cut(text: str) -> list[str]:
    return [token for token in tokenizer().lcut(text, HMM=False) if token.strip()]
