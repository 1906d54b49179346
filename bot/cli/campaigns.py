"""`bot.py campaign add|list|show|pause|resume|remove|preview|retry`: the admin API's campaigns, from a shell.

It works on the database directly (the same service as the API), so a running bot picks a new campaign up at
its next look at the schedule (every 5 seconds) without a restart, and no token is needed: whoever can run this
can read the database anyway.
"""

from __future__ import annotations

import argparse
import json
import sys

from bot.clock import SystemClock, local_iso
from bot.outbox import MAX_ATTEMPTS
from handlers.campaigns.service import CampaignError, CampaignService
from storage.database import Database

ONE_CAMPAIGN = {
    "show": "a campaign and each group's outcome",
    "pause": "stop sending until resumed",
    "resume": "send again from now on",
    "remove": "remove it; what it queued is not sent",
    "preview": "the next notice and its groups",
    "retry": "send the failed ones again",
}
STATUS_WORDS = {"sent": "已发送", "failed": "失败", "pending": "待发送"}


def add_parser(commands) -> None:
    campaign = commands.add_parser(
        "campaign",
        help="broadcast campaigns: add, list, show, pause, resume, remove, preview, retry",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""examples:
  python bot.py campaign add --name 每周反诈提醒 --library anti_fraud --cron "0 10 * * MON" --target street
  python bot.py campaign add --name 同鑫消防 --library fire_safety --at 2026-12-05T10:00+08:00 \\
      --target community:同鑫社区 --skip-holidays
  python bot.py campaign add --name 停水通知 --text "明天9点至12点停水，请提前储水。" --at … --target group:g_tx1
  python bot.py campaign show 1          each group's outcome for the latest notice
  (every action takes --database-url URL, or DATABASE_URL; with make demo: --database-url sqlite:///var/demo.db)
targets: street, community:<name>, grid:<name>, group:<id>, tag:<tag> (repeat --target for several)""",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="SQLAlchemy URL (env DATABASE_URL)")
    actions = campaign.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create a campaign", parents=[common])
    add.add_argument("--name", required=True)
    content = add.add_mutually_exclusive_group(required=True)
    content.add_argument("--library", help="anti_fraud or fire_safety: each time the next notice of the library")
    content.add_argument("--text", help="the campaign's own notice; {community} and {grid_worker} are filled in")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", help="once, at this ISO 8601 time (Asia/Shanghai if no offset)")
    when.add_argument("--cron", help='repeating: "minute hour day month weekday", e.g. "0 10 * * MON"')
    add.add_argument("--target", action="append", required=True, help="whom to send to (repeatable)")
    add.add_argument("--no-quiet-hours", action="store_true", help="send even between 21:00 and 08:00 (emergencies)")
    add.add_argument("--skip-holidays", action="store_true", help="skip days off by the Chinese working calendar")
    listed = actions.add_parser("list", help="every campaign, with its next run", parents=[common])
    listed.add_argument("--json", action="store_true")
    for name, what in ONE_CAMPAIGN.items():
        action = actions.add_parser(name, help=what, parents=[common])
        action.add_argument("id", type=int)
        if name in ("show", "preview"):
            action.add_argument("--json", action="store_true")


def run(args, engine) -> int:
    database = Database(engine)
    try:
        with database.unit() as store:
            roster = store.roster()
            if not roster.chats:
                url = engine.url.render_as_string(hide_password=True)
                print(f"warning: {url} has no groups: is it the bot's database? (--database-url or DATABASE_URL; "
                      "the demo's is sqlite:///var/demo.db)", file=sys.stderr)  # fmt: skip
            service = CampaignService(store.campaigns, SystemClock(), roster)
            return ACTIONS[args.action](args, service, store)
    except CampaignError as error:
        print(f"error: {error.message()}", file=sys.stderr)
        return 2
    finally:
        database.close()


def _add(args, service: CampaignService, _store) -> int:
    raw = {
        "name": args.name,
        "schedule": {"at": args.at} if args.at else {"cron": args.cron},
        "targets": args.target,
        "respect_quiet_hours": not args.no_quiet_hours,
        "skip_holidays": args.skip_holidays,
        **({"library": args.library} if args.library else {"text": args.text}),
    }
    campaign = service.create(raw, "cli")
    groups = service.groups(campaign.targets)
    print(f"campaign #{campaign.id} {campaign.name}: {len(groups)} groups, next run {_when(service, campaign)}")
    return 0


def _list(args, service: CampaignService, store) -> int:
    campaigns = store.campaigns.listed()
    if args.json:
        rows = [{"id": c.id, "name": c.name, "next_run": local_iso(service.next_run(c)), "paused": c.paused}
                for c in campaigns]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not campaigns:
        print("no campaigns yet: python bot.py campaign add --help")
    for c in campaigns:
        schedule = c.schedule.get("cron") or f"once at {c.schedule.get('at')}"
        state = "paused" if c.paused else f"next {_when(service, c)}"
        print(f"#{c.id}  {c.name}  [{c.library or 'own text'}]  {schedule}  → {', '.join(c.targets)}  ({state})")
    return 0


def _show(args, service: CampaignService, store) -> int:
    campaign = service.get(args.id)
    figures = service.figures(campaign)
    if args.json:
        groups = [{"chat": g.chat, "status": g.status, "error": g.error, "acknowledged": g.acknowledged}
                  for g in figures.groups]  # fmt: skip
        print(json.dumps({"id": campaign.id, "counts": figures.counts(), "groups": groups}, ensure_ascii=False))
        return 0
    print(
        f"#{campaign.id} {campaign.name}  next run {_when(service, campaign)}{'  (paused)' if campaign.paused else ''}"
    )
    for o in store.campaigns.occurrences(campaign.id)[-5:]:
        what = o.title or ("own text" if o.outcome == "enqueued" else f"skipped: {o.reason}")
        print(f"  occurrence {o.id} at {local_iso(o.due_at)}: {o.outcome} — {what}")
    if figures.occurrence is None:
        print("  nothing sent yet")
        return 0
    counts = figures.counts()
    print(f"  latest: {counts['sent']} sent, {counts['failed']} failed, {counts['pending']} pending, "
          f"{counts['acknowledged']} acknowledged (收到)")  # fmt: skip
    for g in figures.groups:
        extra = f"  ({g.error})" if g.error else ""
        print(f"    {g.chat:12s} {g.name}  {STATUS_WORDS[g.status]}{'，已回复收到' if g.acknowledged else ''}{extra}")
    return 0


def _pause(args, service: CampaignService, _store) -> int:
    service.pause(service.get(args.id, lock=True))
    print(f"campaign #{args.id} paused")
    return 0


def _resume(args, service: CampaignService, _store) -> int:
    campaign = service.resume(service.get(args.id, lock=True))
    print(f"campaign #{args.id} resumed: next run {_when(service, campaign)}")
    return 0


def _remove(args, service: CampaignService, _store) -> int:
    stopped = service.remove(service.get(args.id, lock=True), MAX_ATTEMPTS)
    print(f"campaign #{args.id} removed" + (f"; {stopped} queued notices will not be sent" if stopped else ""))
    return 0


def _preview(args, service: CampaignService, _store) -> int:
    shown = service.preview(service.get(args.id))
    if args.json:
        print(json.dumps({**shown, "next_run": local_iso(shown["next_run"])}, ensure_ascii=False))
        return 0
    when = local_iso(shown["next_run"]) or "none (done): this is the notice it would send"
    print(f"next run {when} to {len(shown['groups'])} groups: " + "、".join(g["name"] for g in shown["groups"]))
    print(f"---- as {shown['as_read_in']} reads it " + "-" * 20)
    print(shown["text"])
    return 0


def _retry(args, service: CampaignService, _store) -> int:
    count, _platforms = service.retry(service.get(args.id, lock=True))
    print(f"campaign #{args.id}: {count} failed deliveries queued again (a running bot sends them within a second)")
    return 0


def _when(service: CampaignService, campaign) -> str:
    return local_iso(service.next_run(campaign)) or "none (done)"


ACTIONS = {"add": _add, "list": _list, "show": _show, "pause": _pause, "resume": _resume, "remove": _remove,
           "preview": _preview, "retry": _retry}  # fmt: skip
