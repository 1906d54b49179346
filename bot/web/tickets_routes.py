"""Read-only ticket API: GET /api/tickets/{n} and GET /api/tickets?status=&grid=&limit=."""

from __future__ import annotations

from aiohttp import web

from bot.clock import local_iso
from bot.numbers import parse_number
from bot.vocabulary import STATUSES
from bot.web.context import SERVICES, Services
from bot.web.errors import json_error, json_response, query_text
from handlers.tickets.service import TicketError, TicketService
from storage.models import Ticket
from storage.roster_view import RosterView
from storage.store import Store

MAX_LIMIT = 500

routes = web.RouteTableDef()


def ticket_json(ticket: Ticket, roster: RosterView) -> dict:
    grid = roster.grids.get(ticket.grid_id) if ticket.grid_id else None
    return {
        "number": ticket.id,
        "status": ticket.status,
        "category": ticket.category,
        "building": ticket.building,
        "unit": ticket.unit,
        "room": ticket.room,
        "text": ticket.text,  # what the resident wrote (without its trigger word)
        "urgent": ticket.urgent,
        "hazard": ticket.hazard,
        "private": ticket.private,
        "chat": ticket.chat,
        "assignee": ticket.assignee_id,
        "grid": grid.name if grid else None,
        "created_at": local_iso(ticket.created_at),
    }


def _read(services: Services, query):
    """Run `query(store, roster)` in a unit of its own, on the database thread."""

    def run():
        with services.database.unit() as store:
            return query(store, services.dispatcher.rosters.current(store.roster))

    return services.db.run(run)


@routes.get("/api/tickets/{number}")
async def get_ticket(request: web.Request) -> web.Response:
    raw = request.match_info["number"]
    number = parse_number(raw)
    if number is None:
        return json_error(400, "工单号必须是正整数")
    services = request.app[SERVICES]

    def load(store: Store, roster: RosterView) -> dict | None:
        try:
            ticket = TicketService(store.tickets, services.clock, roster).get(number)
        except TicketError:
            return None
        events = store.tickets.events(ticket.id)
        data = ticket_json(ticket, roster)
        data["events"] = [{"at": local_iso(e.at), "type": e.type, "actor": e.actor_id, "note": e.note} for e in events]
        return data

    data = await _read(services, load)
    return json_response(data) if data else json_error(404, f"没有工单 #{number}")


@routes.get("/api/tickets")
async def list_tickets(request: web.Request) -> web.Response:
    status, grid_name = query_text(request, "status") or None, query_text(request, "grid") or None
    if status and status not in STATUSES:
        return json_error(400, f"status 必须是 {', '.join(sorted(STATUSES))} 之一")
    try:
        limit = int(query_text(request, "limit", "50"))
    except ValueError:
        return json_error(400, "limit 必须是整数")
    if not 1 <= limit <= MAX_LIMIT:
        return json_error(400, f"limit 必须在 1 到 {MAX_LIMIT} 之间")

    def load(store: Store, roster: RosterView) -> dict:
        grid_id = next((g.id for g in roster.grids.values() if g.name == grid_name), -1) if grid_name else None
        found, total = store.tickets.page(status, grid_id, limit)
        return {"tickets": [ticket_json(t, roster) for t in found], "total": total}

    return json_response(await _read(request.app[SERVICES], load))
