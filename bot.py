#!/usr/bin/env python3
"""网格通 command line: run the bot, import a roster, analyze messages."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import time

EPILOG = """examples:
  python bot.py run                                   web chat on http://127.0.0.1:8080, SQLite in ./wanggetong.db
  python bot.py run --roster examples/roster-demo.yaml --database-url postgresql://postgres@127.0.0.1/test
  python bot.py import-roster examples/roster-demo.yaml
  python bot.py analyze "3号楼2单元楼道灯坏了"
  python bot.py routes                                what the bot answers, in the order it tries
  python bot.py campaign add --name 每周反诈 --library anti_fraud --cron "0 10 * * MON" --target street
  echo '{"text": "十二栋电梯停了"}' | python bot.py analyze --jsonl

environment: PORT, HOST, DATABASE_URL, ROSTER, ADMIN_TOKEN (protects /api/ and allows a non-local host),
WEBCHAT=off (no built-in web chat), BOT_NAME; Telegram: TELEGRAM_BOT_TOKEN (switches it on),
TELEGRAM_API_BASE_URL, TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET (webhook; else long polling)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bot.py", description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="serve the bot (web chat, ticket API) until stopped")
    run.add_argument("--port", type=int, help="port to listen on (env PORT, default 8080)")
    run.add_argument("--host", help="address to listen on (env HOST, default 127.0.0.1)")
    run.add_argument("--database-url", help="SQLAlchemy URL (env DATABASE_URL, default sqlite:///wanggetong.db)")
    run.add_argument("--roster", help="roster YAML to import at start-up (env ROSTER)")

    imp = commands.add_parser("import-roster", help="load a roster YAML into the database (idempotent)")
    imp.add_argument("file", help="the roster file, e.g. examples/roster-demo.yaml")
    imp.add_argument("--database-url", help="SQLAlchemy URL (env DATABASE_URL)")

    analyze = commands.add_parser("analyze", help="print what the bot understands of a message, as JSON")
    analyze.add_argument("text", nargs="?", help="the message; omit with --jsonl")
    analyze.add_argument("--jsonl", action="store_true", help='read JSON lines with a "text" field from stdin')
    analyze.add_argument("--roster", help="roster whose compound names to recognise (default: the demo roster)")
    analyze.add_argument("--now", help="read times relative to this ISO 8601 moment (default: now)")

    commands.add_parser("routes", help="print what the bot answers, in the order it tries (for developers)")

    from bot.cli import campaigns as campaign_cli

    campaign_cli.add_parser(commands)

    args = parser.parse_args(argv)
    from bot import logs

    logs.configure()
    handlers = {
        "run": cmd_run, "import-roster": cmd_import, "analyze": cmd_analyze, "routes": cmd_routes,
        "campaign": cmd_campaign,
    }  # fmt: skip
    return handlers[args.command](args)


def cmd_run(args) -> int:
    from bot.config import ConfigError, settings_from

    started = time.monotonic()
    try:
        settings = settings_from(port=args.port, host=args.host, database_url=args.database_url, roster=args.roster)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    engine = _prepared_engine(settings.database_url, settings.roster)
    if engine is None:
        return 2
    return asyncio.run(_serve(settings, engine, started))


async def _serve(settings, engine, started: float) -> int:
    from aiohttp import web

    from bot.channels import ChannelStartError
    from bot.clock import SystemClock
    from bot.web.app import runner_options
    from bot.wiring import build_app, build_services

    services = build_services(settings, engine, SystemClock())
    runner = web.AppRunner(build_app(settings, services), **runner_options())
    try:
        await runner.setup()
    except ChannelStartError as error:
        print(f"error: {error}", file=sys.stderr)
        await runner.cleanup()
        return 2
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
    except OSError as error:
        print(f"error: cannot listen on {settings.host}:{settings.port}: {error.strerror}", file=sys.stderr)
        await runner.cleanup()
        return 2
    url = f"http://{settings.host}:{settings.port}"
    what = f"web chat on {url}/" if settings.webchat else f"API on {url}/ (web chat off)"
    if settings.telegram is not None:
        how = "webhook " + settings.telegram.webhook_url if settings.telegram.uses_webhook else "long polling"
        what += f", Telegram by {how}"
    print(f"网格通 ready in {time.monotonic() - started:.1f}s: {what}  (Ctrl+C to stop)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    try:
        await stop.wait()
    finally:
        print("网格通 stopping…", flush=True)
        await runner.cleanup()
    return 0


def _prepared_engine(database_url: str, roster_path: str | None):
    """Engine with the schema upgraded and, if given, the roster imported; None after printing an error."""
    from storage.roster_file import RosterError
    from storage.setup import DatabaseUnusable, prepared_engine

    try:
        engine, report = prepared_engine(database_url, roster_path)
    except RosterError as error:
        print(f"error: roster not imported, nothing changed: {error}", file=sys.stderr)
        return None
    except DatabaseUnusable as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    if report is not None:
        changes = ", ".join(f"{n} {table}" for table, n in sorted(report.changes.items())) or "no changes"
        print(f"roster {roster_path}: {changes}", flush=True)
    return engine


def cmd_import(args) -> int:
    from bot.config import settings_from

    url = (
        args.database_url
        or settings_from(env={k: v for k, v in __import__("os").environ.items() if k == "DATABASE_URL"}).database_url
    )
    return 0 if _prepared_engine(url, args.file) is not None else 2


def cmd_analyze(args) -> int:
    from datetime import datetime

    from bot.clock import LOCAL_TZ, SystemClock
    from bot.nlp.analyzer import Analyzer
    from storage.roster_file import RosterError
    from storage.roster_parse import load_roster

    roster_path = args.roster or _default_roster()
    try:
        roster = load_roster(roster_path) if roster_path else None
        now = datetime.fromisoformat(args.now) if args.now else SystemClock().now()
    except RosterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError:
        print(f"error: --now {args.now!r} is not an ISO 8601 time like 2026-11-23T09:00+08:00", file=sys.stderr)
        return 2
    now = now if now.tzinfo else now.replace(tzinfo=LOCAL_TZ)
    compounds = {c.name: c.aliases for com in roster.communities for c in com.compounds} if roster else {}
    analyzer = Analyzer(compounds, ("网格通", "网格小助手"))
    if not args.jsonl:
        if args.text is None:
            print("error: give a TEXT or --jsonl", file=sys.stderr)
            return 2
        print(json.dumps(_public(analyzer.analyze(args.text, now=now)), ensure_ascii=False))
        return 0
    failures = 0
    out = sys.stdout
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        text = _text_of(line)
        if text is None:
            # Keep one output line per input line, so answers still pair with questions by position.
            failures += 1
            print(f"error: line {number} is not a JSON object with a string text field", file=sys.stderr)
            out.write(json.dumps({"error": f"line {number}: not a JSON object with a string text field"}) + "\n")
            continue
        out.write(json.dumps(_public(analyzer.analyze(text, now=now)), ensure_ascii=False) + "\n")
    return 1 if failures else 0


def cmd_campaign(args) -> int:
    from bot.cli import campaigns as campaign_cli
    from bot.config import ConfigError, settings_from

    try:
        settings = settings_from(database_url=args.database_url)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    engine = _prepared_engine(settings.database_url, None)
    if engine is None:
        return 2
    return campaign_cli.run(args, engine)


def cmd_routes(_args) -> int:
    from bot.dispatch.router import Routes
    from handlers.features import ROUTERS

    print("phase    feature      filters" + " " * 62 + "handler")
    for line in Routes(ROUTERS).table():
        print(line)
    return 0


def _text_of(line: str) -> str | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    text = value.get("text") if isinstance(value, dict) else None
    return text if isinstance(text, str) else None


def _public(analysis) -> dict:
    data = analysis.as_dict()
    data.pop("explicit")
    return data


def _default_roster() -> str | None:
    import os
    from pathlib import Path

    for candidate in (os.environ.get("ROSTER"), Path(__file__).parent / "examples" / "roster-demo.yaml"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


if __name__ == "__main__":
    sys.exit(main())
