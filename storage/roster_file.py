"""Reading and checking a roster YAML file, so that a bad file is rejected with the field and line at fault.

The result is a plain `Roster` value; storage.roster writes it to the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from bot import vocabulary

PLATFORMS = tuple(vocabulary.PLATFORMS)
WORKER_ROLES = vocabulary.WORKER_ROLES
CATEGORIES = tuple(vocabulary.CATEGORIES)
PERSON_KEYS = {"id", "name", "phone", "accounts", "role", "buildings", "categories"}
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{3,24}")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


class RosterError(ValueError):
    """A roster file that cannot be imported; the message names the file, line and field."""


@dataclass
class PersonSpec:
    id: str
    name: str
    accounts: dict[str, str] = field(default_factory=dict)
    phone: str | None = None


@dataclass
class WorkerSpec:
    person: PersonSpec
    role: str
    buildings: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class GridSpec:
    name: str
    buildings: dict[str, list[int]]
    head: PersonSpec | None
    workers: list[WorkerSpec]


@dataclass
class CompoundSpec:
    name: str
    aliases: list[str]
    buildings: list[int]


@dataclass
class GroupSpec:
    id: str
    name: str
    bound_to: tuple[str, str]  # ("grid" | "compound" | "community", name)
    accounts: dict[str, str]
    tags: list[str] = field(default_factory=list)


@dataclass
class CommunitySpec:
    name: str
    admins: list[PersonSpec]
    compounds: list[CompoundSpec]
    grids: list[GridSpec]
    groups: list[GroupSpec]


@dataclass
class DepartmentSpec:
    person: PersonSpec
    categories: list[str]


@dataclass
class Roster:
    street: str
    street_admins: list[PersonSpec]
    communities: list[CommunitySpec]
    departments: list[DepartmentSpec]


class _Node(dict):
    """A mapping that remembers the line of each key, for error messages."""

    line: int = 0
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings are `_Node`s that know their lines."""


def _construct_node(loader: _LineLoader, node: yaml.MappingNode) -> _Node:
    mapping = _Node(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_node)


class _Reader:
    """Walks the loaded YAML, checking types as it goes; every error carries file:line and the field path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: _Node | None, path: str, message: str, key: str | None = None) -> RosterError:
        line = where.key_lines.get(key, where.line) if isinstance(where, _Node) and key else getattr(where, "line", 0)
        return RosterError(f"{self.source}:{line}: {path}: {message}")

    def only(self, node: _Node, path: str, allowed: set[str]) -> None:
        """An unknown key is a typo until proven otherwise (workers: vs worker:), never silently dropped."""
        for key in node:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(node, f"{path}.{key}".lstrip("."), f"unknown field (known here: {known})", key)

    def get(self, node: _Node, key: str, path: str, kind: type | tuple, required: bool = True):
        if not isinstance(node, dict):
            raise self.fail(None, path, "expected a mapping")
        if key not in node or node[key] is None:
            if required:
                raise self.fail(node, f"{path}.{key}", "missing")
            return None
        value = node[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(node, f"{path}.{key}", f"expected {names}, got {type(value).__name__}", key)
        if isinstance(value, str) and not value.strip():
            raise self.fail(node, f"{path}.{key}", "empty", key)
        return value

    def items(self, node: _Node, key: str, path: str) -> list:
        value = self.get(node, key, path, list, required=False) or []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(node, f"{path}.{key}[{i}]", "expected a mapping", key)
        return value

    def person(self, node: _Node, path: str) -> PersonSpec:
        if not isinstance(node, dict):
            raise self.fail(None, path, "expected a mapping with id and name")
        self.only(node, path, PERSON_KEYS)
        pid = str(self.get(node, "id", path, (str, int)))
        if not _ID.match(pid):
            raise self.fail(node, f"{path}.id", f"{pid!r} is not a valid id (letters, digits, _ . -)", "id")
        name = self.get(node, "name", path, str)
        return PersonSpec(pid, name.strip(), self.accounts(node, path), self.phone(node, path))

    def phone(self, node: _Node, path: str) -> str | None:
        """A work number as people write it (13800000002, 0531-8888 6666, +86 138 0000 0002), kept so."""
        if isinstance(node.get("phone"), int):  # YAML reads 01065001234 as an octal number: 148112028
            raise self.fail(node, f"{path}.phone", 'write the number in quotes, e.g. phone: "13800000000"', "phone")
        phone = self.get(node, "phone", path, str, required=False)
        if phone is None:
            return None
        phone = phone.strip()
        if not _PHONE.fullmatch(phone) or not 5 <= sum(c.isdigit() for c in phone) <= 15:
            raise self.fail(node, f"{path}.phone", f"{phone!r} is not a telephone number", "phone")
        return phone

    def accounts(self, node: _Node, path: str) -> dict[str, str]:
        accounts = self.get(node, "accounts", path, dict, required=False) or {}
        for platform, value in accounts.items():
            if platform not in PLATFORMS:
                raise self.fail(
                    accounts,
                    f"{path}.accounts.{platform}",
                    f"unknown platform (known: {', '.join(PLATFORMS)})",
                    platform,
                )
            if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                raise self.fail(accounts, f"{path}.accounts.{platform}", "expected an id", platform)
        return {p: str(v).strip() for p, v in accounts.items()}

    def numbers(self, node: _Node, key: str, path: str) -> list[int]:
        """Building numbers written as 5, "1-20" or "1-3, 7, 9-10"."""
        value = self.get(node, key, path, (str, int))
        numbers: list[int] = []
        for part in str(value).split(","):
            match = _RANGE.match(part)
            if not match:
                raise self.fail(node, f"{path}.{key}", f"{value!r} is not a building range like 1-20", key)
            low, high = int(match[1]), int(match[2] or match[1])
            if low < 1 or high < low or high > 9999:
                raise self.fail(node, f"{path}.{key}", f"{part.strip()!r} is not a valid range", key)
            numbers.extend(range(low, high + 1))
        return sorted(set(numbers))
