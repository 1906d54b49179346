"""The load generator: N connections posting JSON for a fixed time, run in its own process.

Run as `python -m bench.loadgen --url URL --seconds S …`; it prints progress to stderr and one JSON
line of results to stdout.  The same code drives the echo floor and the bot, so the two figures
differ only by the server.  Only 127.0.0.1 URLs are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

from bench.traffic import TELEGRAM_GROUPS, Traffic, telegram_update

MAX_ERROR_SAMPLES = 5


@dataclass
class Tally:
    """What the workers saw. Requests finishing inside the measured window count for the figures."""

    window_start: float
    window_end: float
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    complaints_ok_total: int = 0  # warm-up included: what the ticket count must equal
    complaints_ok_window: int = 0
    complaints_silent: int = 0  # complaints answered with no reply at all
    errors: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    last_end: float = 0.0

    def error(self, key: str, sample: str) -> None:
        self.errors[key] += 1
        if len(self.error_samples) < MAX_ERROR_SAMPLES:
            self.error_samples.append(sample[:300])


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def check_reply(kind: str, sent: dict, answer: object) -> str | None:
    """None if the answer is what the server should say, else what is wrong with it."""
    if kind == "echo":
        return None if answer == sent else "echo differs from the body sent"
    if kind == "telegram":
        return None if answer == {} else "webhook answer is not {}"
    if not isinstance(answer, dict) or not isinstance(answer.get("replies"), list) or "id" not in answer:
        return "answer is not {id, replies: [...]}"
    return None


async def one_request(session: aiohttp.ClientSession, url: str, kind: str, traffic: Traffic, tally: Tally):
    message = traffic.next()
    body = telegram_update(message, traffic.seq) if kind == "telegram" else message.body
    tally.sent += 1
    started = time.perf_counter()
    try:
        async with session.post(url, json=body) as response:
            raw = await response.read()
            status = response.status
    except (TimeoutError, aiohttp.ClientError) as exc:
        tally.error(type(exc).__name__, f"{type(exc).__name__}: {exc} for {message.body}")
        return
    ended = time.perf_counter()
    tally.last_end = max(tally.last_end, ended)
    if status != 200:
        tally.error(f"HTTP {status}", f"HTTP {status} {raw[:200]!r} for {message.body}")
        return
    try:
        answer = json.loads(raw)
    except ValueError:
        answer = None
    problem = check_reply(kind, body, answer)
    if problem:
        tally.error("bad answer", f"{problem}: {raw[:200]!r}")
        return
    in_window = tally.window_start <= ended <= tally.window_end
    if in_window:
        tally.latencies.append(ended - started)
    if message.is_complaint:
        tally.complaints_ok_total += 1
        tally.complaints_ok_window += in_window
        tally.complaints_silent += kind == "webchat" and not answer["replies"]


async def worker(session, url: str, kind: str, traffic: Traffic, tally: Tally, max_requests: int) -> None:
    while time.perf_counter() < tally.window_end and tally.sent < max_requests:
        await one_request(session, url, kind, traffic, tally)


async def run(args: argparse.Namespace) -> dict:
    groups = tuple(TELEGRAM_GROUPS) if args.kind == "telegram" else None
    traffic = Traffic(tag=f"{args.kind}-{os.getpid()}-{int(time.time())}", seed=args.seed, **_groups(groups))
    start = time.perf_counter()
    tally = Tally(window_start=start + args.warmup, window_end=start + args.warmup + args.seconds)
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=args.timeout)
    headers = {"X-Telegram-Bot-Api-Secret-Token": args.secret} if args.secret else None
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers) as session:
        workers = [
            asyncio.create_task(worker(session, args.url, args.kind, traffic, tally, args.max_requests))
            for _ in range(args.concurrency)
        ]
        await report_progress(tally, args)
        await asyncio.gather(*workers)
    return summarise(tally, args)


def _groups(groups: tuple[str, ...] | None) -> dict:
    return {"groups": groups} if groups else {}


async def report_progress(tally: Tally, args: argparse.Namespace) -> None:
    log(f"  warm-up {args.warmup:g} s…")
    await asyncio.sleep(max(0.0, tally.window_start - time.perf_counter()))
    log(f"  measuring {args.seconds:g} s with {args.concurrency} connections…")
    while time.perf_counter() < tally.window_end and tally.sent < args.max_requests:
        await asyncio.sleep(min(2.0, max(0.0, tally.window_end - time.perf_counter())))
        log(f"  … {tally.sent} sent, {len(tally.latencies)} measured, {sum(tally.errors.values())} errors")


def summarise(tally: Tally, args: argparse.Namespace) -> dict:
    # If the request cap stopped the run early, the window is as long as the last answer in it.
    window = min(args.seconds, max(1e-9, min(tally.last_end, tally.window_end) - tally.window_start))
    latencies = sorted(tally.latencies)
    ms = [x * 1000 for x in latencies]
    return {
        "kind": args.kind,
        "concurrency": args.concurrency,
        "seconds": round(window, 3),
        "sent": tally.sent,
        "measured": len(latencies),
        "rps": len(latencies) / window,
        "p50_ms": percentile(ms, 0.50),
        "p90_ms": percentile(ms, 0.90),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": ms[-1] if ms else float("nan"),
        "complaints_ok_total": tally.complaints_ok_total,
        "complaints_ok_window": tally.complaints_ok_window,
        "complaints_silent": tally.complaints_silent,
        "errors": dict(tally.errors),
        "error_samples": tally.error_samples,
        "capped": tally.sent >= args.max_requests,
    }


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--kind", choices=("echo", "webchat", "telegram"), required=True)
    parser.add_argument("--secret", help="Telegram webhook secret header to send (kind telegram)")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=10.0, help="per request, seconds")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)
    if urlsplit(args.url).hostname != "127.0.0.1":
        parser.error("the load generator only targets 127.0.0.1")
    return args


def main(argv: list[str] | None = None) -> None:
    print(json.dumps(asyncio.run(run(parse_args(argv))), ensure_ascii=False))


if __name__ == "__main__":
    main()
