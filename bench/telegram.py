"""Telegram webhook bench: how fast the bot acknowledges Telegram's webhook posts, and how many updates a
second it takes, with the same 9 chatter : 1 complaint traffic as the web chat bench.

Three processes on 127.0.0.1 besides the load generator: the stand-in Telegram Bot API server
(bench/telegram_api.py, which the bot signs in to, sets its webhook with, and sends its replies to), the bot
with TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL and TELEGRAM_WEBHOOK_URL/SECRET set, and, before and after it,
the bare aiohttp echo floor (bench/echo_server.py) for a ratio that can be compared between runs.

The load generator posts Telegram updates (text messages from 400 residents in the two demo groups that
have Telegram ids) to POST /telegram/webhook with the secret header, 32 connections. An acknowledgement is
the webhook's 200 `{}`, which the bot gives only once the update is handled and committed. Replies go out
through the outbox afterwards, at Telegram's rate limits, and are not part of the acknowledgement.

    .venv/bin/python -m bench.telegram [--seconds 8] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from bench import procs, webchat
from bench.webchat import BenchFailed, say

SECRET = "bench-webhook-secret"
TOKEN = "123456:TEST-token"  # the stand-in server's
TARGETS = {"p99_ms": 100.0}


def start_fake_telegram(workdir: Path, enforce_limits: bool = False):
    say(
        "starting the stand-in Telegram Bot API server" + (" (enforcing Telegram's limits)…" if enforce_limits else "…")
    )
    port = procs.free_port()
    log_path = workdir / "telegram-api.log"
    argv = [sys.executable, "-m", "bench.telegram_api", "--port", str(port)]
    if enforce_limits:
        argv.append("--enforce-limits")
    process = procs.spawn(argv, log_path, cwd=webchat.REPO)
    try:
        procs.wait_healthy(process, f"http://{procs.HOST}:{port}/healthz", log_path, 30, time.perf_counter())
    except BaseException:
        procs.stop(process)
        raise
    return process, port


def telegram_env(api_port: int, bot_port: int) -> dict[str, str]:
    env = webchat.bot_env()
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=f"http://{procs.HOST}:{api_port}/bot",
        TELEGRAM_WEBHOOK_URL=f"http://{procs.HOST}:{bot_port}/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET=SECRET,
    )
    return env


def sent_by_bot(api_port: int) -> int:
    with urllib.request.urlopen(f"http://{procs.HOST}:{api_port}/stats", timeout=10) as response:
        return int(json.load(response)["sendMessage"])


def stored_by_bot(database: Path) -> dict[str, int]:
    """What the run left in the bot's database: message ids kept (only messages that caused something keep
    theirs: a ticket, or an offer to register a look-alike complaint) and residents remembered (only those
    whose message was taken)."""
    with sqlite3.connect(database) as connection:
        kept = connection.execute("SELECT count(*) FROM processedmessage").fetchone()[0]
        offers = connection.execute("SELECT count(*) FROM complaintoffer").fetchone()[0]
        residents = connection.execute("SELECT count(*) FROM person WHERE kind = 'resident'").fetchone()[0]
    return {"message_ids_kept": kept, "offers": offers, "residents_kept": residents}


def bench_webhook(workdir: Path, args: argparse.Namespace) -> dict:
    api, api_port = start_fake_telegram(workdir)
    try:
        bot_port = procs.free_port()
        env = telegram_env(api_port, bot_port)
        process, port, startup, log_path = webchat.start_bot(workdir, args, env=env, port=bot_port)
        try:
            say("posting Telegram updates to the webhook (9 chatter : 1 complaint)…")
            url = f"http://{procs.HOST}:{port}/telegram/webhook"
            figures = webchat.run_load(url, "telegram", args, extra=("--secret", SECRET))
            figures["tickets_total"] = webchat.ticket_total(port)
            figures["sent_to_telegram"] = sent_by_bot(api_port)
        except BenchFailed as exc:
            count, lines = webchat.log_trouble(log_path)
            trouble = "\n".join("    | " + line[:300] for line in lines)
            raise BenchFailed(f"{exc}\n  bot log: {count} error-looking lines\n{trouble}") from exc
        finally:
            procs.stop(process)
    finally:
        procs.stop(api)
    figures.update(stored_by_bot(workdir / "bench.db"))
    figures["startup_s"] = startup
    figures["log_trouble"], figures["log_samples"] = webchat.log_trouble(log_path)
    say(f"  webhook: {figures['rps']:.0f} updates/s, p99 {figures['p99_ms']:.1f} ms")
    return figures


def figures_of(before: dict, bot: dict, after: dict, args: argparse.Namespace) -> dict:
    floor = (before["rps"] + after["rps"]) / 2
    return {
        "bench": "telegram",
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "echo_rps": floor,
        "updates_per_s": bot["rps"],
        "ratio": bot["rps"] / floor,
        "p50_ms": bot["p50_ms"],
        "p99_ms": bot["p99_ms"],
        "max_ms": bot["max_ms"],
        "updates": bot["measured"],
        "updates_sent": bot["sent"],
        "complaints_sent": bot["complaints_ok_total"],
        "message_ids_kept": bot["message_ids_kept"],
        "offers": bot["offers"],
        "residents_kept": bot["residents_kept"],
        "tickets_total": bot["tickets_total"],
        "sent_to_telegram": bot["sent_to_telegram"],
        "startup_s": bot["startup_s"],
        "bot_log_trouble": bot["log_trouble"],
        "bot_log_samples": bot["log_samples"],
    }


def verdicts(f: dict) -> dict[str, bool]:
    return {
        "p99_ms": f["p99_ms"] < TARGETS["p99_ms"],
        "tickets": f["tickets_total"] == f["complaints_sent"],
        # Chatter costs no write: the only message ids kept are those of complaints and offers.
        "chatter_writes": f["message_ids_kept"] == f["complaints_sent"] + f["offers"],
    }


def report(f: dict, ok: dict[str, bool]) -> str:
    mark = webchat.mark
    rows = [
        f"网格通 Telegram webhook bench — {f['date']}, {f['cpus']} cores, {f['concurrency']} connections, "
        f"{f['seconds']:g} s window",
        f"  echo floor      {f['echo_rps']:8.0f} req/s",
        f"  webhook         {f['updates_per_s']:8.0f} updates/s ({f['updates']} acknowledged in the window)",
        f"  webhook / echo  {f['ratio']:8.2f}",
        f"  ack p50         {f['p50_ms']:8.1f} ms",
        f"  ack p99         {f['p99_ms']:8.1f} ms      target < {TARGETS['p99_ms']:g} ms     {mark(ok['p99_ms'])}",
        f"  tickets         {f['tickets_total']:8d}         vs {f['complaints_sent']} complaints sent   "
        f"{mark(ok['tickets'])}",
        f"  sent to Telegram {f['sent_to_telegram']:7d}         messages by the end (rate-limited: ~20/min a group)",
        f"  chatter writes  {f['message_ids_kept'] - f['complaints_sent'] - f['offers']:8d}         "
        f"message ids kept beyond the {f['complaints_sent']} complaints and {f['offers']} offers "
        f"({f['message_ids_kept']} of {f['updates_sent']} updates)   {mark(ok['chatter_writes'])}",
        f"  residents kept  {f['residents_kept']:8d}         of 400 writing (only those whose message was taken)",
    ]
    if f["bot_log_trouble"]:
        rows.append(f"  note: {f['bot_log_trouble']} error-looking lines in the bot's log, first ones:")
        rows += ["    " + line[:200] for line in f["bot_log_samples"]]
    return "\n".join(rows)


def run(args: argparse.Namespace) -> dict:
    figures = figures_of(*webchat.between_floors(args, "wgt-bench-tg-", bench_webhook), args)
    figures["pass"] = verdicts(figures)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = webchat.parse_args(argv)
    path = args.json.with_name(args.json.stem + "-telegram" + args.json.suffix) if args.json else None
    return webchat.conclude(args, run, report, path)


if __name__ == "__main__":
    sys.exit(main())
