"""Two processes handling the same thing at once: the database's unique keys and locks decide, not luck.

Each "process" here is a separate engine (its own connections) on its own thread, on SQLite and PostgreSQL.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from bot.channels.webchat import Posted
from bot.config import Settings
from bot.wiring import build_services
from storage.engine import make_engine
from storage.models import Ticket, TicketEvent


@pytest.fixture
def bots(database_url, clock):
    """Several independent bots on one database, as several processes would be."""
    made = []

    def make(n: int):
        made.extend(build_services(Settings(), make_engine(database_url), clock) for _ in range(n))
        return made[-n:]

    yield make
    for services in made:
        services.close()
        services.engine.dispose()


def run_together(calls):
    with ThreadPoolExecutor(len(calls)) as pool:
        return [f.result() for f in [pool.submit(call) for call in calls]]


def tickets(engine) -> list[Ticket]:
    with Session(engine) as session:
        return list(session.exec(select(Ticket)))


def test_the_same_message_twice_at_once_makes_one_ticket(database_url, bots):
    first, *others = bots(4)
    posted = Posted("g_tx1", "r_a", "阿", "报事 3号楼楼道灯坏了", client_id="same")
    results = run_together([lambda b=b: b.dispatcher.handle(b.webchat.to_inbound(posted)) for b in [first, *others]])
    assert sorted(r.duplicate for r in results) == [False, True, True, True]
    assert len(tickets(first.engine)) == 1


def test_a_double_tapped_offer_makes_one_ticket(database_url, bots):
    first, *others = bots(4)
    first.dispatcher.handle(first.webchat.to_inbound(Posted("g_tx1", "r_a", "阿", "7号楼电梯一直有异响，坐着心里发毛")))
    taps = [Posted("g_tx1", "r_a", "阿", button_data="offer:1") for _ in others]
    run_together(
        [lambda b=b, t=t: b.dispatcher.handle(b.webchat.to_inbound(t)) for b, t in zip(others, taps, strict=True)]
    )
    assert len(tickets(first.engine)) == 1


def test_two_resolutions_at_once_apply_once(database_url, bots):
    first, *others = bots(3)
    first.dispatcher.handle(first.webchat.to_inbound(Posted("g_tx1", "r_a", "阿", "报事 3号楼楼道灯坏了")))
    commands = [Posted("dm:w_zhang", "w_zhang", "张", "办结 1 好了") for _ in others]
    run_together(
        [lambda b=b, c=c: b.dispatcher.handle(b.webchat.to_inbound(c)) for b, c in zip(others, commands, strict=True)]
    )
    with Session(first.engine) as session:
        types = [e.type for e in session.exec(select(TicketEvent).order_by(TicketEvent.id))]
    assert types.count("resolved") == 1
