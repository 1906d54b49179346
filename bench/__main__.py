"""Run every bench in this folder and print one summary: `python -m bench [--seconds 8] [--json PATH]`.

Arguments are passed on to each bench.  Exit status: 0 if every target passed, 1 if a target
failed, 2 if a bench could not run honestly (a server failed or answered other than 200).
"""

from __future__ import annotations

import sys

from bench import analyzer, campaigns, telegram, webchat

BENCHES = {"webchat": webchat, "telegram": telegram, "analyzer": analyzer, "campaigns": campaigns}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    statuses = {}
    for name, module in BENCHES.items():
        print(f"=== bench {name} ===", flush=True)
        statuses[name] = module.main(argv)
    print("\n=== summary ===")
    words = {0: "all targets PASS", 1: "some target FAILED", 2: "could not run (see above)"}
    for name, status in statuses.items():
        print(f"  {name:10s} {words.get(status, f'exit {status}')}")
    return max(statuses.values(), default=0)


if __name__ == "__main__":
    sys.exit(main())
