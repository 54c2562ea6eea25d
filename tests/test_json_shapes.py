"""docs/json.md shows each command's real output on the example journal: same keys, same values,
the same bytes twice. `python3 dev.py docs` rewrites the examples after a change."""

from __future__ import annotations

import json
import shlex
from typing import Any

import pytest

from conftest import EXAMPLE, Run
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


# --- the JSON Schemas in docs/schemas/ ----------------------------------------------------------


def test_the_schemas_are_what_the_shapes_make() -> None:
    """docs/schemas/ is made from report/shapes.py and the models (`python3 dev.py docs`)."""
    from json_schemas import OUT, all_schemas, text_of

    wanted = all_schemas()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in OUT.glob("*.schema.json")}
    assert sorted(on_disk) == sorted(wanted)
    stale = [name for name, schema in wanted.items() if on_disk[name] != text_of(schema)]
    assert stale == [], "run `python3 dev.py docs`"


def _validator(shape: str) -> Any:
    from jsonschema import Draft202012Validator

    from json_schemas import OUT

    schema = json.loads((OUT / f"{shape}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize(("command", "promised"), documented(), ids=lambda v: str(v)[:40])
def test_every_json_document_follows_its_schema(
    run: Run, command: str, promised: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = run(
        "-j", EXAMPLE_ARG, *shlex.split(command), env={"MENTORLOG_TODAY": day_for(command)}
    )
    document = result.json()
    assert document["shape_version"] >= 1
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in _validator(document["shape"]).iter_errors(document)
    ]
    assert errors == []


def test_the_export_follows_its_schema(run: Run) -> None:
    document = run("-j", str(EXAMPLE), "export", "-f", "json", "--include-private").json()
    assert (document["shape"], document["shape_version"]) == ("export", 1)
    assert list(_validator("export").iter_errors(document)) == []


def test_a_schema_catches_a_document_that_drifts(run: Run) -> None:
    """The schemas are strict enough to fail: a key that is not in the shape, a wrong type."""
    document = run("-j", str(EXAMPLE), "status", "--json").json()
    validator = _validator("status")
    assert validator.is_valid(document)
    assert not validator.is_valid({**document, "surprise": 1})
    assert not validator.is_valid({**document, "today": 20261123})
    assert not validator.is_valid({**document, "shape": "agenda"})
    broken = json.loads(json.dumps(document))
    broken["goals"][0]["progress"] = "sixty"
    assert not validator.is_valid(broken)


def test_timed_moments_follow_the_schema(journal: Any, run: Run) -> None:
    assert (
        run(
            "-j", str(journal), "session", "add", "--notes", "n", "--next", "friday 15:30"
        ).exit_code
        == 0
    )
    handle = run("-j", str(journal), "session", "list", "--json").json()["sessions"][0]["handle"]
    document = run("-j", str(journal), "session", "show", handle, "--json").json()
    assert document["next_at"].endswith(("+00:00", "Z")) or document["next_at"][-6] in "+-"
    assert list(_validator("session-detail").iter_errors(document)) == []
