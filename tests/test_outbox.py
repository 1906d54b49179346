"""The outbox: what was committed but not delivered before a crash is delivered after the restart."""

from functools import partial

import pytest
from sqlmodel import Session, select

from bot.channels.webchat import Posted
from bot.config import Settings
from bot.messages import Outbound
from bot.services import outbox
from bot.services.roster_view import load_roster_view
from bot.wiring import build_app, build_services
from scheduler.jobs import drain_outbox
from storage.engine import transaction
from storage.models import OutboxMessage

WEBCHAT = frozenset({"webchat"})


def roster_of(engine):
    with engine.connect() as connection:
        return load_roster_view(connection)


async def test_undelivered_messages_go_out_after_a_restart(engine, clock, aiohttp_client):
    """Rows committed but not delivered (a job queued them, then the process died) go out at start-up."""
    with transaction(engine) as session:
        notices = [Outbound("明晚7点议事会", chat="g_tx1"), Outbound("请核实工单 #1", person="w_zhang")]
        pending = outbox.enqueue(session, clock, notices, platforms=WEBCHAT, roster=roster_of(engine), origin="job:1")
        assert len(pending) == 2

    settings = Settings()
    restarted = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, restarted, with_scheduler=False))
    worker_log = await (await client.get("/api/webchat/messages?chat=dm:w_zhang")).json()
    group_log = await (await client.get("/api/webchat/messages?chat=g_tx1")).json()
    assert [m["text"] for m in worker_log["messages"] + group_log["messages"]] == ["请核实工单 #1", "明晚7点议事会"]
    assert await drain_outbox(restarted) == 0  # delivered once, never twice
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
    handled = services.dispatcher.handle(
        services.webchat.to_inbound(posted), record=partial(services.webchat.record, posted)
    )
    assert len(handled.delivered) == 3
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.origin == handled.origin)).all()
        assert len(rows) == 3 and all(row.sent_at is not None for row in rows)


async def test_drain_delivers_only_what_is_due(engine, clock, services):
    with transaction(engine) as session:
        rows = outbox.enqueue(
            session, clock, [Outbound("提醒", person="w_zhang")], platforms=WEBCHAT, roster=roster_of(engine)
        )
        outbox.mark_failed(rows[0], clock, "simulated failure")
    assert services.webchat.deliver_due() == []
    clock.advance(seconds=3)
    assert [line["text"] for line in services.webchat.deliver_due()] == ["提醒"]
