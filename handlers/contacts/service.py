"""Who looks after a place: the grid its building is in, that grid's workers and head, and the building's own
leaders. Read off the roster snapshot, as a ticket's routing is (handlers.tickets.assign): the people a resident is
told of are the ones their report would reach."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.tickets.assign import assign
from storage.roster_view import ChatRef, RosterView


@dataclass(frozen=True)
class Contact:
    role: str  # full_time | part_time | building_leader | grid_head
    name: str
    phone: str | None


@dataclass(frozen=True)
class Serving:
    """A place (同鑫花园 3号楼, or a grid's buildings) and who looks after it."""

    place: str
    grid: str
    people: tuple[Contact, ...]


def serving_building(roster: RosterView, chat: ChatRef | None, compound: str | None, building: int) -> Serving | None:
    """The grid a report from this building would go to (the compound named, else the group's)."""
    routed = assign(roster, chat=chat, compound_name=compound, building=building)
    if routed.compound_id is None or roster.building_grid.get((routed.compound_id, building)) != routed.grid_id:
        return None  # (no such building there, or one in no grid: not the group's grid by default, as a report's)
    if routed.grid_id is None:
        return None
    place = f"{roster.compounds[routed.compound_id].name} {building}号楼"
    leaders = roster.building_leaders.get((routed.compound_id, building), [])
    return _serving(roster, routed.grid_id, place, leaders)


def serving_group(roster: RosterView, chat: ChatRef) -> list[Serving]:
    """A group's grid; a group over a compound or a community: each grid with buildings there, in order."""
    if chat.grid_id is not None and chat.grid_id in roster.grids:
        return [_serving(roster, chat.grid_id, _buildings_of(roster, chat.grid_id))]
    compounds = (
        {chat.compound_id}
        if chat.compound_id is not None
        else {c.id for c in roster.compounds.values() if c.community_id == roster.community_of(chat)}
    )
    grids = sorted({g for (c, _), g in roster.building_grid.items() if c in compounds and g is not None})
    return [_serving(roster, grid, _buildings_of(roster, grid, compounds)) for grid in grids]


def serving_grid(roster: RosterView, grid_id: int, compound_id: int | None, building: int | None) -> Serving:
    """The grid of a ticket (a resident's last report), at its building if it has one."""
    if compound_id is not None and building is not None and compound_id in roster.compounds:
        place = f"{roster.compounds[compound_id].name} {building}号楼"
        return _serving(roster, grid_id, place, roster.building_leaders.get((compound_id, building), []))
    return _serving(roster, grid_id, _buildings_of(roster, grid_id))


def _serving(roster: RosterView, grid_id: int, place: str, leaders: list[str] = ()) -> Serving:
    grid = roster.grids[grid_id]
    people = [(role, pid) for role in ("full_time", "part_time") for pid in roster.holders(role, grid_id=grid_id)]
    people += [("building_leader", pid) for pid in leaders]
    if grid.head_id is not None and grid.head_id not in {pid for _, pid in people}:
        people.append(("grid_head", grid.head_id))
    contacts = tuple(Contact(role, roster.name(pid) or pid, roster.phones.get(pid)) for role, pid in people)
    return Serving(place, grid.name, contacts)


def _buildings_of(roster: RosterView, grid_id: int, compounds: set[int] | None = None) -> str:
    """同鑫花园 1-10号楼: a grid's buildings, as runs, compound by compound."""
    numbers: dict[int, list[int]] = {}
    for (compound, number), grid in sorted(roster.building_grid.items()):
        if grid == grid_id and (compounds is None or compound in compounds):
            numbers.setdefault(compound, []).append(number)
    return "、".join(f"{roster.compounds[c].name} {_runs(n)}号楼" for c, n in numbers.items() if c in roster.compounds)


def _runs(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
