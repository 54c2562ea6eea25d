"""docs/json.md shows each command's real output on the example journal: same keys, same values,
the same bytes twice. `python3 dev.py docs` rewrites the examples after a change."""

from __future__ import annotations

import json
import shlex
from typing import Any

import pytest

from conftest import Run
from json_docs import EXAMPLE_ARG, ROOT, as_shown, day_for, documented


def mismatches(promised: Any, actual: Any, where: str = "$") -> list[str]:
    """Where the keys differ; lists are compared by their first items when both have one."""
    if isinstance(promised, dict) and isinstance(actual, dict):
        found = []
        if set(promised) != set(actual):
            found.append(
                f"{where}: documented {sorted(set(promised) - set(actual))} missing, "
                f"undocumented {sorted(set(actual) - set(promised))}"
            )
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


def test_every_command_with_json_is_documented() -> None:
    """Found from the CLI itself: every command with --json has its section in docs/json.md."""
    from json_docs import DOC
    from test_formats import reading_commands

    text = DOC.read_text()
    missing = [c for c in reading_commands() if c != "export" and f"## `mentorlog {c}" not in text]
    assert missing == []


def test_every_reporting_command_is_documented() -> None:
    names = {
        command.split()[0]
        if not command.startswith(("goal", "session", "action", "feedback", "mentor"))
        else " ".join(command.split()[:2])
        for command, _ in documented()
    }
    assert {
        "status",
        "agenda",
        "report",
        "milestones",
        "timeline",
        "search",
        "stats",
        "mentor list",
        "check",
    } <= names


@pytest.mark.parametrize(("command", "promised"), documented(), ids=lambda v: str(v)[:40])
def test_output_is_the_documented_example(
    run: Run, command: str, promised: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = shlex.split(command)
    env = {"MENTORLOG_TODAY": day_for(command)}
    monkeypatch.chdir(ROOT)
    first = run("-j", EXAMPLE_ARG, *args, env=env)
    assert first.exit_code == 0, first.stderr
    assert mismatches(promised, first.json()) == []
    # Values too: the page is the output itself, cut short (run `python3 dev.py docs`).
    assert as_shown(first.json()) == json.dumps(promised, indent=2, ensure_ascii=False) + "\n"
    again = run("-j", EXAMPLE_ARG, *args, env=env)
    assert again.stdout == first.stdout
