"""The outbox: what was committed but not delivered before a crash is delivered after the restart."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.channels.webchat import Posted
from bot.config import Settings
from bot.messages import Outbound
from bot.outbox.plan import plan
from bot.wiring import build_app, build_services
from scheduler.jobs import deliver_webchat
from storage.database import Database
from storage.models import OutboxMessage

WEBCHAT = frozenset({"webchat"})


def queue_without_delivering(engine, clock, notices: list[Outbound], origin: str = "job:1") -> None:
    """What a process leaves behind when it dies between storing rows and delivering them."""
    with Database(engine).unit() as store:
        rows = plan(
            notices,
            now=clock.now(),
            platforms=WEBCHAT,
            roster=store.roster(),
            addresses_of=store.accounts.addresses_of,
            origin=origin,
        )
        store.outbox.add(rows)


async def test_undelivered_messages_go_out_after_a_restart(engine, clock, aiohttp_client):
    """Rows committed but not delivered (a job queued them, then the process died) go out at start-up."""
    queue_without_delivering(
        engine, clock, [Outbound("明晚7点议事会", chat="g_tx1"), Outbound("请核实工单 #1", person="w_zhang")]
    )

    settings = Settings()
    restarted = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, restarted, with_scheduler=False))
    worker_log = await (await client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang")).json()
    group_log = await (await client.get("/api/webchat/messages?user=r_reader&chat=g_tx1")).json()
    assert [m["text"] for m in worker_log["messages"] + group_log["messages"]] == ["请核实工单 #1", "明晚7点议事会"]
    assert await deliver_webchat(restarted) == 0  # delivered once, never twice
    with Session(engine) as session:
        assert all(row.sent_at is not None for row in session.exec(select(OutboxMessage)))


@pytest.fixture
def services(engine, clock):
    built = build_services(Settings(), engine, clock)
    yield built
    built.close()


def test_a_message_and_its_replies_are_one_transaction(engine, services):
    """The web chat's delivery is part of the message's own commit: no state where a reply is owed."""
    posted = Posted("g_tx1", "r_a", "阿", "报事 3号楼楼道灯坏了", client_id="m-1")
    line = services.webchat.posted_line(posted, services.clock.now())
    handled = services.dispatcher.handle(
        services.webchat.to_inbound(posted), record=lambda store: store.webchat_log.append([line])
    )
    assert len(handled.delivered) == 3
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.origin == handled.origin)).all()
        assert len(rows) == 3 and all(row.sent_at is not None for row in rows)


async def test_drain_delivers_only_what_is_due(engine, clock, services):
    queue_without_delivering(engine, clock, [Outbound("提醒", person="w_zhang")])
    with Session(engine) as session:  # a failed attempt: due again in 2 s
        row = session.exec(select(OutboxMessage)).one()
        row.attempts, row.next_attempt_at = 1, clock.now() + timedelta(seconds=2)
        session.add(row)
        session.commit()
    assert await deliver_webchat(services) == 0
    clock.advance(seconds=3)
    assert await deliver_webchat(services) == 1


def test_a_said_once_message_reaches_a_web_chat_group_at_once_and_only_once(engine, services):
    """A row with a dedup key is delivered in its own unit of work when its key is new, and never again."""
    notice = [Outbound("本群尚未登记", chat="g_tx1", platform="webchat", once="notice")]
    outbox, first, again = services.outbox, None, None
    database = Database(engine)
    with database.unit() as store:
        first = outbox.put(store, store.roster(), notice)
    with database.unit() as store:
        again = outbox.put(store, store.roster(), notice)
    assert [line["text"] for line in first.delivered] == ["本群尚未登记"] and again.delivered == []
    with Session(engine) as session:
        assert len(session.exec(select(OutboxMessage)).all()) == 1
