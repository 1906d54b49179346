"""The analyzer's work on the group mix, for counting instructions rather than seconds (a shared, noisy machine
times the same code 20 % apart within minutes; valgrind counts the same whatever else it does):

    valgrind --tool=callgrind --callgrind-out-file=cg.0    .venv/bin/python -m bench.analyzer_work 0
    valgrind --tool=callgrind --callgrind-out-file=cg.3000 .venv/bin/python -m bench.analyzer_work 3000
    # instructions per message = (summary of cg.3000 - summary of cg.0) / 3000

Both runs build the analyzer and read 200 warm-up messages of bench/analyzer.py's 9 : 1 group mix; the second
then reads N more.
"""

from __future__ import annotations

import sys

from bench.analyzer import _mixes
from bot.nlp.analyzer import Analyzer

WARM_UP = 200


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 3000
    texts = _mixes(count + WARM_UP)["group_9_to_1"]
    analyzer = Analyzer({"同鑫花园": ["同鑫"], "银山苑": ["银山"], "荷畔小区": ["荷畔"]}, ("网格通",))
    for text in texts[: WARM_UP + count]:
        analyzer.analyze(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
