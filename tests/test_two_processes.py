"""Two bot processes on one PostgreSQL never deadlock (issue 9 §5): a lost race is retried and answered.

Each "process" is a full set of services with its own engine, database thread and group commit, as two bot.py
processes would have; messages reach both at once, as Telegram's webhooks and a load balancer would send them.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import Session, select

from bot.channels.webchat import Posted
from bot.config import Settings
from bot.wiring import build_services
from storage.engine import make_engine
from storage.models import Ticket, TicketEvent

# Only on PostgreSQL: SQLite has one writer, so two processes never hold locks the other waits for.
pytestmark = [pytest.mark.pg, pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]


@pytest.fixture
def two(database_url, clock):
    made = [build_services(Settings(), make_engine(database_url), clock) for _ in range(2)]
    yield made
    for services in made:
        services.close()
        services.engine.dispose()


async def send(services, posted: Posted):
    webchat = services.webchat
    return await services.dispatch(webchat.to_inbound(posted))


@pytest.mark.parametrize("round_", range(5))
async def test_twenty_presses_of_one_rating_button_over_two_processes(two, round_):
    first = two[0]
    await send(first, Posted("g_tx1", "r_rate", "阿", "报事 3号楼楼道灯坏了"))
    await send(first, Posted("dm:w_zhang", "w_zhang", "张", "办结 1 好了"))
    presses = [
        send(two[n % 2], Posted("dm:r_rate", "r_rate", "阿", button_data="rate:1:yes", client_id=f"tap-{n}"))
        for n in range(20)
    ]
    results = await asyncio.gather(*presses, return_exceptions=True)
    assert [r for r in results if isinstance(r, BaseException)] == [], "every press is answered"
    with Session(first.engine) as session:
        assert session.exec(select(Ticket)).one().status == "closed"
        types = [e.type for e in session.exec(select(TicketEvent).where(TicketEvent.type == "rated"))]
    assert types == ["rated"], "rated once"


@pytest.mark.parametrize("round_", range(3))
async def test_new_residents_reporting_at_once_over_two_processes(two, round_):
    """Each process stores a resident it meets for the first time: both wait on the other's uncommitted rows."""
    reports = [
        send(
            two[n % 2],
            Posted("g_tx1", f"r_new{n % 8}", "新居民", f"报事 {n % 10 + 1}号楼楼道灯坏了", client_id=f"r-{n}"),
        )
        for n in range(40)
    ]
    results = await asyncio.gather(*reports, return_exceptions=True)
    assert [r for r in results if isinstance(r, BaseException)] == []
    with Session(two[0].engine) as session:
        assert len(session.exec(select(Ticket)).all()) == 40
