"""The roster as one in-memory snapshot: who works where, which building is in which grid, who can be
reached on which platform. Routing, titles and permissions read it as plain data, with no queries.

A street's roster is small (thousands of buildings, hundreds of people) and changes only on import, so the
bot keeps a snapshot for a minute at a time (`RosterViews`); residents, who come and go, are not in it.
"""

from __future__ import annotations

import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from bot.vocabulary import ROLES, STAFF_KINDS
from storage.models import Building, Chat, Community, Compound, Grid, Person, PlatformAccount, RoleAssignment

SNAPSHOT_SECONDS = 60.0


@dataclass(frozen=True)
class Role:
    role: str
    grid_id: int | None
    community_id: int | None


@dataclass(frozen=True)
class GridInfo:
    id: int
    name: str
    community_id: int
    head_id: str | None


@dataclass(frozen=True)
class CompoundInfo:
    id: int
    name: str
    community_id: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ChatRef:
    """A roster group and what it is bound to; what routing and texts need of a chat."""

    id: str
    name: str
    grid_id: int | None
    compound_id: int | None
    community_id: int | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Address:
    platform: str
    kind: str  # user | chat
    external_id: str


@dataclass
class RosterView:
    staff: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, kind)
    roles: dict[str, list[Role]] = field(default_factory=lambda: defaultdict(list))
    grids: dict[int, GridInfo] = field(default_factory=dict)
    compounds: dict[int, CompoundInfo] = field(default_factory=dict)
    building_grid: dict[tuple[int, int], int | None] = field(default_factory=dict)
    building_leaders: dict[tuple[int, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    phones: dict[str, str] = field(default_factory=dict)  # staff id → the work number the roster publishes
    person_addresses: dict[str, list[Address]] = field(default_factory=lambda: defaultdict(list))
    chat_addresses: dict[str, list[Address]] = field(default_factory=lambda: defaultdict(list))
    chats: dict[str, ChatRef] = field(default_factory=dict)
    communities: dict[int, str] = field(default_factory=dict)  # id → name
    chat_of_account: dict[tuple[str, str], str] = field(default_factory=dict)  # (platform, group id) → chat
    staff_of_account: dict[tuple[str, str], str] = field(default_factory=dict)  # (platform, user id) → person
    _ids_on: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    # --- groups -----------------------------------------------------------------------------------

    def chat_on(self, platform: str, external_id: str) -> ChatRef | None:
        """The roster group a platform's group is, if any."""
        chat = self.chat_of_account.get((platform, external_id))
        return self.chats.get(chat) if chat else None

    def chat_ids_on(self, platform: str) -> frozenset[str]:
        """The platform's ids of every roster group it has (the web chat's group ids, say)."""
        ids = self._ids_on.get(platform)
        if ids is None:
            ids = self._ids_on[platform] = frozenset(e for (p, e) in self.chat_of_account if p == platform)
        return ids

    def chats_of_grids(self, grid_ids: set[int]) -> list[str]:
        return sorted(chat.id for chat in self.chats.values() if chat.grid_id in grid_ids)

    # --- places -----------------------------------------------------------------------------------

    def compound_named(self, name: str) -> CompoundInfo | None:
        return next((c for c in self.compounds.values() if c.name == name), None)

    def compound_names(self) -> dict[str, list[str]]:
        return {c.name: list(c.aliases) for c in self.compounds.values()}

    def compounds_of_grid(self, grid_id: int) -> set[int]:
        return {compound for (compound, _), grid in self.building_grid.items() if grid == grid_id}

    def compounds_of_community(self, community_id: int) -> list[CompoundInfo]:
        return [c for c in self.compounds.values() if c.community_id == community_id]

    # --- people -----------------------------------------------------------------------------------

    def holders(self, role: str, *, grid_id: int | None = None, community_id: int | None = None) -> list[str]:
        return [
            person
            for person, roles in self.roles.items()
            for r in roles
            if r.role == role
            and (grid_id is None or r.grid_id == grid_id)
            and (community_id is None or r.community_id == community_id)
        ]

    def full_time_worker(self, grid_id: int) -> str | None:
        """The grid's full-time worker, or its head when it has none."""
        workers = self.holders("full_time", grid_id=grid_id)
        return workers[0] if workers else self.grids[grid_id].head_id

    def administers(self, person_id: str, community_id: int | None) -> bool:
        """A street admin, or an admin of this community: who may act on anything there."""
        return any(
            role.role == "street_admin" or (role.role == "community_admin" and role.community_id == community_id)
            for role in self.roles.get(person_id, [])
        )

    def community_of(self, chat: ChatRef) -> int | None:
        """The community a group belongs to: its own, or its compound's or grid's."""
        if chat.community_id is not None:
            return chat.community_id
        if chat.compound_id is not None and chat.compound_id in self.compounds:
            return self.compounds[chat.compound_id].community_id
        if chat.grid_id is not None and chat.grid_id in self.grids:
            return self.grids[chat.grid_id].community_id
        return None

    def serves(self, person_id: str, chat: ChatRef) -> bool:
        """Whether the person works for the group's residents: a street admin, an admin of its community, or staff
        (a grid head included) of its grid or of a grid over its compound. A worker in another compound's group is
        a resident there."""
        community = self.community_of(chat)
        if self.administers(person_id, community):
            return True
        grids = {role.grid_id for role in self.roles.get(person_id, []) if role.grid_id is not None}
        if chat.grid_id is not None:
            return chat.grid_id in grids
        if chat.compound_id is not None:
            return any(chat.compound_id in self.compounds_of_grid(grid) for grid in grids)
        return any(self.grids[grid].community_id == community for grid in grids if grid in self.grids)

    def is_staff(self, person_id: str) -> bool:
        return person_id in self.staff and self.staff[person_id][1] in STAFF_KINDS

    def staff_named(self, text: str) -> str | None:
        """A staff member's id from their id or their name, as a worker writes it in 转派 N 人员."""
        text = unicodedata.normalize("NFKC", text).strip().lstrip("@")  # ＠李网格员 is written too
        if self.is_staff(text):
            return text
        return next((pid for pid, (name, _) in self.staff.items() if name == text and self.is_staff(pid)), None)

    def name(self, person_id: str) -> str | None:
        return self.staff[person_id][0] if person_id in self.staff else None

    def grid_of(self, person_id: str) -> GridInfo | None:
        return next((self.grids[r.grid_id] for r in self.roles.get(person_id, []) if r.grid_id is not None), None)

    def title(self, person_id: str) -> str:
        """How a group sees a worker: grid and name, e.g. "同鑫第一网格 张网格员"."""
        name = self.name(person_id) or "工作人员"
        grid = self.grid_of(person_id)
        return f"{grid.name} {name}" if grid else name

    def role_title(self, person_id: str) -> str:
        """What a person does, e.g. "同鑫第一网格 专职网格员"."""
        roles = self.roles.get(person_id)
        if not roles:
            return ""
        grid = self.grid_of(person_id)
        return f"{grid.name} {ROLES[roles[0].role]}" if grid else ROLES[roles[0].role]


def load_roster_view(connection: Connection) -> RosterView:
    view = RosterView()
    for pid, name, kind, phone in connection.execute(
        select(Person.id, Person.name, Person.kind, Person.phone).where(Person.kind != "resident")
    ):
        view.staff[pid] = (name, kind)
        if phone:
            view.phones[pid] = phone
    roles = select(
        RoleAssignment.person_id,
        RoleAssignment.role,
        RoleAssignment.grid_id,
        RoleAssignment.community_id,
        RoleAssignment.detail,
    )
    led: list[tuple[str, dict]] = []  # (leader, their buildings by compound name), placed once compounds are read
    for pid, role, grid_id, community_id, detail in connection.execute(roles.order_by(RoleAssignment.id)):
        view.roles[pid].append(Role(role, grid_id, community_id))
        if role == "building_leader" and (detail or {}).get("buildings"):
            led.append((pid, detail["buildings"]))
    for gid, name, community_id, head in connection.execute(
        select(Grid.id, Grid.name, Grid.community_id, Grid.head_id)
    ):
        view.grids[gid] = GridInfo(gid, name, community_id, head)
    for cid, name, community_id, aliases in connection.execute(
        select(Compound.id, Compound.name, Compound.community_id, Compound.aliases)
    ):
        view.compounds[cid] = CompoundInfo(cid, name, community_id, tuple(aliases))
    for compound, number, grid in connection.execute(select(Building.compound_id, Building.number, Building.grid_id)):
        view.building_grid[(compound, number)] = grid
    for pid, buildings in led:
        for name, numbers in buildings.items():
            if (compound := view.compound_named(name)) is not None:
                for number in numbers:
                    view.building_leaders[(compound.id, number)].append(pid)
    for cid, name in connection.execute(select(Community.id, Community.name)):
        view.communities[cid] = name
    chats = select(Chat.id, Chat.name, Chat.grid_id, Chat.compound_id, Chat.community_id, Chat.tags)
    for gid, name, grid, compound, community, tags in connection.execute(chats):
        view.chats[gid] = ChatRef(gid, name, grid, compound, community, tuple(tags or ()))
    accounts = select(
        PlatformAccount.platform,
        PlatformAccount.kind,
        PlatformAccount.external_id,
        PlatformAccount.person_id,
        PlatformAccount.chat_id,
    ).order_by(PlatformAccount.id)
    for platform, kind, external, person, chat in connection.execute(accounts):
        if chat is not None:
            view.chat_addresses[chat].append(Address(platform, kind, external))
            view.chat_of_account[(platform, external)] = chat
        elif person in view.staff:
            view.person_addresses[person].append(Address(platform, kind, external))
            view.staff_of_account[(platform, external)] = person
    return view


class RosterViews:
    """Hands out the current snapshot, reloading it once it is a minute old. `load` reads a fresh one (a
    Store's `roster`), so the snapshot is read in the caller's transaction."""

    def __init__(self, seconds: float = SNAPSHOT_SECONDS) -> None:
        self.seconds = seconds
        self._view: RosterView | None = None
        self._loaded = 0.0
        self._looked_again = float("-inf")

    def current(self, load: Callable[[], RosterView]) -> RosterView:
        if self._view is None or time.monotonic() > self._loaded + self.seconds:
            self._view, self._loaded = load(), time.monotonic()
        return self._view

    def fresher(self, load: Callable[[], RosterView], older_than: float) -> RosterView:
        """The snapshot read again, for a lookup that missed (a group bound or moved since, perhaps by another
        process), but not if a miss read it less than `older_than` seconds ago: a stream of misses (chatter in
        a group nobody registered) must not reload it every time."""
        now = time.monotonic()
        if self._view is not None and now < self._looked_again + older_than:
            return self._view
        self._view, self._loaded = load(), now
        self._looked_again = now
        return self._view

    def cached(self) -> RosterView | None:
        """The snapshot held now, however old, without reading anything (for the event loop)."""
        return self._view

    def forget(self) -> None:
        self._view = None
