"""The tables: organisation, people, chats, tickets, idempotency keys, outbox, web chat log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _time(**kw) -> object:
    return Field(sa_type=UTCDateTime, **kw)


# --- organisation -----------------------------------------------------------------------------


class Street(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Community(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    street_id: int = Field(foreign_key="street.id")


class Compound(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    community_id: int = Field(foreign_key="community.id")
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Grid(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    community_id: int = Field(foreign_key="community.id")
    head_id: str | None = Field(default=None, foreign_key="person.id")


class Building(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("compound_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    compound_id: int = Field(foreign_key="compound.id", index=True)
    number: int
    grid_id: int | None = Field(default=None, foreign_key="grid.id")


# --- people and roles -------------------------------------------------------------------------


class Person(SQLModel, table=True):
    """Anyone the bot knows: roster staff (ids like w_zhang), departments, and residents (r_…)."""

    id: str = Field(primary_key=True)
    name: str
    kind: str = "resident"  # staff | department | resident
    phone: str | None = None  # a work number the roster publishes (as on a grid's notice board); never a resident's


class RoleAssignment(SQLModel, table=True):
    """What a person is responsible for. `role` is one of ROLES in storage.roles."""

    __table_args__ = (UniqueConstraint("person_id", "role", "scope"),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    role: str
    # A readable scope key ("street:济北街道", "grid:同鑫第一网格") keeps the unique constraint simple.
    scope: str
    community_id: int | None = Field(default=None, foreign_key="community.id")
    grid_id: int | None = Field(default=None, foreign_key="grid.id")
    detail: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- chats and platform accounts ----------------------------------------------------------------


class Chat(SQLModel, table=True):
    """A resident group and what it is bound to (a grid, a compound or a community)."""

    id: str = Field(primary_key=True)
    name: str
    grid_id: int | None = Field(default=None, foreign_key="grid.id")
    compound_id: int | None = Field(default=None, foreign_key="compound.id")
    community_id: int | None = Field(default=None, foreign_key="community.id")
    # Labels a campaign can target (tag:老旧小区), from the roster's `tags: [老旧小区, 电动车多]`.
    tags: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


MIGRATED = "migrated:"  # PlatformAccount.bound_by of a group the platform moved: migrated:<the id it left>


class PlatformAccount(SQLModel, table=True):
    """A person's or a group's id on one platform (webchat, telegram, wecom, wecom_robot)."""

    __table_args__ = (UniqueConstraint("platform", "kind", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str
    kind: str  # user | chat
    external_id: str
    person_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    chat_id: str | None = Field(default=None, foreign_key="chat.id", index=True)
    # Who bound this group from the chat itself (绑定 g_…), or MIGRATED + the id it left when the platform moved
    # the group to a new id (storage.roster then skips that old id when the file still names it).
    bound_by: str | None = None
    # When the platform last refused to deliver to this user (they never started the bot, or blocked it).
    unreachable_since: datetime | None = _time(default=None)


# --- tickets ------------------------------------------------------------------------------------


class Ticket(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)  # the ticket number people see
    status: str = Field(index=True)
    category: str
    building: int | None = None
    unit: int | None = None
    room: str | None = None
    urgent: bool = False
    hazard: str | None = None  # what made it urgent: gas, fire, trapped… (bot.nlp.urgency)
    private: bool = False  # might be a dispute: its group hears nothing but its number
    reminded_at: datetime | None = _time(default=None)  # urgent and unaccepted: when its staff were told again
    text: str = Field(sa_type=Text)
    chat: str  # where it was reported: a group id or dm:<person id>
    platform: str
    compound_id: int | None = Field(default=None, foreign_key="compound.id")
    community_id: int | None = Field(default=None, foreign_key="community.id")
    grid_id: int | None = Field(default=None, foreign_key="grid.id", index=True)
    reporter_id: str = Field(foreign_key="person.id", index=True)
    assignee_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    # What made it ("webchat:g_tx1:42", "offer:7"): unique, so one message can never make two tickets,
    # even when two processes handle a retried message or a double-tapped button at once.
    source_key: str = Field(unique=True)
    created_at: datetime = _time()
    updated_at: datetime = _time()


class TicketEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    at: datetime = _time()
    type: str
    # (indexed: the tickets a person joined are found by their events, on every private message: stop 39)
    actor_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    note: str = Field(default="", sa_type=Text)


class ComplaintOffer(SQLModel, table=True):
    """A message that looked like a complaint; the reporter may tap to register it."""

    id: int | None = Field(default=None, primary_key=True)
    chat: str
    platform: str
    reporter_id: str = Field(foreign_key="person.id")
    text: str = Field(sa_type=Text)
    created_at: datetime = _time()
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")


# --- delivery and idempotency -------------------------------------------------------------------


class ProcessedMessage(SQLModel, table=True):
    """Platform message ids already handled: the unique key is what stops a retry making two tickets."""

    __table_args__ = (UniqueConstraint("platform", "message_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str
    message_id: str
    at: datetime = _time()
    # How a tap turned out when it was turned down or used its buttons up ({"refused", "tap_answer", "spent"}),
    # so that the same tap sent again (a retry after a lost answer) is answered the same way.
    outcome: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class OutboxMessage(SQLModel, table=True):
    """One message to one address on one platform; delivered by the outbox drain, at least once."""

    id: int | None = Field(default=None, primary_key=True)
    origin: str | None = Field(default=None, index=True)  # platform:message_id that caused it
    dedup_key: str | None = Field(default=None, unique=True)  # for broadcasts: one notice per group, once
    platform: str
    address_kind: str  # user (a private chat with a person) | chat (a group)
    address: str  # the platform's id of that user or group
    text: str = Field(sa_type=Text)
    buttons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _time()
    attempts: int = 0
    next_attempt_at: datetime = _time()
    sent_at: datetime | None = _time(default=None, index=True)
    error: str | None = None


class WebchatMessage(SQLModel, table=True):
    """The built-in web chat's conversation log: what residents typed and what the bot said."""

    seq: int | None = Field(default=None, primary_key=True)
    chat: str = Field(index=True)
    user: str
    name: str
    text: str = Field(sa_type=Text)
    buttons: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    at: datetime = _time()
    client_id: str | None = Field(default=None, unique=True)


class Conversation(SQLModel, table=True):
    """A question the bot asked one person in one chat, waiting for their answer there (bot.conversation)."""

    __table_args__ = (UniqueConstraint("chat", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    chat: str
    person_id: str
    platform: str
    state: str
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    expiry_notice: str | None = Field(default=None, sa_type=Text)
    expires_at: datetime = _time(index=True)


# --- meetings -----------------------------------------------------------------------------------


class Meeting(SQLModel, table=True):
    """A meeting announced in a group: who is coming is its answers; its reminders are rows of their own."""

    id: int | None = Field(default=None, primary_key=True)  # the meeting number people see
    chat: str = Field(index=True)  # the roster group it was announced to (its notices go to all its platforms)
    organiser_id: str = Field(foreign_key="person.id")
    topic: str
    place: str
    starts_at: datetime = _time(index=True)
    capacity: int | None = None  # people plus their guests; None: no limit
    all_parties: bool = False  # 五方汇谈: every invited party must be at the table
    status: str = "open"  # open | cancelled (answers close at starts_at whatever the status)
    # The message that announced it: unique, so one message never makes two meetings.
    source_key: str = Field(unique=True)
    created_at: datetime = _time()
    updated_at: datetime = _time()


class MeetingAnswer(SQLModel, table=True):
    """One person's latest answer to a meeting (参加 / 不参加 / 待定), with the guests they bring."""

    __table_args__ = (UniqueConstraint("meeting_id", "attendee"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    # Whose answer: a person id, or "代:<name>" for someone a worker signed up who has no account (代报名).
    attendee: str
    person_id: str | None = Field(default=None, foreign_key="person.id")
    name: str
    building: int | None = None  # from their name or their 接龙 line, for the 签到表
    answer: str  # yes | no | maybe
    guests: int = 0
    waitlisted: bool = False
    answered_at: datetime = _time()  # when this answer was given: a waitlist's order
    by_id: str | None = Field(default=None, foreign_key="person.id")  # the worker who answered for them


class MeetingInvite(SQLModel, table=True):
    """A party invited to a meeting (a department or a person in the roster), asked privately."""

    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    person_id: str = Field(foreign_key="person.id")
    answer: str | None = None  # yes | no | maybe; None: not answered yet
    answered_at: datetime | None = _time(default=None)


class MeetingReminder(SQLModel, table=True):
    """A reminder of a meeting, due at a time: sent once by the meetings:remind job, or skipped if the bot comes
    back more than an hour after it was due. Its key (meeting, kind) is its deterministic id."""

    __table_args__ = (UniqueConstraint("meeting_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    kind: str  # day_before | hour_before | nudge (invited parties who have not answered, 24 hours before)
    due_at: datetime = _time(index=True)
    done_at: datetime | None = _time(default=None)
    outcome: str | None = None  # sent | skipped (too late) | dropped (the meeting was cancelled)


# --- campaigns ----------------------------------------------------------------------------------


class Campaign(SQLModel, table=True):
    """A notice pushed to many groups on a schedule: a library's items in turn, or its own text.

    `next_fire` is the schedule's next nominal time; `next_due` is when it is to go out (after quiet hours). The
    campaigns job enqueues every campaign whose `next_due` has come, then moves both on."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    library: str | None = None  # anti_fraud | fire_safety; or None, and then `text`
    text: str | None = Field(default=None, sa_type=Text)
    schedule: dict = Field(sa_column=Column(JSON, nullable=False))  # {"at": ISO} | {"cron": "0 10 * * MON"}
    targets: list = Field(sa_column=Column(JSON, nullable=False))  # street | community:… | grid:… | group:… | tag:…
    respect_quiet_hours: bool = True
    skip_holidays: bool = False
    paused: bool = False
    removed_at: datetime | None = _time(default=None)  # removed: kept for the record of what was sent
    next_fire: datetime | None = _time(default=None)
    next_due: datetime | None = _time(default=None, index=True)
    created_at: datetime = _time()
    created_by: str | None = None  # api | cli, and who


class CampaignOccurrence(SQLModel, table=True):
    """One firing of a campaign: unique per nominal time, so it is enqueued once however often it is looked at."""

    __table_args__ = (UniqueConstraint("campaign_id", "fire_time"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    fire_time: datetime = _time()  # the schedule's time
    due_at: datetime = _time()  # after quiet hours
    outcome: str  # enqueued | skipped
    reason: str | None = None  # why skipped: late | holiday | no_groups
    item_key: str | None = None  # the library item it sent
    title: str | None = None
    groups: int = 0
    done_at: datetime = _time()


class CampaignDelivery(SQLModel, table=True):
    """One (campaign, occurrence, group, platform) delivery: unique, so nothing is ever sent twice. What became of
    it is its outbox row's (found by `outbox_key`, the row's dedup key)."""

    __table_args__ = (UniqueConstraint("occurrence_id", "chat_id", "platform"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    occurrence_id: int = Field(foreign_key="campaignoccurrence.id", index=True)
    chat_id: str = Field(index=True)
    platform: str
    outbox_key: str = Field(unique=True)
    enqueued_at: datetime = _time()
    acknowledged_at: datetime | None = _time(default=None)  # 收到 / 已读 in the group within 12 hours
