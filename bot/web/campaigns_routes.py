"""The campaigns admin API. Every call needs `Authorization: Bearer <ADMIN_TOKEN>`: without ADMIN_TOKEN set there
is no token to give, so the API answers 401 and campaigns are run from the command line (`bot.py campaign …`).

POST /api/campaigns · GET /api/campaigns · GET /api/campaigns/{id} · POST …/{id}/pause · POST …/{id}/resume ·
DELETE …/{id} · GET …/{id}/preview · GET …/{id}/deliveries[?occurrence=N] · POST …/{id}/retry
"""

from __future__ import annotations

from aiohttp import web

from bot.clock import local_iso
from bot.numbers import parse_number
from bot.outbox import MAX_ATTEMPTS
from bot.web.context import SERVICES, Services
from bot.web.errors import ApiError, json_error, json_response, read_json_object
from handlers.campaigns.service import CampaignError, CampaignService, Figures
from storage.models import Campaign

routes = web.RouteTableDef()
TOKEN_SET = web.AppKey("campaigns_token_set", bool)
NO_TOKEN = (
    "活动接口需要访问令牌：请设置 ADMIN_TOKEN，并带上 Authorization: Bearer <令牌>；也可以用命令行 bot.py campaign。"
)


def campaign_json(service: CampaignService, campaign: Campaign, figures: Figures | None = None) -> dict:
    data = {
        "id": campaign.id,
        "name": campaign.name,
        "library": campaign.library,
        "text": campaign.text,
        "schedule": campaign.schedule,
        "targets": campaign.targets,
        "respect_quiet_hours": campaign.respect_quiet_hours,
        "skip_holidays": campaign.skip_holidays,
        "next_run": local_iso(service.next_run(campaign)),
        "paused": campaign.paused,
        "created_at": local_iso(campaign.created_at),
    }
    if figures is not None:
        data["deliveries"] = figures.counts()
        data["occurrence"] = figures.occurrence.id if figures.occurrence else None
    return data


async def _run(request: web.Request, work, status: int = 200) -> web.Response:
    """`work(service, store)` in a unit of work; a CampaignError is a 400 (404 for an unknown campaign)."""
    if not request.app[TOKEN_SET]:
        return json_error(401, NO_TOKEN, **{"WWW-Authenticate": "Bearer"})
    services: Services = request.app[SERVICES]

    def run():
        with services.database.unit() as store:
            roster = services.dispatcher.rosters.current(store.roster)
            return work(CampaignService(store.campaigns, services.clock, roster, services.campaign_grace), store)

    try:
        result = await services.db.run(run)
    except CampaignError as error:
        return json_error(404 if error.reason in ("no_such_campaign", "removed") else 400, error.message())
    return json_response(result, status=status)


def _id(request: web.Request) -> int:
    number = parse_number(request.match_info["id"], allow_hash=False)
    if number is None:
        raise ApiError(400, "活动编号必须是正整数")
    return number


@routes.post("/api/campaigns")
async def create(request: web.Request) -> web.Response:
    if not request.app[TOKEN_SET]:
        return json_error(401, NO_TOKEN, **{"WWW-Authenticate": "Bearer"})
    body = await read_json_object(request)
    return await _run(request, lambda s, _: campaign_json(s, s.create(body, "api"), Figures(None)), status=201)


@routes.get("/api/campaigns")
async def listed(request: web.Request) -> web.Response:
    return await _run(request, lambda s, store: {"campaigns": [campaign_json(s, c) for c in store.campaigns.listed()]})


@routes.get("/api/campaigns/{id}")
async def show(request: web.Request) -> web.Response:
    number = _id(request)

    def work(service: CampaignService, _store) -> dict:
        campaign = service.get(number)
        return campaign_json(service, campaign, service.figures(campaign))

    return await _run(request, work)


@routes.post("/api/campaigns/{id}/pause")
async def pause(request: web.Request) -> web.Response:
    number = _id(request)
    return await _run(request, lambda s, _: campaign_json(s, s.pause(s.get(number, lock=True))))


@routes.post("/api/campaigns/{id}/resume")
async def resume(request: web.Request) -> web.Response:
    number = _id(request)
    return await _run(request, lambda s, _: campaign_json(s, s.resume(s.get(number, lock=True))))


@routes.delete("/api/campaigns/{id}")
async def remove(request: web.Request) -> web.Response:
    number = _id(request)
    return await _run(request, lambda s, _: {"id": number, "removed": True,
                                             "stopped": s.remove(s.get(number, lock=True), MAX_ATTEMPTS)})  # fmt: skip


@routes.get("/api/campaigns/{id}/preview")
async def preview(request: web.Request) -> web.Response:
    number = _id(request)

    def work(service: CampaignService, _store) -> dict:
        shown = service.preview(service.get(number))
        return {**shown, "next_run": local_iso(shown["next_run"])}

    return await _run(request, work)


@routes.get("/api/campaigns/{id}/deliveries")
async def deliveries(request: web.Request) -> web.Response:
    number = _id(request)
    raw = request.query.get("occurrence")
    occurrence = parse_number(raw, allow_hash=False) if raw is not None else None
    if raw is not None and occurrence is None:
        return json_error(400, "occurrence 必须是正整数")

    def work(service: CampaignService, store) -> dict:
        campaign = service.get(number)
        figures = service.figures(campaign, occurrence)
        occurrences = [
            {"id": o.id, "fire_time": local_iso(o.fire_time), "due_at": local_iso(o.due_at), "outcome": o.outcome,
             "reason": o.reason, "item": o.item_key, "title": o.title, "groups": o.groups}
            for o in store.campaigns.occurrences(campaign.id)
        ]  # fmt: skip
        return {
            "campaign": campaign.id,
            "occurrence": figures.occurrence.id if figures.occurrence else None,
            "counts": figures.counts(),
            "groups": [
                {
                    "chat": g.chat,
                    "name": g.name,
                    "status": g.status,
                    "platforms": g.platforms,
                    "error": g.error,
                    "acknowledged": g.acknowledged,
                }
                for g in figures.groups
            ],
            "occurrences": occurrences,
        }

    return await _run(request, work)


@routes.post("/api/campaigns/{id}/retry")
async def retry(request: web.Request) -> web.Response:
    number = _id(request)
    services: Services = request.app[SERVICES]
    platforms: set[str] = set()

    def work(service: CampaignService, _store) -> dict:
        count, on = service.retry(service.get(number, lock=True))
        platforms.update(on)
        return {"id": number, "retried": count}

    response = await _run(request, work)
    services.outbox.kick(platforms)  # committed: deliver them now rather than at the next tick
    return response
