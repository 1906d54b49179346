"""Group commit (bot.runner, storage.database): messages waiting together share one transaction, a savepoint each."""

from __future__ import annotations

import asyncio
import functools
import re
import threading
from contextlib import contextmanager

import pytest
from sqlmodel import Session, select

from bot.channels.webchat import Posted
from bot.config import Settings
from bot.dispatch.router import Chat, Router
from bot.runner import DbRunner
from bot.wiring import build_services
from handlers.features import ROUTERS
from storage.models import ProcessedMessage, Ticket, WebchatMessage


async def run_as_one_batch(runner: DbRunner, calls) -> list:
    """Queue `calls` (grouped) while the worker is held by another job, so it takes them in one batch."""
    started, release = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        release.wait(5)

    holding = asyncio.ensure_future(runner.run(hold))
    await asyncio.to_thread(started.wait, 5)
    tasks = [asyncio.ensure_future(runner.run_grouped(call)) for call in calls]
    await asyncio.sleep(0)  # one turn of the loop: each task puts its job on the queue
    release.set()
    await holding
    return await asyncio.gather(*tasks, return_exceptions=True)


async def test_a_batch_runs_in_one_group_and_is_answered_only_after_its_commit():
    log: list = []

    @contextmanager
    def group():
        log.append("begin")
        yield
        log.append("commit")

    runner = DbRunner(group=group)
    try:
        results = await run_as_one_batch(runner, [lambda n=n: log.append(n) or (n, list(log)) for n in (1, 2, 3)])
    finally:
        runner.close()
    assert log == ["begin", 1, 2, 3, "commit"]
    assert [n for n, _ in results] == [1, 2, 3]
    assert all(seen[-1] != "commit" for _, seen in results)  # ran inside the group…
    assert "commit" in log  # …and were handed back after it


async def test_when_the_shared_commit_fails_every_message_in_the_group_gets_the_error():
    @contextmanager
    def group():
        yield
        raise OSError("disk full")

    runner = DbRunner(group=group)
    try:
        results = await run_as_one_batch(runner, [lambda: "a", lambda: "b"])
        alone = await runner.run(lambda: "not grouped")
    finally:
        runner.close()
    assert all(isinstance(r, OSError) for r in results)
    assert alone == "not grouped"


@pytest.fixture
def services(engine, clock):
    services = build_services(Settings(), engine, clock)
    yield services
    services.close()


def dispatcher_with(first_route, engine, clock):
    """The bot's own dispatcher with one more route in front, to make a message fail in a chosen way."""
    services = build_services(Settings(), engine, clock, routers=(first_route, *ROUTERS))
    services.db.close()  # these tests drive the dispatcher on their own thread
    return services.dispatcher, services.webchat


def route_for(text: str, handler) -> Router:
    """A router whose one route takes the message `text` (or one starting with it) before any other."""
    router = Router("failing")
    router.text(chats=Chat.ANY, when=lambda ctx: ctx.inbound.text.startswith(text))(handler)
    return router


A, B = "报事 3号楼楼道灯坏了", "报修 5号楼电梯不动了"


def handle_in_one_group(dispatcher, webchat, texts: dict[str, str]) -> tuple[dict, Exception | None]:
    """Messages (client id → text) from one resident in g_tx1, handled in one group: what each gave (a Handled
    or the exception it raised), and what the group itself raised at its end."""
    outcomes: dict = {}
    try:
        with dispatcher.group():
            for key, text in texts.items():
                posted = Posted("g_tx1", "r_a", "阿", text, client_id=key)
                try:
                    line = webchat.posted_line(posted, dispatcher.clock.now())
                    record = functools.partial(lambda line, store: store.webchat_log.append([line]), line)
                    outcomes[key] = dispatcher.handle(webchat.to_inbound(posted), record=record)
                except Exception as error:
                    outcomes[key] = error
    except Exception as error:
        return outcomes, error
    finally:
        dispatcher.close()
    return outcomes, None


def kept(engine) -> tuple[list[str], set[str]]:
    """The tickets' source keys and the message ids taken, as committed."""
    with Session(engine) as session:
        tickets = [t.source_key for t in session.exec(select(Ticket).order_by(Ticket.id))]
        return tickets, set(session.exec(select(ProcessedMessage.message_id)))


def explode(ctx) -> None:
    """A route that writes (a ticket) and then fails, for the message "boom 3号楼…"."""
    from handlers.complaints.router import open_ticket

    open_ticket(ctx, ctx.analyzer.analyze(ctx.inbound.text, as_report=True), ctx.inbound.text, "boom")
    raise RuntimeError("handler bug")


def test_in_a_group_a_failing_message_is_undone_alone(services, engine, clock):
    dispatcher, webchat = dispatcher_with(route_for("boom", explode), engine, clock)
    outcomes, failed = handle_in_one_group(dispatcher, webchat, {"a": A, "b": "boom 3号楼2单元水管漏水", "c": B})
    assert failed is None and not outcomes["a"].duplicate and not outcomes["c"].duplicate
    assert isinstance(outcomes["b"], RuntimeError) and "handler bug" in str(outcomes["b"])
    tickets, seen = kept(engine)
    assert tickets == ["webchat:g_tx1:text:a", "webchat:g_tx1:text:c"]
    assert {"g_tx1:text:a", "g_tx1:text:c"} <= seen and "g_tx1:text:b" not in seen  # b can be taken again, whole
    with Session(engine) as session:
        log = session.exec(select(WebchatMessage).where(WebchatMessage.chat == "g_tx1").order_by(WebchatMessage.seq))
        assert [line.text for line in log][:1] == [A]


async def test_many_messages_at_once_each_get_their_own_answer(bot):
    complaints = [f"报事 {b}号楼楼道灯坏了" for b in (1, 2, 3, 5, 6)]
    chatter = ["收到", "今天天气不错", "谢谢", "好的", "辛苦了"] * 3
    texts = complaints + chatter
    answers = await asyncio.gather(
        *(bot.say("g_tx1", f"r_many{i}", text, id=f"many-{i}") for i, text in enumerate(texts))
    )
    for text, answer in zip(texts, answers, strict=True):
        group = [r["text"] for r in answer["replies"] if r["chat"] == "g_tx1"]
        if text.startswith("报事"):
            assert len(group) == 1 and "工单 #" in group[0]
        else:
            assert answer["replies"] == []
    groups = [r["text"] for a in answers[:5] for r in a["replies"] if r["chat"] == "g_tx1"]
    numbers = sorted(int(re.search(r"工单 #(\d+)", text).group(1)) for text in groups)
    assert numbers == [1, 2, 3, 4, 5]
    listed = await bot.client.get("/api/tickets?limit=1", headers=bot.auth)
    assert (await listed.json())["total"] == 5


def break_the_orm(ctx) -> None:
    """A route whose ORM flush fails (a row naming a person who does not exist), for the message "clash"."""
    from storage.models import ComplaintOffer

    offer = ComplaintOffer(chat="g_tx1", platform="webchat", reporter_id="nobody", text="x", created_at=ctx.clock.now())
    ctx.store._orm.add(offer)
    ctx.store._orm.flush()


def test_in_a_group_a_failed_orm_flush_undoes_only_its_own_message(services, engine, clock):
    from sqlalchemy.exc import IntegrityError

    dispatcher, webchat = dispatcher_with(route_for("clash", break_the_orm), engine, clock)
    outcomes, failed = handle_in_one_group(dispatcher, webchat, {"a": A, "b": "clash", "c": B})
    assert failed is None and not outcomes["a"].duplicate and not outcomes["c"].duplicate
    assert isinstance(outcomes["b"], IntegrityError)
    tickets, seen = kept(engine)
    assert len(tickets) == 2, "the messages before and after the failure are kept"
    assert {"g_tx1:text:a", "g_tx1:text:c"} <= seen and "g_tx1:text:b" not in seen


def end_the_transaction_behind_sqlalchemys_back(ctx) -> None:
    """What SQLite does by itself on a full disk: the transaction ends, and SQLAlchemy is not told."""
    cursor = ctx.store._connection.connection.dbapi_connection.cursor()
    cursor.execute("ROLLBACK")
    cursor.close()


def test_a_group_whose_transaction_ended_underneath_keeps_nothing_and_says_so(services, engine, clock):
    dispatcher, webchat = dispatcher_with(
        route_for("disk full", end_the_transaction_behind_sqlalchemys_back), engine, clock
    )
    outcomes, failed = handle_in_one_group(dispatcher, webchat, {"a": A, "b": "disk full", "c": B})
    assert isinstance(failed, RuntimeError) and "rolled back" in str(failed)
    assert [k for k, o in outcomes.items() if isinstance(o, Exception)] == ["b", "c"], (
        "nothing more is taken once the transaction is gone"
    )
    assert kept(engine)[0] == [], "all or nothing: and every message is told it failed"


def read_then_fail(ctx) -> None:
    """A route that used the ORM session (its own savepoint inside the message's) and then fails."""
    ctx.store.tickets.get(1)
    raise RuntimeError("handler bug after an ORM read")


def test_in_a_group_a_message_failing_after_an_orm_read_is_undone_alone(services, engine, clock):
    dispatcher, webchat = dispatcher_with(route_for("oops", read_then_fail), engine, clock)
    outcomes, failed = handle_in_one_group(dispatcher, webchat, {"a": A, "b": "oops 3号楼", "c": B})
    assert failed is None and isinstance(outcomes["b"], RuntimeError), "its own error, not the savepoint's"
    assert len(kept(engine)[0]) == 2, "the messages before and after it are kept"


def test_a_private_message_meeting_a_twin_is_run_again_and_answered(engine, clock):
    """A unique-key clash (another process committed a twin first) after the session was opened: the unit is
    undone and the message runs again, whole (here the second run finds no clash)."""
    from sqlalchemy.exc import IntegrityError

    from tests.factories import inbound

    runs: list[int] = []

    def clash_once(ctx) -> None:
        runs.append(1)
        ctx.store.tickets.get(1)
        if len(runs) == 1:
            raise IntegrityError("INSERT …", {}, Exception("duplicate key (a twin from another process)"))
        ctx.reply("第二次")

    dispatcher, _ = dispatcher_with(route_for("twin", clash_once), engine, clock)
    try:
        with dispatcher.group():
            handled = dispatcher.handle(inbound("twin 灯坏了", chat=None, user="r_twin"))
    finally:
        dispatcher.close()
    assert len(runs) == 2 and [line["text"] for line in handled.delivered] == ["第二次"]


class LostARace(Exception):
    """What psycopg raises for a deadlock's victim (its SQLSTATE is what tells it apart)."""

    sqlstate = "40P01"


async def test_a_grouped_message_that_loses_a_race_for_locks_runs_again_alone(engine, clock):
    """Two processes' groups can each hold what the other waits for; the database fails one. Run again inside
    its group it would wait on the same locks, so it runs again alone once the group has let them go."""
    from tests.factories import inbound

    runs: list[bool] = []

    def deadlock_once(ctx) -> None:
        runs.append(services.database.grouped())
        if len(runs) == 1:
            raise LostARace("deadlock detected")
        ctx.reply("第二次")

    services = build_services(Settings(), engine, clock, routers=(route_for("race", deadlock_once), *ROUTERS))
    try:
        others = [inbound(f"报事 {n}号楼楼道灯坏了", user=f"r_{n}") for n in (1, 2)]
        results = await run_as_one_batch(
            services.db,
            [
                functools.partial(services.dispatcher.handle, message)
                for message in [others[0], inbound("race 灯"), others[1]]
            ],
        )
    finally:
        services.close()
    assert runs == [True, False], "in the group first, then alone"
    assert not any(isinstance(r, BaseException) for r in results)
    assert [line["text"] for line in results[1].delivered] == ["第二次"]
    tickets, _ = kept(engine)
    assert len(tickets) == 2, "the group's other messages were kept"
