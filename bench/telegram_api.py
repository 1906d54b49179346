"""The stand-in Telegram Bot API server (tests/fakes/telegram_api.py) as a process, for the Telegram bench.

Run as `python -m bench.telegram_api --port P`; it listens on 127.0.0.1 only and answers getMe, setWebhook,
sendMessage… as Telegram would. `GET /healthz` answers once it is up; `GET /stats` gives how many messages
it was sent, and `GET /sent[?chat_id=N]` the messages themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from aiohttp import web

from tests.fakes.telegram_api import DEFAULT_TOKEN, FakeTelegramAPI


async def serve(port: int, enforce_limits: bool = False) -> None:
    fake = FakeTelegramAPI(enforce_limits=enforce_limits)
    arrivals: list[float] = []  # wall-clock time of each message taken, for the campaigns bench

    original = fake._send_message

    async def timed_send(params):
        message = await original(params)
        arrivals.append(time.time())
        return message

    fake._handlers["sendmessage"] = ("sendMessage", timed_send)

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def stats(_request: web.Request) -> web.Response:
        return web.json_response(
            {
                "sendMessage": len(fake.sent_messages()),
                "calls": len(fake.calls),
                "refused_for_limits": fake.refused_for_limits,
                "first_sent": arrivals[0] if arrivals else None,
                "last_sent": arrivals[-1] if arrivals else None,
                "max_in_a_second": _max_in_window(arrivals, 1.0),
            }
        )

    async def sent(request: web.Request) -> web.Response:
        chat = request.query.get("chat_id")
        try:
            messages = fake.sent_messages(int(chat) if chat else None)
        except ValueError:
            return web.json_response({"error": "chat_id must be a number"}, status=400)
        return web.json_response({"messages": messages}, dumps=lambda v: json.dumps(v, ensure_ascii=False))

    fake.app.router.add_get("/healthz", healthz)
    fake.app.router.add_get("/stats", stats)
    fake.app.router.add_get("/sent", sent)
    await fake.start(port=port)
    await asyncio.Event().wait()  # until the bench stops the process


def _max_in_window(times: list[float], seconds: float) -> int:
    """The most messages that arrived within any `seconds` (a check on the limit the stand-in enforces)."""
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--enforce-limits", action="store_true", help="answer 429 beyond Telegram's limits")
    args = parser.parse_args()
    print(f"fake Telegram Bot API on 127.0.0.1:{args.port}, token {DEFAULT_TOKEN}", flush=True)
    asyncio.run(serve(args.port, args.enforce_limits))


if __name__ == "__main__":
    main()
