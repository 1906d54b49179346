"""Conversation state behind one interface: the same behaviour in memory and in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.conversation import Conversation, MemoryConversations, State
from storage.database import Database
from tests.factories import START


@pytest.fixture(params=["memory", "database"])
def store(request, engine):
    """A ConversationStore, and a way to end its unit of work (the database's is per unit)."""
    if request.param == "memory":
        yield MemoryConversations()
        return
    with Database(engine).unit() as unit:
        yield unit.conversations


def state(name="complaints:place", minutes=10, **data) -> State:
    return State(name, START + timedelta(minutes=minutes), "webchat", data, expiry_notice="没等到回答")


def test_a_state_is_kept_per_chat_and_person(store):
    store.set("dm:r_a", "r_a", state(text="路灯不亮"))
    store.set("g_tx1", "r_a", state("meetings:guests"))
    assert store.get("dm:r_a", "r_a").data == {"text": "路灯不亮"}
    assert store.get("g_tx1", "r_a").name == "meetings:guests"
    assert store.get("dm:r_b", "r_b") is None


def test_setting_again_replaces_and_clearing_forgets(store):
    store.set("dm:r_a", "r_a", state(text="一"))
    store.set("dm:r_a", "r_a", state(text="二", asked_again=True))
    assert store.get("dm:r_a", "r_a").data == {"text": "二", "asked_again": True}
    store.clear("dm:r_a", "r_a")
    assert store.get("dm:r_a", "r_a") is None
    store.clear("dm:r_a", "r_a")  # clearing nothing is harmless


def test_expired_states_are_taken_once_with_what_to_say(store):
    store.set("dm:r_a", "r_a", state(minutes=5))
    store.set("dm:r_b", "r_b", state(minutes=20))
    assert store.take_expired(START + timedelta(minutes=4)) == []
    [gone] = store.take_expired(START + timedelta(minutes=6))
    assert (gone.chat, gone.person, gone.state.expiry_notice) == ("dm:r_a", "r_a", "没等到回答")
    assert store.take_expired(START + timedelta(minutes=6)) == []
    assert store.get("dm:r_b", "r_b") is not None


def test_a_conversation_sees_no_state_once_it_expired_on_the_clock(store):
    store.set("dm:r_a", "r_a", state(minutes=10))
    assert Conversation(store, "dm:r_a", "r_a", "webchat", START + timedelta(minutes=9)).state is not None
    late = Conversation(store, "dm:r_a", "r_a", "webchat", START + timedelta(minutes=10))
    assert late.state is None


def test_a_conversation_asks_and_finishes(store):
    talk = Conversation(store, "dm:r_a", "r_a", "webchat", START)
    talk.ask("complaints:place", minutes=10, data={"text": "灯坏了"})
    assert store.get("dm:r_a", "r_a").expires_at == START + timedelta(minutes=10)
    talk.finish()
    assert talk.state is None and store.get("dm:r_a", "r_a") is None
