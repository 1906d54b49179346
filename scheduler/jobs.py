"""Every periodic job, each with a fixed id, safe to run twice; tests call the job functions directly.

- outbox:webchat         every 5 s: web chat rows a crash left behind (or queued before the start)
- outbox:<platform>      every second: a remote platform's due rows (also woken at once by new rows)
- conversations:expire   every 30 s: questions nobody answered in time are forgotten, with a word if asked
- tickets:urgent         every 30 s: urgent tickets nobody accepted in 15 minutes, told again to the grid
                         head and the community's admins
- meetings:remind        every 30 s: meeting reminders that are due (24 hours and 1 hour before, and a nudge to
                         invited parties who have not answered); each is a row with a deterministic key (meeting,
                         kind), sent once, still sent if the bot was down when it fell due and is back within the
                         hour, skipped and logged if later
- campaigns:run          every 5 s, on the instance holding the schedule lock (PostgreSQL advisory lock; the
                         others try to take it over every CAMPAIGN_TAKEOVER_SECONDS): every campaign whose next
                         occurrence is due is fired, each occurrence once (a unique row, under a row lock on
                         its campaign), a missed one sent if less than an hour late and skipped and logged if later

Campaigns are not APScheduler jobs of their own: APScheduler's memory job store forgets them on a restart, and
its SQLAlchemy store cannot be shared by two running schedulers (APScheduler 3's own documentation). The
database holds each campaign's next time; APScheduler runs the one job that looks at it, and its CronTrigger
computes the times.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.messages import Here, Outbound
from bot.runtime import Services
from handlers.campaigns import notifications as campaign_notices
from handlers.campaigns.events import Fired
from handlers.campaigns.service import CampaignService
from handlers.complaints import placed
from handlers.complaints.service import Reports
from handlers.complaints.where import PLACE
from handlers.meetings import notifications as meeting_notices
from handlers.meetings.service import MeetingService
from handlers.tickets.notifications import messages_for
from handlers.tickets.service import TicketService

log = logging.getLogger(__name__)
NOWHERE = Here("", "", is_group=False)  # a job acts from no chat: nobody gets a confirmation
WEBCHAT_SECONDS = 5
CONVERSATIONS_SECONDS = 30
URGENT_SECONDS = 30
URGENT_MINUTES = 15  # an urgent ticket nobody accepted in this long is told again
REMINDERS_SECONDS = 30
CAMPAIGNS_SECONDS = 5


async def deliver_webchat(services: Services) -> int:
    """Deliver every due web chat row: after a crash, after a failed attempt, or when a job queued them."""
    if services.webchat is None:
        return 0

    def deliver() -> int:
        with services.database.unit() as store:
            return len(services.outbox.deliver_local_due(store))

    delivered = await services.db.run(deliver)
    if delivered:
        log.info("outbox: delivered %d web chat message(s)", delivered)
    return delivered


# What a question left unanswered leads to, beyond its notice, by the question: state name → ticket events. The
# place question: urgent reports still unplaced are handed on (handlers.complaints.where).
ON_EXPIRY = {PLACE: lambda reports, gone: reports.left_unplaced(gone.person, gone.state.data)}
# The question that follows one left unanswered, if any (the place question: a place said late still counts).
FOLLOWED_BY = {PLACE: placed.after_expiry}


async def expire_conversations(services: Services) -> int:
    """Forget questions whose time is up; where the question asked for it, say so in its chat."""
    dispatcher = services.dispatcher

    def expire() -> int:
        with services.database.unit() as store:
            conversations = dispatcher.conversations_in(store)
            expired = conversations.take_expired(services.clock.now())
            roster = dispatcher.rosters.current(store.roster)
            notices = [
                Outbound(gone.state.expiry_notice, chat=gone.chat, platform=gone.state.platform)
                for gone in expired
                if gone.state.expiry_notice
            ]
            reports = Reports(store, services.clock, roster)
            for gone in expired:
                if (after := ON_EXPIRY.get(gone.state.name)) is not None:
                    notices += messages_for(after(reports, gone), roster, NOWHERE)
                if (then := FOLLOWED_BY.get(gone.state.name)) and (state := then(gone.state, services.clock.now())):
                    conversations.set(gone.chat, gone.person, state)
            if notices:
                services.outbox.send(store, roster, notices)
            return len(expired)

    return await services.db.run(expire)


async def remind_of_urgent(services: Services) -> int:
    """Urgent tickets nobody accepted in time: the grid head and the community admins are told again, once."""
    dispatcher = services.dispatcher

    def remind() -> int:
        with services.database.unit() as store:
            roster = dispatcher.rosters.current(store.roster)
            events = TicketService(store.tickets, services.clock, roster).remind_of_unaccepted(URGENT_MINUTES)
            if events:
                services.outbox.send(store, roster, messages_for(events, roster, NOWHERE))
            return len(events)

    reminded = await services.db.run(remind)
    if reminded:
        log.warning("tickets: %d urgent ticket(s) unaccepted after %d minutes; told again", reminded, URGENT_MINUTES)
    return reminded


async def remind_of_meetings(services: Services) -> int:
    """Send the meeting reminders that are due, each once (see MeetingService.remind_due)."""
    dispatcher = services.dispatcher

    def remind() -> int:
        with services.database.unit() as store:
            roster = dispatcher.rosters.current(store.roster)
            events = MeetingService(store.meetings, services.clock, roster).remind_due()
            messages = meeting_notices.messages_for(events, roster, NOWHERE)
            if messages:
                services.outbox.send(store, roster, messages)
            return len(messages)

    sent = await services.db.run(remind)
    if sent:
        log.info("meetings: %d reminder(s) queued", sent)
    return sent


async def run_campaigns(services: Services) -> int:
    """Fire the campaigns that are due, if this instance runs the schedule; how many notices were queued."""
    lock = services.schedule_lock
    if lock is not None and not await services.db.run(lock.held):
        return 0

    def due() -> list[int]:
        with services.database.unit() as store:
            return store.campaigns.due(services.clock.now())

    queued = 0
    for campaign_id in await services.db.run(due):
        queued += await services.db.run(fire_campaign, services, campaign_id)
    return queued


def fire_campaign(services: Services, campaign_id: int) -> int:
    """One campaign's due occurrences, in one unit of work: the occurrence rows, the notices in the outbox and
    the delivery rows commit together or not at all."""
    with services.database.unit() as store:
        roster = services.dispatcher.rosters.current(store.roster)
        service = CampaignService(store.campaigns, services.clock, roster, services.campaign_grace)
        campaign = store.campaigns.get(campaign_id, lock=True)
        if campaign is None:
            return 0
        queued = 0
        for event in service.fire_due(campaign):
            if isinstance(event, Fired):
                origin = f"campaign:{campaign.id}:{event.occurrence.id}"
                messages = campaign_notices.messages_for(event)
                put = services.outbox.send(store, roster, messages, origin=origin, keys_are_new=True)
                store.campaigns.add_deliveries(service.deliveries_of(event, put.rows))
                queued += len(put.rows)
        return queued


def build_scheduler(services: Services) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="Asia/Shanghai")
    if services.webchat is not None:
        _every(scheduler, "outbox:webchat", WEBCHAT_SECONDS, deliver_webchat, services)
    for delivery in services.deliverers:
        _every(scheduler, f"outbox:{delivery.platform}", delivery.TICK_SECONDS, delivery.tick)
    _every(scheduler, "conversations:expire", CONVERSATIONS_SECONDS, expire_conversations, services)
    _every(scheduler, "tickets:urgent", URGENT_SECONDS, remind_of_urgent, services)
    _every(scheduler, "meetings:remind", REMINDERS_SECONDS, remind_of_meetings, services)
    _every(scheduler, "campaigns:run", CAMPAIGNS_SECONDS, run_campaigns, services)
    return scheduler


def _every(scheduler: AsyncIOScheduler, job_id: str, seconds: float, job: Callable[..., Awaitable], *args) -> None:
    scheduler.add_job(
        job,
        "interval",
        seconds=seconds,
        args=list(args),
        id=job_id,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
