"""The outbox: what was committed but not delivered before a crash is delivered after the restart."""

from sqlmodel import Session, select

from bot.config import Settings
from bot.wiring import build_app, build_services
from scheduler.jobs import drain_outbox
from storage.models import OutboxMessage


async def test_undelivered_messages_go_out_after_a_restart(aiohttp_client, engine, clock):
    settings = Settings()
    before_crash = build_services(settings, engine, clock)
    inbound = before_crash.webchat.to_inbound(
        __import__("bot.channels.webchat", fromlist=["Posted"]).Posted(
            "g_tx1", "r_a", "阿", "报事 3号楼楼道灯坏了", "m-1"
        )
    )
    handled = before_crash.dispatcher.handle(inbound)  # committed; the process "dies" before delivery
    with Session(engine) as session:
        pending = session.exec(select(OutboxMessage).where(OutboxMessage.origin == handled.origin)).all()
        assert len(pending) == 3 and all(row.sent_at is None for row in pending)

    restarted = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, restarted, with_scheduler=False))
    worker_log = await (await client.get("/api/webchat/messages?chat=dm:w_zhang")).json()
    assert len(worker_log["messages"]) == 1 and "#1" in worker_log["messages"][0]["text"]
    assert await drain_outbox(restarted) == 0  # delivered once, never twice
    with Session(engine) as session:
        assert all(row.sent_at is not None for row in session.exec(select(OutboxMessage)))


async def test_drain_delivers_only_what_is_due(engine, clock):
    from bot.services import outbox
    from storage.engine import transaction

    services = build_services(Settings(), engine, clock)
    with transaction(engine) as session:
        rows = outbox.enqueue(
            session,
            clock,
            [__import__("bot.messages", fromlist=["Outbound"]).Outbound("提醒", person="w_zhang")],
            platforms=frozenset({"webchat"}),
        )
        outbox.mark_failed(rows[0], clock, "simulated failure")
    assert services.webchat.deliver_due() == []
    clock.advance(seconds=3)
    assert [line.text for line in services.webchat.deliver_due()] == ["提醒"]
