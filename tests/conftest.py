"""Shared fixtures: a fixed clock, a migrated database with the demo roster (SQLite always, PostgreSQL when
DATABASE_URL points at one), and the real aiohttp server on a port."""

from __future__ import annotations

import itertools
import os
import shutil
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.clock import FixedClock
from bot.config import Settings
from bot.wiring import build_app, build_services
from storage.engine import make_engine, normalise_url
from storage.migrate import upgrade
from storage.roster import import_roster
from storage.roster_parse import load_roster
from tests.factories import START, Chat

ROOT = Path(__file__).resolve().parent.parent
DEMO_ROSTER = ROOT / "examples" / "roster-demo.yaml"
_counter = itertools.count()
TEMPLATE = f"wgt_template_{os.getpid()}"  # per run, so two runs on one server do not collide


def _pg_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return normalise_url(url) if url.startswith(("postgres://", "postgresql")) else None


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Migrated once and loaded with the demo roster; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    import_roster(engine, load_roster(DEMO_ROSTER))
    engine.dispose()  # closing the last connection checkpoints the WAL into the file we copy
    return path


@pytest.fixture(scope="session")
def pg_template():
    """A database migrated once and loaded with the demo roster, and a fresh copy of it for each test that asks."""
    url = _pg_url()
    if url is None:
        message = "PostgreSQL tests need DATABASE_URL=postgresql://…"
        if os.environ.get("REQUIRE_PG") == "1":
            pytest.fail(f"REQUIRE_PG=1 but {message}")
        pytest.skip(message)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE}"))
            connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    except Exception as error:
        if os.environ.get("REQUIRE_PG") == "1":
            pytest.fail(f"REQUIRE_PG=1 but PostgreSQL at {url} is not usable: {error}")
        pytest.skip(f"PostgreSQL not reachable: {error}")
    template_url = make_url(url).set(database=TEMPLATE).render_as_string(hide_password=False)
    engine = make_engine(template_url)
    upgrade(engine)
    import_roster(engine, load_roster(DEMO_ROSTER))
    engine.dispose()
    databases = _FreshDatabases(admin, url)
    try:
        yield databases
    finally:
        try:
            databases.close()
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE}"))
            admin.dispose()


class _FreshDatabases:
    """A fresh copy of the template for every test, made ahead and dropped after it on one background thread.

    Copying a database is the server's disk work (0.1-0.5 s each, with a checkpoint's fsyncs); done in the test's own
    time it was half of CI's wall clock (py-spy, stop 36), so it now overlaps the tests before it. One thread, so
    that two copies of the template never run at once."""

    AHEAD = 2

    def __init__(self, admin, server: str) -> None:
        self._admin, self._server = admin, server
        self._work = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-databases")
        self._ready: deque[Future[str]] = deque()
        self._dropped: list[Future[None]] = []
        self._fill()

    def take(self) -> str:
        """The URL of a database no test has used, waiting for its copy if it is not made yet."""
        name = self._ready.popleft().result()
        self._fill()
        return make_url(self._server).set(database=name).render_as_string(hide_password=False)

    def give_back(self, url: str) -> None:
        self._dropped.append(self._work.submit(self._drop, make_url(url).database))

    def close(self) -> None:
        """Drop the copies no test took, and fail the run if any drop failed (a database left on the server)."""
        for future in self._ready:
            if future.exception() is None:
                self._dropped.append(self._work.submit(self._drop, future.result()))
        self._work.shutdown(wait=True)
        failed = [str(future.exception()) for future in self._dropped if future.exception() is not None]
        assert not failed, f"test databases not dropped: {failed}"

    def _drop(self, name: str) -> None:
        self._run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _fill(self) -> None:
        while len(self._ready) < self.AHEAD:
            self._ready.append(self._work.submit(self._create))

    def _create(self) -> str:
        name = f"wgt_test_{os.getpid()}_{next(_counter)}"
        self._run(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return name

    def _run(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    databases = request.getfixturevalue("pg_template")
    url = databases.take()
    yield url
    databases.give_back(url)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@dataclass
class Bot:
    """The running server and a client for it, with helpers that speak the web chat API."""

    client: object
    services: object
    clock: FixedClock

    @property
    def url(self) -> str:
        return str(self.client.make_url("")).rstrip("/")

    async def say(self, chat: str, user: str, text: str, name: str | None = None, id: str | None = None) -> dict:
        body = {"chat": chat, "user": user, "name": name or user, "text": text}
        if id is not None:
            body["id"] = id
        response = await self.client.post("/api/webchat/messages", json=body, headers=self.auth)
        assert response.status == 200, await response.text()
        return await response.json()

    async def tap(self, chat: str, user: str, data: str) -> dict:
        body = {"chat": chat, "user": user, "data": data}
        response = await self.client.post("/api/webchat/buttons", json=body, headers=self.auth)
        assert response.status == 200, await response.text()
        return await response.json()

    async def ticket(self, number: int) -> dict:
        response = await self.client.get(f"/api/tickets/{number}", headers=self.auth)
        assert response.status == 200, await response.text()
        return await response.json()

    auth: dict = None


def make_settings(**overrides) -> Settings:
    return Settings(**overrides)


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
async def bot(engine, clock, settings, aiohttp_client) -> Bot:
    # engine first: torn down last, after the app (and its database thread) has closed its connections
    services = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, services, with_scheduler=False))
    token = settings.admin_token
    return Bot(client, services, clock, auth={"Authorization": f"Bearer {token}"} if token else {})


@pytest.fixture
def chat(engine, clock):
    """The bot's dispatcher over the test database, driven message by message with no server."""
    driven = Chat(engine, clock)
    yield driven
    driven.close()


@pytest.fixture
async def live_server(bot) -> Bot:
    """The same running server, for tests that drive it from a browser (they use `.url`)."""
    return bot


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Skips in one line per reason (PostgreSQL or the browser not configured), not a line per test."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons: dict[str, int] = {}
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        terminalreporter.write_line(f"{count} skipped: {reason} (see README, Development)")
