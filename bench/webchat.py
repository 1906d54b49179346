"""Web chat throughput bench: the bot's POST /api/webchat/messages against a bare aiohttp echo floor.

Method.  The machines this runs on (2 cores, shared with other work, noisy) give absolute
requests-per-second that move by tens of percent from one minute to the next, so no figure here is
read on its own.  In the same run we measure a floor: a bare aiohttp app that echoes its JSON body
(bench/echo_server.py), which is the fastest any aiohttp server can answer that request on this
machine right now.  The floor is measured before and after the bot and averaged, so a drift in the
machine's load shows up as a gap between the two.  The bot's figure is reported as a ratio of it.

Both servers are subprocesses on 127.0.0.1, and both are driven by the same load generator
(bench/loadgen.py) in a third process: 32 connections, 32 workers, a 1 s warm-up then a fixed
window (8 s by default), and a cap on the request count.  The bot gets resident chatter mixed 9:1
with complaints that carry an explicit trigger (报事/报修/投诉) and so must each open a ticket;
the ticket count is checked against `GET /api/tickets` afterwards.  Any answer other than 200 fails
the bench.  The client shares the 2 cores with the server, so the figures are conservative.

    .venv/bin/python -m bench.webchat [--seconds 8] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import datetime
from pathlib import Path

from bench import procs

REPO = Path(__file__).resolve().parent.parent
ROSTER = "examples/roster-demo.yaml"
TARGETS = {"ratio": 0.25, "p99_ms": 100.0, "startup_s": 3.0}
LOG_TROUBLE = re.compile(r"\bERROR\b|\bCRITICAL\b|Exception|Error handling request")
LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d[,.]\d+\s*")


class BenchFailed(RuntimeError):
    """The bench could not produce honest figures: a server failed or answered other than 200."""


# --- running things ---------------------------------------------------------------------------


def say(line: str) -> None:
    print(line, flush=True)


def run_load(url: str, kind: str, args: argparse.Namespace, extra: tuple[str, ...] = ()) -> dict:
    """Drive `url` with the load generator in its own process and return its figures."""
    argv = [sys.executable, "-m", "bench.loadgen", "--url", url, "--kind", kind, *extra]
    argv += ["--seconds", str(args.seconds), "--warmup", str(args.warmup)]
    argv += ["--concurrency", str(args.concurrency), "--max-requests", str(args.max_requests)]
    limit = args.warmup + args.seconds + 60
    try:
        done = subprocess.run(argv, cwd=REPO, stdout=subprocess.PIPE, text=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BenchFailed(f"load generator still running after {limit:g} s; stopped") from exc
    if done.returncode != 0:
        raise BenchFailed(f"load generator exited with {done.returncode}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures["errors"]:
        samples = "\n".join("    " + s for s in figures["error_samples"])
        raise BenchFailed(f"{kind}: non-200 or bad answers {figures['errors']}\n{samples}")
    return figures


def bench_echo(workdir: Path, args: argparse.Namespace, label: str) -> dict:
    say(f"starting echo floor ({label})…")
    port = procs.free_port()
    log_path = workdir / f"echo-{label}.log"
    argv = [sys.executable, "-m", "bench.echo_server", "--port", str(port)]
    process = procs.spawn(argv, log_path, cwd=REPO)
    try:
        procs.wait_healthy(process, f"http://{procs.HOST}:{port}/healthz", log_path, 30, time.perf_counter())
        say(f"loading echo floor ({label})…")
        figures = run_load(f"http://{procs.HOST}:{port}/echo", "echo", args)
    finally:
        procs.stop(process)
    say(f"  echo ({label}): {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms")
    return figures


def bot_env() -> dict[str, str]:
    """The caller's environment without settings that would change what is measured.

    No chat-platform tokens (the bench measures web chat only), no ADMIN_TOKEN (the ticket check
    reads /api/tickets without one), and the web chat switched on.
    """
    env = {k: v for k, v in os.environ.items() if not re.search(r"TELEGRAM|WECOM|ADMIN_TOKEN", k, re.IGNORECASE)}
    env["WEBCHAT"] = "on"
    return env


def start_bot(
    workdir: Path, args: argparse.Namespace, env: dict[str, str] | None = None, port: int | None = None
) -> tuple[subprocess.Popen, int, float, Path]:
    say("starting bot…")
    port = port or procs.free_port()
    log_path = workdir / "bot.log"
    argv = [sys.executable, "bot.py", "run", "--port", str(port), "--host", procs.HOST]
    argv += ["--database-url", f"sqlite:///{workdir}/bench.db", "--roster", ROSTER]
    started = time.perf_counter()
    process = procs.spawn(argv, log_path, cwd=REPO, env=env or bot_env())
    try:
        url = f"http://{procs.HOST}:{port}/healthz"
        startup = procs.wait_healthy(process, url, log_path, args.startup_timeout, started)
    except BaseException:
        procs.stop(process)
        raise
    say(f"  bot healthy after {startup:.2f} s")
    return process, port, startup, log_path


def ticket_total(port: int) -> int:
    url = f"http://{procs.HOST}:{port}/api/tickets?limit=1"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(json.load(response)["total"])
    except (OSError, ValueError, KeyError) as exc:
        raise BenchFailed(f"GET {url} did not give a ticket total: {exc}") from exc


def log_trouble(log_path: Path, limit: int = 8) -> tuple[int, list[str]]:
    """How many lines of the bot's log look like errors, and the most common ones with their counts.

    A traceback is summed up by its last line (the exception), which is what tells one failure from another;
    log lines are counted without their time stamps, so the same failure adds up.
    """
    lines = log_path.read_text(errors="replace").splitlines()
    trouble: Counter[str] = Counter()
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback"):
            in_traceback = True
        elif in_traceback and line and not line[0].isspace():
            trouble[line.strip()[:200]] += 1
            in_traceback = False
        elif not in_traceback and LOG_TROUBLE.search(line):
            trouble[LOG_TIME.sub("", line.strip())[:200]] += 1
    return sum(trouble.values()), [f"{n}× {line}" for line, n in trouble.most_common(limit)]


def bench_bot(workdir: Path, args: argparse.Namespace) -> dict:
    process, port, startup, log_path = start_bot(workdir, args)
    try:
        say("loading bot (9 chatter : 1 complaint)…")
        figures = run_load(f"http://{procs.HOST}:{port}/api/webchat/messages", "webchat", args)
        figures["tickets_total"] = ticket_total(port)
    except BenchFailed as exc:
        procs.stop(process)
        count, lines = log_trouble(log_path)
        trouble = "\n".join("    | " + line[:300] for line in lines)
        raise BenchFailed(f"{exc}\n  bot log: {count} error-looking lines\n{trouble}") from exc
    finally:
        procs.stop(process)
    figures["startup_s"] = startup
    figures["log_trouble"], figures["log_samples"] = log_trouble(log_path)
    say(f"  bot: {figures['rps']:.0f} req/s, p99 {figures['p99_ms']:.1f} ms")
    return figures


# --- figures and report -----------------------------------------------------------------------


def figures_of(before: dict, bot: dict, after: dict, args: argparse.Namespace) -> dict:
    floor = (before["rps"] + after["rps"]) / 2
    return {
        "bench": "webchat",
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "echo_rps": floor,
        "echo_rps_before": before["rps"],
        "echo_rps_after": after["rps"],
        "echo_p99_ms": max(before["p99_ms"], after["p99_ms"]),
        "bot_rps": bot["rps"],
        "ratio": bot["rps"] / floor,
        "p50_ms": bot["p50_ms"],
        "p90_ms": bot["p90_ms"],
        "p99_ms": bot["p99_ms"],
        "max_ms": bot["max_ms"],
        "requests": bot["measured"],
        "tickets_per_s": bot["complaints_ok_window"] / bot["seconds"],
        "complaints_sent": bot["complaints_ok_total"],
        "complaints_silent": bot["complaints_silent"],
        "tickets_total": bot["tickets_total"],
        "startup_s": bot["startup_s"],
        "bot_log_trouble": bot["log_trouble"],
        "bot_log_samples": bot["log_samples"],
    }


def verdicts(f: dict) -> dict[str, bool]:
    return {
        "ratio": f["ratio"] >= TARGETS["ratio"],
        "p99_ms": f["p99_ms"] < TARGETS["p99_ms"],
        "tickets": f["tickets_total"] == f["complaints_sent"],
        "startup_s": f["startup_s"] < TARGETS["startup_s"],
    }


def mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(f: dict, ok: dict[str, bool]) -> str:
    drift = abs(f["echo_rps_before"] - f["echo_rps_after"]) / f["echo_rps"] * 100
    rows = [
        f"网格通 web chat bench — {f['date']}, {f['cpus']} cores, "
        f"{f['concurrency']} connections, {f['seconds']:g} s window",
        f"  echo floor      {f['echo_rps']:8.0f} req/s   (before {f['echo_rps_before']:.0f}, "
        f"after {f['echo_rps_after']:.0f}, drift {drift:.0f}%)",
        f"  bot             {f['bot_rps']:8.0f} req/s   ({f['requests']} requests measured)",
        f"  bot / echo      {f['ratio']:8.2f}         target ≥ {TARGETS['ratio']}        {mark(ok['ratio'])}",
        f"  bot p50         {f['p50_ms']:8.1f} ms",
        f"  bot p99         {f['p99_ms']:8.1f} ms      target < {TARGETS['p99_ms']:g} ms     {mark(ok['p99_ms'])}",
        f"  tickets/s       {f['tickets_per_s']:8.1f}         ticket total {f['tickets_total']} vs "
        f"{f['complaints_sent']} complaints sent  {mark(ok['tickets'])}",
        f"  start-up        {f['startup_s']:8.2f} s       target < {TARGETS['startup_s']:g} s       "
        f"{mark(ok['startup_s'])}",
    ]
    if f["complaints_silent"]:
        rows.append(f"  note: {f['complaints_silent']} complaints got an empty replies list")
    if f["bot_log_trouble"]:
        rows.append(f"  note: {f['bot_log_trouble']} error-looking lines in the bot's log, first ones:")
        rows += ["    " + line[:200] for line in f["bot_log_samples"]]
    return "\n".join(rows)


# --- entry point ------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.webchat",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seconds", type=float, default=8.0, help="measured window per server (8)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up before the window (1)")
    parser.add_argument("--concurrency", type=int, default=32, help="connections and workers (32)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per server (200000)")
    parser.add_argument("--startup-timeout", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, database)")
    return parser.parse_known_args(argv)[0]


def between_floors(args: argparse.Namespace, prefix: str, measure) -> tuple[dict, dict, dict]:
    """The echo floor, then `measure(workdir, args)`, then the floor again, in a fresh work folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        before = bench_echo(workdir, args, "before")
        bot = measure(workdir, args)
        after = bench_echo(workdir, args, "after")
    except procs.ServerFailed as exc:
        raise BenchFailed(str(exc)) from exc
    finally:
        if args.keep:
            say(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return before, bot, after


def conclude(args: argparse.Namespace, run, report, json_path: Path | None) -> int:
    """Run a bench, print its report, write its figures as JSON if asked; the exit status."""
    try:
        figures = run(args)
    except BenchFailed as exc:
        say(f"\nBENCH FAILED: {exc}")
        return 2
    say("")
    say(report(figures, figures["pass"]))
    if json_path:
        json_path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        say(f"figures written to {json_path}")
    return 0 if all(figures["pass"].values()) else 1


def run(args: argparse.Namespace) -> dict:
    """Measure everything once; the figures with a `pass` map. Raises BenchFailed."""
    figures = figures_of(*between_floors(args, "wgt-bench-", bench_bot), args)
    figures["pass"] = verdicts(figures)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return conclude(args, run, report, args.json)


if __name__ == "__main__":
    sys.exit(main())
