"""Campaigns bench: a notice enqueued to a city district's 10,000 groups, and delivered to 1,000 Telegram groups
at Telegram's pace.

1. Enqueue. A roster of 10,000 groups (each on the web chat and Telegram) is imported into a fresh SQLite
   database (and, with DATABASE_URL=postgresql://…, into PostgreSQL too). One occurrence of a street-wide
   campaign is fired the way the campaigns job fires it: the occurrence row, 20,000 outbox rows (the web chat's
   delivered at once, in the same unit of work) and 20,000 delivery rows, in one unit of work. Target: under
   2 s. The floor beside it is the same number of bare outbox rows written in one statement on the same
   database, in the same run.
2. Delivery. The bot runs as its own process (`bot.py run`, long polling) against the stand-in Telegram Bot API
   server run with --enforce-limits: it answers 429 with retry_after beyond 30 messages in any second, or 20 a
   minute to one group, counted as the requests arrive. A campaign to 1,000 Telegram groups is added with
   `bot.py campaign add --at` a few seconds ahead; the figure is the time from its enqueueing (the occurrence
   row's time) to the last message's arrival at the stand-in, against the theoretical minimum of 1,000 ÷ 30 s.
   Target: at most 1.05 × that, and no 429.

    .venv/bin/python -m bench.campaigns [--groups 10000] [--delivered 1000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import procs
from bench.telegram import start_fake_telegram
from bench.webchat import REPO, BenchFailed, say

TOKEN = "123456:TEST-token"  # the stand-in server's
TARGETS = {"enqueue_s": 2.0, "delivery_ratio": 1.05}
RATE = 30  # Telegram's messages a second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--delivered", type=int, default=1_000)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--seconds", type=float, help="(the other benches' option; not used here)")
    args, _ = parser.parse_known_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="wgt-campaigns-") as folder:
            workdir = Path(folder)
            results = {"enqueue": [enqueue(workdir, "sqlite", args.groups)]}
            pg = os.environ.get("DATABASE_URL", "")
            if pg.startswith("postgresql"):
                results["enqueue"].append(enqueue(workdir, pg, args.groups))
            results["delivery"] = delivery(workdir, args.delivered)
    except BenchFailed as error:
        print(f"bench could not run: {error}", file=sys.stderr)
        return 2
    passed = report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if passed else 1


# --- enqueueing ---------------------------------------------------------------------------------------


def enqueue(workdir: Path, where: str, groups: int) -> dict:
    from bot.clock import LOCAL_TZ, FixedClock
    from bot.config import Settings, TelegramSettings
    from bot.wiring import build_services
    from handlers.campaigns.service import CampaignService
    from scheduler.jobs import fire_campaign
    from storage.setup import prepared_engine
    from tests.factories import many_groups_roster

    url = f"sqlite:///{workdir / 'enqueue.db'}" if where == "sqlite" else _fresh_pg(where)
    roster = workdir / "roster.yaml"
    roster.write_text(many_groups_roster(groups), encoding="utf-8")
    say(f"importing a roster of {groups:,} groups into {_kind(url)} (takes a while)…")
    started = time.perf_counter()
    engine, _ = prepared_engine(url, str(roster))
    say(f"  imported in {time.perf_counter() - started:.1f} s")
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=LOCAL_TZ))
    settings = Settings(telegram=TelegramSettings(TOKEN, "http://127.0.0.1:9/bot"))
    services = build_services(settings, engine, clock)
    try:
        with services.database.unit() as store:
            service = CampaignService(store.campaigns, clock, store.roster())
            fields = {"name": "全街反诈", "library": "anti_fraud", "targets": ["street"],
                      "schedule": {"at": "2026-11-23T09:01:00+08:00"}}  # fmt: skip
            campaign_id = service.create(fields, "bench").id
        clock.advance(minutes=1)
        say(f"firing one occurrence to {groups:,} groups…")
        started = time.perf_counter()
        rows = fire_campaign(services, campaign_id)
        seconds = time.perf_counter() - started
        floor = _floor(services, rows)
    finally:
        services.close()
        engine.dispose()
    say(f"  {rows:,} outbox rows in {seconds:.3f} s (floor: the same rows bare in {floor:.3f} s)")
    return {"database": _kind(url), "groups": groups, "rows": rows, "seconds": seconds, "floor_seconds": floor}


def _floor(services, rows: int) -> float:
    """The same number of outbox rows, written bare in one statement on the same database (then undone)."""
    from storage.fast import insert_row
    from storage.models import OutboxMessage

    now = services.clock.now()
    bare = [{"origin": None, "dedup_key": None, "platform": "telegram", "address_kind": "chat", "address": str(i),
             "text": "x" * 200, "buttons": [], "created_at": now, "attempts": 0, "next_attempt_at": now,
             "sent_at": None, "error": None} for i in range(rows)]  # fmt: skip
    with services.engine.connect() as connection:
        started = time.perf_counter()
        insert_row(connection, OutboxMessage.__table__, bare)
        seconds = time.perf_counter() - started
        connection.rollback()
    return seconds


def _fresh_pg(url: str) -> str:
    from sqlalchemy import create_engine, text

    from storage.engine import normalise_url

    url = normalise_url(url)
    name = f"wgt_bench_campaigns_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


def _kind(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite"


# --- delivering ---------------------------------------------------------------------------------------


def delivery(workdir: Path, groups: int) -> dict:
    from tests.factories import many_groups_roster

    roster = workdir / "delivery-roster.yaml"
    roster.write_text(many_groups_roster(groups), encoding="utf-8")
    database = workdir / "delivery.db"
    fake, fake_port = start_fake_telegram(workdir, enforce_limits=True)
    bot = None
    try:
        port = procs.free_port()
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": f"sqlite:///{database}",
               "TELEGRAM_API_BASE_URL": f"http://{procs.HOST}:{fake_port}/bot", "PORT": str(port)}  # fmt: skip
        for name in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "ADMIN_TOKEN", "REDIS_URL"):
            env.pop(name, None)
        say(f"starting the bot with {groups:,} Telegram groups…")
        log_path = workdir / "bot.log"
        bot = procs.spawn([sys.executable, "bot.py", "run", "--roster", str(roster)], log_path, REPO, env)
        procs.wait_healthy(bot, f"http://{procs.HOST}:{port}/healthz", log_path, 120, time.perf_counter())
        at = (datetime.now().astimezone() + timedelta(seconds=8)).isoformat(timespec="seconds")
        added = subprocess.run(
            [sys.executable, "bot.py", "campaign", "add", "--name", "千群反诈", "--library", "anti_fraud", "--at", at,
             "--target", "street", "--no-quiet-hours"],
            cwd=REPO, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if added.returncode != 0:
            raise BenchFailed(f"campaign add failed: {added.stderr}")
        say(f"  {added.stdout.strip()}; waiting for all {groups:,} to arrive…")
        stats = _wait_for(fake_port, groups, timeout=groups / RATE * 3 + 60)
        enqueued = _enqueued_at(database)
    finally:
        if bot is not None:
            procs.stop(bot)
        procs.stop(fake)
    seconds = stats["last_sent"] - enqueued
    minimum = groups / RATE
    return {"groups": groups, "seconds": seconds, "minimum_seconds": minimum, "ratio": seconds / minimum,
            "refused_429": stats["refused_for_limits"], "max_in_a_second": stats["max_in_a_second"],
            "first_after_enqueue": stats["first_sent"] - enqueued}  # fmt: skip


def _wait_for(port: int, groups: int, timeout: float) -> dict:
    deadline, last_said = time.monotonic() + timeout, 0
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"http://{procs.HOST}:{port}/stats", timeout=5) as response:
            stats = json.loads(response.read())
        if stats["sendMessage"] >= groups:
            return stats
        if stats["sendMessage"] - last_said >= 200:
            last_said = stats["sendMessage"]
            say(f"  … {last_said:,} arrived")
        time.sleep(0.5)  # polling the stand-in's counter, not waiting on a scheduler
    raise BenchFailed(f"only {stats['sendMessage']} of {groups} messages arrived in {timeout:.0f} s")


def _enqueued_at(database: Path) -> float:
    with sqlite3.connect(database) as connection:
        (done,) = connection.execute("SELECT done_at FROM campaignoccurrence ORDER BY id LIMIT 1").fetchone()
    return datetime.fromisoformat(done).replace(tzinfo=UTC).timestamp()  # stored as naive UTC


# --- the report ---------------------------------------------------------------------------------------


def report(results: dict) -> bool:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    print(f"\n网格通 campaigns bench — {now}, {os.cpu_count()} cores")
    passed = True
    for item in results["enqueue"]:
        ok = item["seconds"] < TARGETS["enqueue_s"]
        passed &= ok
        print(f"  enqueue {item['groups']:,} groups ({item['database']}) {item['seconds']:6.3f} s   "
              f"target < {TARGETS['enqueue_s']:g} s   {'PASS' if ok else 'FAIL'}   "
              f"({item['rows']:,} rows; bare rows {item['floor_seconds']:.3f} s, "
              f"×{item['seconds'] / item['floor_seconds']:.1f})")  # fmt: skip
    d = results["delivery"]
    ok = d["ratio"] <= TARGETS["delivery_ratio"] and d["refused_429"] == 0
    passed &= ok
    print(f"  deliver {d['groups']:,} Telegram groups  {d['seconds']:6.1f} s   minimum {d['minimum_seconds']:.1f} s   "
          f"ratio {d['ratio']:.3f}   target ≤ {TARGETS['delivery_ratio']}   {'PASS' if ok else 'FAIL'}")  # fmt: skip
    print(f"    429s {d['refused_429']}, most in any second {d['max_in_a_second']}, first message "
          f"{d['first_after_enqueue']:.2f} s after enqueueing")  # fmt: skip
    return passed


if __name__ == "__main__":
    sys.exit(main())
