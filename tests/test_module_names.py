"""A module-level name defined twice in one module: the later silently replaces the earlier for every function that
reads it at call time. Stop 34 named a new pattern _PLEA in bot/nlp/urgency.py, which already had one that
_elsewhere asks, and changed what counts as a plea to pass a notice on without a test failing."""

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"


def _defined_twice(path: Path) -> list[str]:
    seen: dict[str, int] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        else:
            names = []
        for name in names:
            seen[name] = seen.get(name, 0) + 1
    return sorted(name for name, count in seen.items() if count > 1)


@pytest.mark.parametrize("path", sorted(BOT.rglob("*.py")), ids=lambda path: str(path.relative_to(BOT)))
def test_no_module_defines_a_name_twice(path):
    assert _defined_twice(path) == []


def test_the_check_finds_a_name_defined_twice(tmp_path):
    module = tmp_path / "shadow.py"
    module.write_text('_PLEA = "a"\n\n\ndef read():\n    return _PLEA\n\n\n_PLEA = "b"\n', encoding="utf-8")
    assert _defined_twice(module) == ["_PLEA"]
