"""Where a complaint goes: compound + building → grid → its full-time worker, else up to the admins.

The rules, in order:
1. A building in a known compound (named in the text, or the group's compound) → that building's grid.
2. No building: a group bound to a grid → that grid; bound to a compound or community → community admins.
3. Nothing to go on → the street's admins.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from bot.services.directory import Directory
from storage.models import Building, Chat, Compound, Grid


@dataclass(frozen=True)
class Route:
    assignee_id: str | None
    grid_id: int | None
    compound_id: int | None
    community_id: int | None
    also_notify: tuple[str, ...] = ()  # other admins told of a ticket routed to admins


def route(session: Session, *, chat: Chat | None, compound_name: str | None, building: int | None) -> Route:
    directory = Directory(session)
    compound = _compound(session, chat, compound_name)
    community_id = compound.community_id if compound else _community_of_chat(session, chat)
    if compound and building is not None:
        grid_id = session.exec(
            select(Building.grid_id).where(Building.compound_id == compound.id, Building.number == building)
        ).first()
        if grid_id:
            return _to_grid(directory, grid_id, compound.id, community_id)
    if chat and chat.grid_id and (building is None or compound is None or _grid_has_compound(session, chat, compound)):
        return _to_grid(directory, chat.grid_id, compound.id if compound else None, community_id)
    if community_id:
        admins = directory.community_admins(community_id)
        if admins:
            return Route(admins[0], None, compound.id if compound else None, community_id, tuple(admins[1:]))
    admins = directory.street_admins()
    return Route(
        admins[0] if admins else None, None, compound.id if compound else None, community_id, tuple(admins[1:])
    )


def _to_grid(directory: Directory, grid_id: int, compound_id: int | None, community_id: int | None) -> Route:
    grid = directory.s.get(Grid, grid_id)
    return Route(directory.full_time_worker(grid_id), grid_id, compound_id, community_id or grid.community_id)


def _compound(session: Session, chat: Chat | None, name: str | None) -> Compound | None:
    if name:
        found = session.exec(select(Compound).where(Compound.name == name)).first()
        if found:
            return found
    if chat is None:
        return None
    if chat.compound_id:
        return session.get(Compound, chat.compound_id)
    if chat.grid_id:
        # A grid bound group: its compound is the one its buildings are in, when there is just one.
        ids = set(session.exec(select(Building.compound_id).where(Building.grid_id == chat.grid_id)))
        if len(ids) == 1:
            return session.get(Compound, ids.pop())
    if chat.community_id:
        compounds = list(session.exec(select(Compound).where(Compound.community_id == chat.community_id)))
        if len(compounds) == 1:
            return compounds[0]
    return None


def _community_of_chat(session: Session, chat: Chat | None) -> int | None:
    if chat is None:
        return None
    if chat.grid_id:
        return session.get(Grid, chat.grid_id).community_id
    return chat.community_id


def _grid_has_compound(session: Session, chat: Chat, compound: Compound) -> bool:
    return (
        session.exec(
            select(Building.id).where(Building.grid_id == chat.grid_id, Building.compound_id == compound.id)
        ).first()
        is not None
    )
