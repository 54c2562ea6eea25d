"""Every JSON document has exactly the keys docs/json.md promises, and the same bytes twice."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, Run

DOC = Path(__file__).resolve().parent.parent / "docs" / "json.md"
SECTION = re.compile(r"^## `mentorlog (?P<command>[^`]+)`\n(?P<body>.*?)```json\n(?P<json>.*?)```",
                     re.S | re.M)
# The day each documented example was made on (docs/json.md says which).
DAYS = {"agenda": "2026-12-20"}


def documented() -> list[tuple[str, Any]]:
    return [(m["command"], json.loads(m["json"])) for m in SECTION.finditer(DOC.read_text())]


def mismatches(promised: Any, actual: Any, where: str = "$") -> list[str]:
    """Where the keys differ; lists are compared by their first items when both have one."""
    if isinstance(promised, dict) and isinstance(actual, dict):
        found = []
        if set(promised) != set(actual):
            found.append(f"{where}: documented {sorted(set(promised) - set(actual))} missing, "
                         f"undocumented {sorted(set(actual) - set(promised))}")
        for key in set(promised) & set(actual):
            found += mismatches(promised[key], actual[key], f"{where}.{key}")
        return found
    if isinstance(promised, list) and isinstance(actual, list):
        if promised and actual:
            return mismatches(promised[0], actual[0], f"{where}[0]")
        return []
    if promised is None or actual is None:
        return []
    if type(promised) is not type(actual) and not {type(promised), type(actual)} <= {int, float}:
        return [f"{where}: documented {type(promised).__name__}, got {type(actual).__name__}"]
    return []


def test_every_reporting_command_is_documented() -> None:
    names = {command.split()[0] if not command.startswith(("goal", "session", "action",
                                                            "feedback", "mentor"))
             else " ".join(command.split()[:2]) for command, _ in documented()}
    assert {"status", "agenda", "report", "milestones", "timeline", "search", "stats",
            "mentor list"} <= names


@pytest.mark.parametrize(("command", "promised"), documented(), ids=lambda v: str(v)[:40])
def test_output_has_the_documented_keys(run: Run, command: str, promised: Any) -> None:
    args = shlex.split(command)
    env = {"MENTORLOG_TODAY": DAYS.get(args[0], "2026-11-23")}
    first = run("-j", str(EXAMPLE), *args, env=env)
    assert first.exit_code == 0, first.stderr
    assert mismatches(promised, first.json()) == []
    again = run("-j", str(EXAMPLE), *args, env=env)
    assert again.stdout == first.stdout
