"""Who a new ticket goes to: compound + building → grid → its full-time worker, else up to the admins.

The rules, in order:
1. A building in a known compound (named in the text, or the group's compound) → that building's grid.
2. No building: a group bound to a grid → that grid; bound to a compound or community → community admins.
3. Nothing to go on → the street's admins.

A pure function of the roster snapshot: no queries, so it is cheap and easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.roster_view import ChatRef, CompoundInfo, RosterView


@dataclass(frozen=True)
class Assignment:
    assignee_id: str | None
    grid_id: int | None
    compound_id: int | None
    community_id: int | None
    also_notify: tuple[str, ...] = ()  # other admins told of a ticket routed to admins


def assign(roster: RosterView, *, chat: ChatRef | None, compound_name: str | None, building: int | None) -> Assignment:
    compound = _compound(roster, chat, compound_name)
    compound_id = compound.id if compound else None
    community_id = compound.community_id if compound else _community_of_chat(roster, chat)
    if compound and building is not None:
        grid_id = roster.building_grid.get((compound.id, building))
        if grid_id:
            return _to_grid(roster, grid_id, compound_id)
    in_group_grid = (
        chat and chat.grid_id and (compound is None or compound.id in roster.compounds_of_grid(chat.grid_id))
    )
    if in_group_grid:
        return _to_grid(roster, chat.grid_id, compound_id)
    admins = roster.holders("community_admin", community_id=community_id) if community_id else []
    admins = admins or roster.holders("street_admin")
    return Assignment(admins[0] if admins else None, None, compound_id, community_id, tuple(admins[1:]))


def _to_grid(roster: RosterView, grid_id: int, compound_id: int | None) -> Assignment:
    return Assignment(roster.full_time_worker(grid_id), grid_id, compound_id, roster.grids[grid_id].community_id)


def _compound(roster: RosterView, chat: ChatRef | None, name: str | None) -> CompoundInfo | None:
    if name and (found := roster.compound_named(name)):
        return found
    if chat is None:
        return None
    if chat.compound_id:
        return roster.compounds.get(chat.compound_id)
    candidates = []
    if chat.grid_id:  # a grid-bound group: its compound, when the grid's buildings are in just one
        candidates = [roster.compounds[c] for c in roster.compounds_of_grid(chat.grid_id)]
    elif chat.community_id:
        candidates = roster.compounds_of_community(chat.community_id)
    return candidates[0] if len(candidates) == 1 else None


def _community_of_chat(roster: RosterView, chat: ChatRef | None) -> int | None:
    if chat is None:
        return None
    return roster.grids[chat.grid_id].community_id if chat.grid_id else chat.community_id
