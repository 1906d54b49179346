"""Who looks after a place: the grid its building is in, that grid's workers and head, and the building's leaders.
Read off the roster snapshot, as a ticket's routing is (handlers.tickets.assign): the people a resident is told of
are the ones their report from there would reach."""

from __future__ import annotations

from dataclasses import dataclass

from storage.roster_view import ChatRef, CompoundInfo, RosterView

WORKERS = ("full_time", "part_time")


@dataclass(frozen=True)
class Contact:
    roles: tuple[str, ...]  # of full_time, part_time, building_leader, grid_head: one line per person
    name: str
    phone: str | None
    buildings: str = ""  # a building leader's, in a grid's whole list (1-3号楼)


@dataclass(frozen=True)
class Serving:
    """A place (同鑫花园 3号楼, or a grid's buildings) and who looks after it."""

    place: str
    grid: str
    people: tuple[Contact, ...]


@dataclass(frozen=True)
class Unserved:
    """A building named that no grid looks after: none of that number there, or one in no grid yet."""

    compound: str
    building: int
    exists: bool


def serving_building(roster: RosterView, compound: CompoundInfo, building: int) -> Serving | Unserved:
    """The grid a report from this building would go to, with its own leaders."""
    if (compound.id, building) not in roster.building_grid:
        return Unserved(compound.name, building, exists=False)
    grid = roster.building_grid[(compound.id, building)]
    if grid is None or grid not in roster.grids:
        return Unserved(compound.name, building, exists=True)
    leaders = {pid: "" for pid in roster.building_leaders.get((compound.id, building), [])}
    return _serving(roster, grid, f"{compound.name} {building}号楼", leaders)


def serving_group(roster: RosterView, chat: ChatRef) -> list[Serving]:
    """A group's grid; a group over a compound or a community: each grid with buildings there, in order."""
    if chat.grid_id is not None and chat.grid_id in roster.grids:
        compounds = roster.compounds_of_grid(chat.grid_id)
        return [_serving(roster, chat.grid_id, _buildings_of(roster, chat.grid_id), _leaders(roster, compounds))]
    if chat.compound_id is not None:
        return serving_compounds(roster, {chat.compound_id})
    return serving_compounds(roster, {c.id for c in roster.compounds_of_community(roster.community_of(chat) or -1)})


def serving_compounds(roster: RosterView, compounds: set[int]) -> list[Serving]:
    """Each grid with buildings in these compounds, with those buildings."""
    grids = sorted({g for (c, _), g in roster.building_grid.items() if c in compounds and g in roster.grids})
    leaders = _leaders(roster, compounds)
    return [_serving(roster, grid, _buildings_of(roster, grid, compounds), leaders) for grid in grids]


def compound_of_group(roster: RosterView, chat: ChatRef) -> CompoundInfo | None:
    """The compound a group is in: its own, or its grid's when the grid's buildings are in one compound only."""
    if chat.compound_id is not None:
        return roster.compounds.get(chat.compound_id)
    compounds = roster.compounds_of_grid(chat.grid_id) if chat.grid_id is not None else set()
    return roster.compounds.get(next(iter(compounds))) if len(compounds) == 1 else None


def serving_grid(roster: RosterView, grid_id: int) -> Serving:
    """A grid with all its buildings (the grid of a report that named no building, or of a worker)."""
    leaders = _leaders(roster, roster.compounds_of_grid(grid_id))
    return _serving(roster, grid_id, _buildings_of(roster, grid_id), leaders)


def compounds_in_scope(roster: RosterView, chat: ChatRef | None) -> list[CompoundInfo]:
    """The compounds a building named alone may be in: a group's community's (a group over a community), else all."""
    community = roster.community_of(chat) if chat is not None else None
    found = roster.compounds_of_community(community) if community is not None else list(roster.compounds.values())
    return sorted(found, key=lambda c: c.id)


def compounds_with(compounds: list[CompoundInfo], roster: RosterView, building: int) -> list[CompoundInfo]:
    """Of these compounds, those with a building of this number (which one a resident means, naming none)."""
    return [c for c in compounds if (c.id, building) in roster.building_grid]


def _serving(roster: RosterView, grid_id: int, place: str, leaders: dict[str, str]) -> Serving:
    """The grid's workers, the leaders given (only those in this grid, with their buildings), and its head; one
    line per person, with every role they hold here."""
    grid = roster.grids[grid_id]
    roles: dict[str, list[str]] = {}
    for role in WORKERS:
        for pid in roster.holders(role, grid_id=grid_id):
            roles.setdefault(pid, []).append(role)
    in_grid = set(roster.holders("building_leader", grid_id=grid_id))
    for pid in leaders:
        if pid in in_grid:
            roles.setdefault(pid, []).append("building_leader")
    if grid.head_id is not None:
        roles.setdefault(grid.head_id, []).append("grid_head")
    people = tuple(
        Contact(tuple(held), roster.name(pid) or pid, roster.phones.get(pid), leaders.get(pid, ""))
        for pid, held in roles.items()
    )
    return Serving(place, grid.name, people)


def _leaders(roster: RosterView, compounds: set[int]) -> dict[str, str]:
    """Building leaders in these compounds, each with their buildings (1-3号楼)."""
    led: dict[str, dict[int, list[int]]] = {}
    for (compound, number), people in sorted(roster.building_leaders.items()):
        if compound in compounds:
            for pid in people:
                led.setdefault(pid, {}).setdefault(compound, []).append(number)
    return {pid: _places(roster, by_compound, named=len(compounds) > 1) for pid, by_compound in led.items()}


def _buildings_of(roster: RosterView, grid_id: int, compounds: set[int] | None = None) -> str:
    """同鑫花园 1-10号楼: a grid's buildings, as runs, compound by compound."""
    numbers: dict[int, list[int]] = {}
    for (compound, number), grid in sorted(roster.building_grid.items()):
        if grid == grid_id and (compounds is None or compound in compounds):
            numbers.setdefault(compound, []).append(number)
    return _places(roster, numbers, named=True)


def _places(roster: RosterView, numbers: dict[int, list[int]], named: bool) -> str:
    parts = (
        (f"{roster.compounds[c].name} " if named else "") + f"{_runs(n)}号楼"
        for c, n in numbers.items()
        if c in roster.compounds
    )
    return "、".join(parts)


def _runs(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
