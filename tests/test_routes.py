"""Routers: features declare what they answer; the dispatcher tries commands, buttons, conversation replies,
free text and fallbacks in that order, and a message nobody takes costs nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from bot.dispatch.router import Chat, Phase, Router, Routes
from handlers.features import ROUTERS
from storage.models import Person, PlatformAccount, ProcessedMessage
from tests.factories import Chat as Driven
from tests.factories import inbound


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.exec(select(func.count()).select_from(t)).one() for t in (ProcessedMessage, Person, PlatformAccount)
        )


def test_the_table_is_in_phase_order_and_each_route_names_its_feature():
    table = Routes(ROUTERS).table()
    phases = [line.split()[0] for line in table]
    order = ["OBSERVE", *(phase.name for phase in Phase)]
    assert phases == sorted(phases, key=order.index), "observers, then events, commands, buttons, replies, text"
    assert any(line.split()[1] == "complaints" and "state=complaints:place" in line for line in table)


def test_a_command_word_may_mean_only_one_thing():
    one, two = Router("one", commands={"开会": "meet"}), Router("two", commands={"开会": "gather"})
    with pytest.raises(ValueError, match="开会"):
        Routes([one, two])
    with pytest.raises(ValueError, match="no words"):
        Router("three").command("nothing")


def test_group_chatter_on_a_platform_without_its_own_log_writes_nothing(chat, engine):
    """Ignoring a message twice is harmless, so only a message that causes something has its id stored; a
    resident met for the first time is remembered only then."""
    before = counts(engine)
    for n, text in enumerate(["今天天气不错", "收到", "哈哈哈", "谢谢网格员", "[图片]"]):
        said = chat.send(inbound(text, platform="telegram", chat="-1001000000001", user=f"55500{n}"))
        assert not said.taken and said.lines == []
    assert counts(engine) == before
    chat.send(inbound("报事 3号楼楼道灯坏了", platform="telegram", chat="-1001000000001", user="555000"))
    processed, people, accounts = counts(engine)
    assert (processed, people, accounts) == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_new_feature_is_one_router_and_one_line(engine, clock):
    """A toy feature that asks a question and takes the next message in that chat as its answer."""
    toy = Router("toy", commands={"投票": "vote", "/vote": "vote"})

    @toy.command("vote", chats=Chat.KNOWN)
    def ask(ctx) -> None:
        ctx.conversation.ask("toy:choice", minutes=5)
        ctx.reply("选哪个？A 还是 B")

    @toy.reply("toy:choice", chats=Chat.KNOWN)
    def answer(ctx) -> None:
        ctx.conversation.finish()
        ctx.reply(f"记下了：{ctx.inbound.text}")

    driven = Driven(engine, clock, routers=(*ROUTERS, toy))
    try:
        assert driven.send(inbound("/vote", chat="g_tx1")).to("g_tx1") == ["选哪个？A 还是 B"]
        other = driven.send(inbound("B", chat="g_tx1", user="r_other"))
        assert other.to("g_tx1") == [], "someone else's message is not the answer"
        assert driven.send(inbound("A", chat="g_tx1")).to("g_tx1") == ["记下了：A"]
        assert driven.send(inbound("A", chat="g_tx1")).to("g_tx1") == [], "answered once"
    finally:
        driven.close()


def test_an_unknown_group_hears_one_notice_and_nothing_else_is_taken(chat):
    first = chat.send(inbound("报事 3号楼楼道灯坏了", platform="webchat", chat="g_nobody_knows"))
    assert first.taken
    assert not chat.send(inbound("帮助", chat="g_nobody_knows")).lines, "said once, ever"


def test_a_group_moved_by_another_process_is_known_at_once(engine, clock):
    """Process A follows Telegram's move of a group to a new id; process B, whose roster snapshot predates it,
    looks again when the new id misses instead of taking the group for one nobody registered."""
    from dataclasses import replace

    from storage.models import Ticket

    a, b = Driven(engine, clock), Driven(engine, clock)
    try:
        for n, bot in enumerate((a, b)):
            bot.send(inbound("早上好", platform="telegram", chat="-1001000000001", user=f"555{n}"))
        moved = inbound("", platform="telegram", chat="-1009999999999", user="5550")
        assert a.send(replace(moved, moved_from="-1001000000001")).taken
        b.send(inbound("报事 3号楼楼道灯坏了", platform="telegram", chat="-1009999999999", user="5553"))
        with Session(engine) as session:
            assert [t.chat for t in session.exec(select(Ticket))] == ["g_tx1"]
        assert not any("尚未登记" in row.text for row in b.queued("telegram"))
    finally:
        a.close()
        b.close()
