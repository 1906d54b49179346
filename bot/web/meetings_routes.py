"""Read-only meetings API: GET /api/meetings?chat=, GET /api/meetings/{n}, and GET /api/meetings/{n}.csv, the
签到表 printed for the door (UTF-8 with a BOM, so that Excel shows the Chinese)."""

from __future__ import annotations

import csv
import io

from aiohttp import web

from bot.clock import local_iso
from bot.numbers import parse_number
from bot.web.context import SERVICES, Services
from bot.web.errors import json_error, json_response, query_text
from handlers.meetings.service import MeetingService
from storage.models import Meeting
from storage.roster_view import RosterView
from storage.store import Store

MAX_LISTED = 200
SIGN_IN_HEADER = ("序号", "姓名", "楼号", "随行人数", "签名")

routes = web.RouteTableDef()


def meeting_json(meeting: Meeting, now) -> dict:
    status = meeting.status if meeting.status != "open" or meeting.starts_at > now else "closed"
    return {
        "id": meeting.id,
        "chat": meeting.chat,
        "topic": meeting.topic,
        "place": meeting.place,
        "starts_at": local_iso(meeting.starts_at),
        "capacity": meeting.capacity,
        "status": status,  # open (taking answers) | closed (started) | cancelled
    }


def _read(services: Services, query):
    def run():
        with services.database.unit() as store:
            roster = services.dispatcher.rosters.current(store.roster)
            return query(store, roster, MeetingService(store.meetings, services.clock, roster))

    return services.db.run(run)


@routes.get("/api/meetings")
async def list_meetings(request: web.Request) -> web.Response:
    chat = query_text(request, "chat") or None
    services = request.app[SERVICES]

    def load(store: Store, roster: RosterView, service: MeetingService) -> dict | None:
        if chat is not None and chat not in roster.chats:
            return None
        now = services.clock.now()
        return {"meetings": [meeting_json(m, now) for m in store.meetings.listed(chat, MAX_LISTED)]}

    data = await _read(services, load)
    return json_response(data) if data is not None else json_error(404, f"没有这个群：{chat}")


def _number(request: web.Request) -> int | None:
    return parse_number(request.match_info["number"], allow_hash=False)


@routes.get(r"/api/meetings/{number:[^/.]+}")
async def get_meeting(request: web.Request) -> web.Response:
    number = _number(request)
    if number is None:
        return json_error(400, "会议号必须是正整数")
    services = request.app[SERVICES]

    def load(store: Store, roster: RosterView, service: MeetingService) -> dict | None:
        meeting = store.meetings.get(number)
        if meeting is None:
            return None
        tally = service.tally(meeting)
        answered = [*tally.yes, *tally.waitlist, *tally.maybe, *tally.no]
        return {
            **meeting_json(meeting, services.clock.now()),
            "counts": {
                "yes": len(tally.yes),
                "no": len(tally.no),
                "maybe": len(tally.maybe),
                "guests": tally.guests,
                "waitlist": len(tally.waitlist),
            },
            "attendees": [_attendee(a) for a in answered],
            "invited": [
                {"person": i.person_id, "name": roster.name(i.person_id), "answer": i.answer} for i in tally.invites
            ],
        }

    data = await _read(services, load)
    return json_response(data) if data else json_error(404, f"没有会议 #{number}")


def _attendee(answer) -> dict:
    return {
        "user": answer.person_id,
        "name": answer.name,
        "answer": answer.answer,
        "guests": answer.guests,
        "waitlisted": answer.waitlisted,
    }


def _inert(cell: str) -> str:
    """What residents wrote, kept from being a spreadsheet formula (=HYPERLINK(…) as a display name)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@routes.get(r"/api/meetings/{number:[^/.]+}.csv")
async def sign_in_sheet(request: web.Request) -> web.Response:
    """Those coming (their guests beside them), in the order they signed up, and an empty column to sign."""
    number = _number(request)
    if number is None:
        return json_error(400, "会议号必须是正整数")
    services = request.app[SERVICES]

    def load(store: Store, roster: RosterView, service: MeetingService):
        meeting = store.meetings.get(number)
        return (meeting, service.tally(meeting).yes) if meeting else None

    found = await _read(services, load)
    if found is None:
        return json_error(404, f"没有会议 #{number}")
    meeting, coming = found
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(
        (_inert(f"会议 #{meeting.id} {meeting.topic}"), local_iso(meeting.starts_at), _inert(meeting.place))
    )
    writer.writerow(SIGN_IN_HEADER)
    for row, answer in enumerate(coming, 1):
        writer.writerow((row, _inert(answer.name), answer.building or "", answer.guests, ""))
    body = ("\ufeff" + sheet.getvalue()).encode("utf-8")
    filename = f"meeting-{meeting.id}-sign-in.csv"
    return web.Response(
        body=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
