"""Broadcast campaigns: checked on the way in, fired when due, and accounted for group by group.

Plain code over the campaigns repository, the roster snapshot and an injected clock; the campaigns job, the
admin API and the command line all call it. Only the instance holding the schedule lock fires occurrences
(scheduler.jobs); everything else (creating, pausing, figures, acknowledgements) works on any instance.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import Clock
from handlers.campaigns import texts as T
from handlers.campaigns.events import Fired, GroupNotice, Skipped
from handlers.campaigns.library import fill, libraries
from handlers.campaigns.schedule import Schedule, ScheduleError, after_quiet_hours, is_working_day
from storage.models import Campaign, CampaignOccurrence
from storage.repositories.campaigns import Campaigns, DeliveryState
from storage.roster_view import ChatRef, RosterView

log = logging.getLogger(__name__)
FIELDS = {"name", "library", "text", "schedule", "targets", "respect_quiet_hours", "skip_holidays"}
ACK_HOURS = 12  # a 收到 this long after a notice counts for it
MAX_CATCH_UP = 1000  # missed occurrences looked at one by one after a long stop; beyond, skipped in one go
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class CampaignError(Exception):
    """Bad input: the reason is a key of texts.BAD_INPUT, the detail what was wrong."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail

    def message(self) -> str:
        return T.bad_input(self.reason, self.detail, "、".join(libraries()))


@dataclass(frozen=True)
class GroupOutcome:
    chat: str
    name: str
    status: str  # sent | failed | pending
    platforms: dict[str, str]  # platform → sent | failed | pending
    error: str | None
    acknowledged: bool


@dataclass
class Figures:
    occurrence: CampaignOccurrence | None
    groups: list[GroupOutcome] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = {"sent": 0, "failed": 0, "pending": 0, "acknowledged": 0}
        for group in self.groups:
            counts[group.status] += 1
            counts["acknowledged"] += group.acknowledged
        return counts


class CampaignService:
    def __init__(
        self, campaigns: Campaigns, clock: Clock, roster: RosterView, grace: timedelta = timedelta(hours=1)
    ) -> None:
        self.campaigns = campaigns
        self.clock = clock
        self.roster = roster
        self.grace = grace  # an occurrence later than this (the bot was down) is skipped, not sent late

    # --- creating --------------------------------------------------------------------------------

    def create(self, raw: object, created_by: str) -> Campaign:
        """A campaign from the API's or the command line's fields; CampaignError, and nothing made, if bad."""
        fields = self.checked(raw)
        schedule = fields.pop("schedule")
        campaign = Campaign(**fields, schedule=schedule.as_dict(), created_at=self.clock.now(), created_by=created_by)
        self._plan_from(campaign, schedule, self.clock.now())
        return self.campaigns.add(campaign)

    def checked(self, raw: object) -> dict:
        if not isinstance(raw, dict):
            raise CampaignError("bad_body")
        unknown = sorted(set(raw) - FIELDS)
        if unknown:
            raise CampaignError("unknown_field", "、".join(unknown))
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise CampaignError("no_name")
        library, text = self._content(raw)
        try:
            schedule = Schedule.parse(raw.get("schedule"), self.clock.now())
        except ScheduleError as error:
            raise CampaignError(error.reason, error.detail) from None
        targets = self._targets(raw.get("targets"))
        flags = {key: self._flag(raw, key, default) for key, default in (("respect_quiet_hours", True),
                                                                          ("skip_holidays", False))}  # fmt: skip
        return {"name": name.strip()[:100], "library": library, "text": text, "schedule": schedule,
                "targets": targets, **flags}  # fmt: skip

    def _content(self, raw: dict) -> tuple[str | None, str | None]:
        library, text = raw.get("library"), raw.get("text")
        if (library is None) == (text is None):
            raise CampaignError("library_or_text")
        if library is not None:
            if library not in libraries():
                raise CampaignError("unknown_library", str(library))
            return library, None
        if not isinstance(text, str) or not text.strip():
            raise CampaignError("empty_text")
        if len(text.strip()) > T.TEXT_LIMIT:
            raise CampaignError("text_too_long", str(len(text.strip())))
        unknown = sorted({p for p in _PLACEHOLDER.findall(text) if p not in ("community", "grid_worker")})
        if unknown:
            raise CampaignError("bad_placeholder", "、".join("{" + p + "}" for p in unknown))
        return None, text.strip()

    def _targets(self, raw: object) -> list[str]:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw or not all(isinstance(t, str) and t.strip() for t in raw):
            raise CampaignError("no_targets")
        targets = list(dict.fromkeys(t.strip() for t in raw))
        for target in targets:
            if self._groups_of(target) is None:
                raise CampaignError("unknown_target", f"{target}（{self._known_targets()}）")
        if not self.groups(targets):
            raise CampaignError("no_groups", "、".join(targets))
        return targets

    @staticmethod
    def _flag(raw: dict, key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise CampaignError("bad_flag", key)
        return value

    # --- whom it reaches -------------------------------------------------------------------------

    def groups(self, targets: list[str]) -> list[ChatRef]:
        """The roster groups the targets name (a target the roster no longer has reaches none)."""
        found: dict[str, ChatRef] = {}
        for target in targets:
            for chat in self._groups_of(target) or []:
                found[chat.id] = chat
        return sorted(found.values(), key=lambda c: c.id)

    def _known_targets(self) -> str:
        """What this roster has, for a refusal of a target it does not: 社区、网格、标签 and a few group ids."""
        tags = sorted({t for c in self.roster.chats.values() for t in c.tags})
        groups = sorted(self.roster.chats)
        parts = [
            "已有的社区：" + "、".join(sorted(self.roster.communities.values())),
            "网格：" + "、".join(sorted(g.name for g in self.roster.grids.values())[:8]),
            "群：" + "、".join(groups[:8]) + ("…" if len(groups) > 8 else ""),
        ]
        if tags:
            parts.append("标签：" + "、".join(tags[:8]))
        return "；".join(parts)

    def _groups_of(self, target: str) -> list[ChatRef] | None:
        """None: no such target."""
        chats = list(self.roster.chats.values())
        kind, _, name = target.partition(":")
        if target == "street":
            return chats
        if kind == "community":
            ids = {cid for cid, n in self.roster.communities.items() if n == name}
            return [c for c in chats if c.community_id in ids] if ids else None
        if kind == "grid":
            ids = {g.id for g in self.roster.grids.values() if g.name == name}
            return [c for c in chats if c.grid_id in ids] if ids else None
        if kind == "group":
            return [self.roster.chats[name]] if name in self.roster.chats else None
        if kind == "tag":
            tagged = [c for c in chats if name in c.tags]
            return tagged or None
        return None

    # --- when it runs ----------------------------------------------------------------------------

    def _plan_from(self, campaign: Campaign, schedule: Schedule, after: datetime) -> None:
        """The next occurrence strictly after `after`: its schedule time and when it goes out."""
        campaign.next_fire = schedule.first_after(after)
        campaign.next_due = self._due(campaign, campaign.next_fire) if campaign.next_fire else None

    def _due(self, campaign: Campaign, fire: datetime) -> datetime:
        return after_quiet_hours(fire) if campaign.respect_quiet_hours else fire

    def next_run(self, campaign: Campaign) -> datetime | None:
        """When the next notice will really go out: after quiet hours, past the days off it skips."""
        if campaign.paused or campaign.removed_at or campaign.next_fire is None:
            return None
        schedule, fire = Schedule.stored(campaign.schedule), campaign.next_fire
        for _ in range(400):
            due = self._due(campaign, fire)
            if not campaign.skip_holidays or is_working_day(due.date()):
                return due
            fire = schedule.first_after(fire)
            if fire is None:
                return None
        return None

    def due_now(self) -> list[int]:
        return self.campaigns.due(self.clock.now())

    def fire_due(self, campaign: Campaign) -> list[Fired | Skipped]:
        """Every occurrence of the campaign that has come due, each handled once (its row is unique): sent,
        or skipped and logged when it is too late (the bot was down), on a day off, or reaches no group.
        `campaign` must be locked."""
        now, events = self.clock.now(), []
        schedule = Schedule.stored(campaign.schedule)
        for _ in range(MAX_CATCH_UP):
            if campaign.paused or campaign.removed_at or campaign.next_due is None or campaign.next_due > now:
                break
            fire, due = campaign.next_fire, campaign.next_due
            event = self._occur(campaign, fire, due, now)
            if event is not None:
                events.append(event)
            self._plan_from(campaign, schedule, fire)
        else:  # stopped for longer than MAX_CATCH_UP occurrences: the rest are skipped in one go
            log.warning("campaigns: #%s missed more than %d occurrences; going on from now", campaign.id, MAX_CATCH_UP)
            self._plan_from(campaign, schedule, now)
        self.campaigns.flush()
        return events

    def _occur(self, campaign: Campaign, fire: datetime, due: datetime, now: datetime) -> Fired | Skipped | None:
        reason = None
        if now - due > self.grace:
            reason = "late"
        elif campaign.skip_holidays and not is_working_day(due.date()):
            reason = "holiday"
        groups = self.groups(campaign.targets) if reason is None else []
        if reason is None and not groups:
            reason = "no_groups"
        notice = self._notice(campaign, due) if reason is None else None
        occurrence = self.campaigns.add_occurrence(
            {
                "campaign_id": campaign.id, "fire_time": fire, "due_at": due, "done_at": now,
                "outcome": "skipped" if reason else "enqueued", "reason": reason,
                "item_key": notice[0] if notice else None, "title": notice[1] if notice else None,
                "groups": len(groups),
            }
        )  # fmt: skip
        if occurrence is None:
            return None  # handled already (by another process before it lost the lock)
        if reason is not None:
            log.warning("campaigns: #%s %s occurrence at %s skipped (%s)", campaign.id, campaign.name, due, reason)
            return Skipped(campaign, occurrence)
        log.info("campaigns: #%s %s occurrence at %s enqueued to %d group(s)", campaign.id, campaign.name, due,
                 len(groups))  # fmt: skip
        return Fired(campaign, occurrence, tuple(GroupNotice(g.id, self._text_for(notice[2], g)) for g in groups))

    def _notice(self, campaign: Campaign, due: datetime) -> tuple[str | None, str | None, str]:
        """(library item key, title, text with placeholders) this occurrence sends."""
        if campaign.library is None:
            return None, None, campaign.text
        library = libraries()[campaign.library]
        chosen = library.next_notice(self.campaigns.sent_items(campaign.id), due.month)
        return chosen.key, chosen.title, f"【{library.name}】{chosen.title}\n{chosen.text}"

    def _text_for(self, text: str, chat: ChatRef) -> str:
        """The notice as this group reads it: its community, and whom to ask. A group that is not a grid's (a
        compound's or the community's whole group) has no grid worker: it is pointed to the community's admin,
        named as such (联系社区孙书记, not 联系本群网格员孙书记)."""
        community = self.roster.communities.get(chat.community_id, "社区")
        worker = self.roster.full_time_worker(chat.grid_id) if chat.grid_id is not None else None
        if worker is None:
            admins = self.roster.holders("community_admin", community_id=chat.community_id)
            text = re.sub(r"(?:本群)?网格员\{grid_worker\}", "社区{grid_worker}", text)
            worker = admins[0] if admins else None
        return fill(text, community, (self.roster.name(worker) if worker else None) or T.NO_GRID_WORKER)

    def deliveries_of(self, event: Fired, rows: list[dict]) -> list[dict]:
        """The delivery rows of the outbox rows the occurrence's notices became."""
        notified = {n.chat for n in event.notices}
        now, found = self.clock.now(), []
        for row in rows:
            chat = self.roster.chat_of_account.get((row["platform"], row["address"]))  # the group it went to
            if chat in notified:
                found.append({
                    "campaign_id": event.campaign.id, "occurrence_id": event.occurrence.id, "chat_id": chat,
                    "platform": row["platform"], "outbox_key": row["dedup_key"], "enqueued_at": now,
                    "acknowledged_at": None,
                })  # fmt: skip
        return found

    # --- managing --------------------------------------------------------------------------------

    def get(self, campaign_id: int, lock: bool = False) -> Campaign:
        campaign = self.campaigns.get(campaign_id, lock=lock)
        if campaign is None:
            raise CampaignError("no_such_campaign", str(campaign_id))
        if campaign.removed_at is not None:
            raise CampaignError("removed", str(campaign_id))
        return campaign

    def pause(self, campaign: Campaign) -> Campaign:
        campaign.paused = True
        self.campaigns.flush()
        return campaign

    def resume(self, campaign: Campaign) -> Campaign:
        """Going on from now: occurrences that fell while it was paused are not sent late."""
        if campaign.paused:
            campaign.paused = False
            now = self.clock.now()
            if campaign.next_due is not None and campaign.next_due <= now:
                self._plan_from(campaign, Schedule.stored(campaign.schedule), now)
            self.campaigns.flush()
        return campaign

    def remove(self, campaign: Campaign, max_attempts: int) -> int:
        """Removed, its record kept; what it had queued and not yet sent is not sent. How many were stopped."""
        campaign.removed_at, campaign.next_due = self.clock.now(), None
        self.campaigns.flush()
        return self.campaigns.cancel_unsent(campaign.id, max_attempts)

    def preview(self, campaign: Campaign) -> dict:
        """The next occurrence's notice, as its first group will read it, and its groups; for a campaign with no
        next occurrence (a one-off that has gone), `next_run` is None and the notice is the one it would send."""
        due = self.next_run(campaign)
        groups = self.groups(campaign.targets)
        key, title, text = self._notice(campaign, due or self.clock.now())
        return {
            "next_run": due,
            "item": key,
            "title": title,
            "text": self._text_for(text, groups[0]) if groups else text,
            "as_read_in": groups[0].id if groups else None,
            "groups": [{"id": g.id, "name": g.name} for g in groups],
        }

    # --- figures ---------------------------------------------------------------------------------

    def figures(self, campaign: Campaign, occurrence_id: int | None = None) -> Figures:
        """Each target group's outcome for one occurrence (the latest sent, unless named)."""
        occurrences = {o.id: o for o in self.campaigns.occurrences(campaign.id)}
        if occurrence_id is not None:
            occurrence = occurrences.get(occurrence_id)
        else:
            occurrence = self.campaigns.latest_enqueued(campaign.id)
        if occurrence is None:
            return Figures(None)
        by_chat: dict[str, list[DeliveryState]] = {}
        for state in self.campaigns.states(occurrence.id):
            by_chat.setdefault(state.chat_id, []).append(state)
        return Figures(occurrence, [self._outcome(chat, states) for chat, states in by_chat.items()])

    def _outcome(self, chat: str, states: list[DeliveryState]) -> GroupOutcome:
        platforms = {s.platform: _status(s) for s in states}
        status = (
            "failed" if "failed" in platforms.values() else "pending" if "pending" in platforms.values() else "sent"
        )
        errors = [s.error for s in states if _status(s) == "failed" and s.error]
        ref = self.roster.chats.get(chat)
        return GroupOutcome(
            chat, ref.name if ref else chat, status, platforms, errors[0] if errors else None,
            any(s.acknowledged_at for s in states),
        )  # fmt: skip

    def retry(self, campaign: Campaign) -> tuple[int, set[str]]:
        """The latest occurrence's failed deliveries, due again now with fresh attempts."""
        occurrence = self.campaigns.latest_enqueued(campaign.id)
        if occurrence is None:
            return 0, set()
        return self.campaigns.retry_failed(occurrence.id, self.clock.now())

    # --- acknowledgements ------------------------------------------------------------------------

    def expects_acknowledgement(self, chat: str) -> bool:
        return self.campaigns.delivered_to_since(chat, self.clock.now() - timedelta(hours=ACK_HOURS))

    def acknowledge(self, chat: str) -> int:
        now = self.clock.now()
        return self.campaigns.acknowledge(chat, now - timedelta(hours=ACK_HOURS), now)


def _status(state: DeliveryState) -> str:
    if state.sent_at is not None:
        return "sent"
    return "failed" if state.attempts > 0 else "pending"
