"""Read-only ticket API: GET /api/tickets/{n} and GET /api/tickets?status=&grid=&limit=."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.clock import local_iso
from bot.numbers import parse_number
from bot.services.tickets import TRANSITIONS
from bot.web.context import SERVICES
from bot.web.errors import json_error, json_response
from storage.models import Grid, Ticket, TicketEvent

STATUSES = sorted({target for _, target in TRANSITIONS.values()} | {"open"})
MAX_LIMIT = 500

routes = web.RouteTableDef()


def ticket_json(session: Session, ticket: Ticket, with_events: bool = True) -> dict:
    grid = session.get(Grid, ticket.grid_id) if ticket.grid_id else None
    data = {
        "number": ticket.id,
        "status": ticket.status,
        "category": ticket.category,
        "building": ticket.building,
        "unit": ticket.unit,
        "room": ticket.room,
        "urgent": ticket.urgent,
        "chat": ticket.chat,
        "assignee": ticket.assignee_id,
        "grid": grid.name if grid else None,
        "created_at": local_iso(ticket.created_at),
    }
    if with_events:
        events = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id))
        data["events"] = [{"at": local_iso(e.at), "type": e.type, "actor": e.actor_id, "note": e.note} for e in events]
    return data


@routes.get("/api/tickets/{number}")
async def get_ticket(request: web.Request) -> web.Response:
    raw = request.match_info["number"]
    number = parse_number(raw)
    if number is None:
        return json_error(400, "工单号必须是正整数")
    services = request.app[SERVICES]

    def load() -> dict | None:
        with Session(services.engine) as session:
            ticket = session.get(Ticket, number)
            return ticket_json(session, ticket) if ticket else None

    data = await services.db.run(load)
    return json_response(data) if data else json_error(404, f"没有工单 #{number}")


@routes.get("/api/tickets")
async def list_tickets(request: web.Request) -> web.Response:
    status, grid = request.query.get("status") or None, request.query.get("grid") or None
    if status and status not in STATUSES:
        return json_error(400, f"status 必须是 {', '.join(STATUSES)} 之一")
    try:
        limit = int(request.query.get("limit", "50"))
    except ValueError:
        return json_error(400, "limit 必须是整数")
    if not 1 <= limit <= MAX_LIMIT:
        return json_error(400, f"limit 必须在 1 到 {MAX_LIMIT} 之间")
    services = request.app[SERVICES]

    def load() -> dict:
        with Session(services.engine) as session:
            conditions = []
            if status:
                conditions.append(Ticket.status == status)
            if grid:
                conditions.append(col(Ticket.grid_id).in_(select(Grid.id).where(Grid.name == grid)))
            total = session.exec(select(func.count()).select_from(Ticket).where(*conditions)).one()
            rows = session.exec(select(Ticket).where(*conditions).order_by(col(Ticket.id).desc()).limit(limit))
            return {"tickets": [ticket_json(session, t, with_events=False) for t in rows], "total": total}

    return json_response(await services.db.run(load))
