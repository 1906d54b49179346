"""From roster YAML to a checked `Roster`: every name a grid or group refers to must exist."""

from __future__ import annotations

from pathlib import Path

import yaml

from storage.roster_file import (
    CATEGORIES,
    WORKER_ROLES,
    CommunitySpec,
    CompoundSpec,
    DepartmentSpec,
    GridSpec,
    GroupSpec,
    PersonSpec,
    Roster,
    RosterError,
    WorkerSpec,
    _LineLoader,
    _Node,
    _Reader,
)


def load_roster(path: str | Path) -> Roster:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RosterError(f"{path}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise RosterError(f"{path}: not UTF-8 text") from error
    return parse_roster(text, str(path))


def parse_roster(text: str, source: str = "<roster>") -> Roster:
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"{mark.line + 1}: " if mark else ""
        raise RosterError(f"{source}:{line}not valid YAML: {getattr(error, 'problem', error)}") from error
    if not isinstance(data, dict):
        raise RosterError(f"{source}:1: the roster must be a mapping with street and communities")
    builder = _Builder(_Reader(source))
    roster = builder.roster(data)
    builder.check_people()
    return roster


class _Builder:
    def __init__(self, reader: _Reader) -> None:
        self.r = reader
        self.people: dict[str, tuple[PersonSpec, str]] = {}
        self.group_ids: set[str] = set()
        self.names: dict[str, set[str]] = {"community": set(), "compound": set(), "grid": set()}
        self.compound_buildings: dict[str, list[int]] = {}

    def roster(self, data: _Node) -> Roster:
        self.r.only(data, "", {"street", "communities", "departments"})
        street = self.r.get(data, "street", "", dict)
        self.r.only(street, "street", {"name", "admins"})
        street_name = self.r.get(street, "name", "street", str).strip()
        admins = [self.person(p, f"street.admins[{i}]") for i, p in enumerate(self.r.items(street, "admins", "street"))]
        communities = [
            self.community(c, f"communities[{i}]") for i, c in enumerate(self.r.items(data, "communities", ""))
        ]
        if not communities:
            raise self.r.fail(data, "communities", "at least one community is needed", "communities")
        departments = [
            self.department(d, f"departments[{i}]") for i, d in enumerate(self.r.items(data, "departments", ""))
        ]
        return Roster(street_name, admins, communities, departments)

    def person(self, node: _Node, path: str) -> PersonSpec:
        """A person may appear in several places (a head of two grids); the same id must mean one name."""
        spec = self.r.person(node, path)
        known = self.people.get(spec.id)
        if known and known[0].name != spec.name:
            raise self.r.fail(node, f"{path}.name", f"{spec.id} is called {known[0].name!r} at {known[1]}", "name")
        if known and known[0].phone and spec.phone and known[0].phone != spec.phone:
            raise self.r.fail(node, f"{path}.phone", f"{spec.id}'s phone is {known[0].phone!r} at {known[1]}", "phone")
        if known:
            for platform, account in spec.accounts.items():
                known[0].accounts.setdefault(platform, account)
            known[0].phone = known[0].phone or spec.phone
            return known[0]
        self.people[spec.id] = (spec, path)
        return spec

    def unique(self, kind: str, name: str, node: _Node, path: str) -> str:
        if name in self.names[kind]:
            raise self.r.fail(node, f"{path}.name", f"{kind} {name!r} appears twice", "name")
        self.names[kind].add(name)
        return name

    def community(self, node: _Node, path: str) -> CommunitySpec:
        self.r.only(node, path, {"name", "admins", "compounds", "grids", "groups"})
        name = self.unique("community", self.r.get(node, "name", path, str).strip(), node, path)
        admins = [self.person(p, f"{path}.admins[{i}]") for i, p in enumerate(self.r.items(node, "admins", path))]
        compounds = [
            self.compound(c, f"{path}.compounds[{i}]") for i, c in enumerate(self.r.items(node, "compounds", path))
        ]
        grids = [
            self.grid(g, f"{path}.grids[{i}]", {c.name for c in compounds})
            for i, g in enumerate(self.r.items(node, "grids", path))
        ]
        groups = [self.group(g, f"{path}.groups[{i}]", name) for i, g in enumerate(self.r.items(node, "groups", path))]
        return CommunitySpec(name, admins, compounds, grids, groups)

    def compound(self, node: _Node, path: str) -> CompoundSpec:
        self.r.only(node, path, {"name", "aliases", "buildings"})
        name = self.unique("compound", self.r.get(node, "name", path, str).strip(), node, path)
        aliases = self.r.get(node, "aliases", path, list, required=False) or []
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            raise self.r.fail(node, f"{path}.aliases", "expected a list of names", "aliases")
        buildings = self.r.numbers(node, "buildings", path)
        self.compound_buildings[name] = buildings
        return CompoundSpec(name, [a.strip() for a in aliases], buildings)

    def building_map(self, node: _Node, path: str, compounds: set[str]) -> dict[str, list[int]]:
        mapping = self.r.get(node, "buildings", path, dict)
        result = {}
        for compound in mapping:
            if compound not in compounds:
                raise self.r.fail(
                    mapping, f"{path}.buildings.{compound}", "no such compound in this community", compound
                )
            numbers = self.r.numbers(mapping, compound, f"{path}.buildings")
            outside = sorted(set(numbers) - set(self.compound_buildings[compound]))
            if outside:
                raise self.r.fail(
                    mapping, f"{path}.buildings.{compound}", f"buildings {outside[:5]} are not in {compound}", compound
                )
            result[compound] = numbers
        return result

    def grid(self, node: _Node, path: str, compounds: set[str]) -> GridSpec:
        self.r.only(node, path, {"name", "buildings", "head", "workers"})
        name = self.unique("grid", self.r.get(node, "name", path, str).strip(), node, path)
        buildings = self.building_map(node, path, compounds)
        head_node = self.r.get(node, "head", path, dict, required=False)
        head = self.person(head_node, f"{path}.head") if head_node else None
        workers = []
        for i, w in enumerate(self.r.items(node, "workers", path)):
            wpath = f"{path}.workers[{i}]"
            role = self.r.get(w, "role", wpath, str, required=False) or "full_time"
            if role not in WORKER_ROLES:
                raise self.r.fail(
                    w, f"{wpath}.role", f"unknown role {role!r} (known: {', '.join(WORKER_ROLES)})", "role"
                )
            own = self.building_map(w, wpath, compounds) if "buildings" in w else {}
            workers.append(WorkerSpec(self.person(w, wpath), role, own))
        return GridSpec(name, buildings, head, workers)

    def group(self, node: _Node, path: str, community: str) -> GroupSpec:
        self.r.only(node, path, {"id", "name", "grid", "compound", "community", "accounts", "tags"})
        gid = str(self.r.get(node, "id", path, (str, int)))
        if gid in self.group_ids or gid.startswith("dm:"):
            raise self.r.fail(node, f"{path}.id", f"group id {gid!r} is used twice or reserved", "id")
        self.group_ids.add(gid)
        name = self.r.get(node, "name", path, str).strip()
        bindings = [(k, self.r.get(node, k, path, str).strip()) for k in ("grid", "compound", "community") if k in node]
        if len(bindings) != 1:
            raise self.r.fail(node, path, "a group is bound to exactly one of grid, compound or community")
        kind, target = bindings[0]
        if kind == "community" and target != community:
            raise self.r.fail(node, f"{path}.community", f"a group of {community} cannot bind to {target}", kind)
        if kind != "community" and target not in self.names[kind]:
            raise self.r.fail(node, f"{path}.{kind}", f"no {kind} called {target!r} (define it above the group)", kind)
        tags = self.r.get(node, "tags", path, list, required=False) or []
        if not all(isinstance(t, str) and t.strip() for t in tags):
            raise self.r.fail(node, f"{path}.tags", "tags are words, e.g. tags: [老旧小区, 电动车多]", "tags")
        return GroupSpec(gid, name, (kind, target), self.r.accounts(node, path), sorted({t.strip() for t in tags}))

    def department(self, node: _Node, path: str) -> DepartmentSpec:
        categories = self.r.get(node, "categories", path, list, required=False) or []
        unknown = [c for c in categories if c not in CATEGORIES]
        if unknown:
            raise self.r.fail(node, f"{path}.categories", f"unknown categories {unknown}", "categories")
        return DepartmentSpec(self.person(node, path), list(categories))

    def check_people(self) -> None:
        """The same platform account cannot belong to two people: messages would go to the wrong one."""
        owners: dict[tuple[str, str], str] = {}
        for spec, path in self.people.values():
            for platform, account in spec.accounts.items():
                other = owners.setdefault((platform, account), spec.id)
                if other != spec.id:
                    raise RosterError(
                        f"{self.r.source}: {path}.accounts.{platform}: {account} already belongs to {other}"
                    )
