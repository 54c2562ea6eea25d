"""Validation with pydantic-core schemas built from the model's declarations (validation.py):
the same checks and the same errors as pydantic's own models of the same classes, without
pydantic's Python half, and nothing of it kept between runs."""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conftest import EXAMPLE
from mentorlog import model, validation
from mentorlog.model import Part
from pydantic_reference import Validated, model_of, plain_class

# Runs mentorlog in this process, then says which of pydantic's halves it imported.
IMPORTS_OF_A_RUN = """
import runpy, sys
sys.argv = ["mentorlog", *sys.argv[1:]]
try:
    runpy.run_module("mentorlog", run_name="__main__")
except SystemExit as exit:
    print("exit:", exit.code, file=sys.stderr)
found = {name.split(".")[0] for name in sys.modules} & {"pydantic", "pydantic_core"}
print("imported:", sorted(found), file=sys.stderr)
print("searched:", "importlib.metadata" in sys.modules, file=sys.stderr)
"""

ENTRY_CLASSES = {
    cls.folder: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, model.Entry) and cls.folder
}


def _class_of(root: Path, path: Path) -> type[Part] | None:
    parts = path.relative_to(root).parts
    if parts[0] == "private":
        parts = parts[1:]
    if path.name == "mentorlog.toml":
        return model.JournalConfig
    if parts[0] == "changes":
        return model.Change
    return ENTRY_CLASSES.get(parts[0])


def _as_plain_data(value: Any) -> Any:
    """A part as comparable data: its class, fields and unknown fields."""
    if isinstance(value, Part):
        fields = {name: _as_plain_data(getattr(value, name)) for name in type(value)._fields}
        return (type(value).__name__, fields, dict(value._extra or {}))
    if isinstance(value, list):
        return [_as_plain_data(item) for item in value]
    return value


def _by_pydantic(cls: type[Part], data: Any) -> Any:
    """What pydantic's own model makes of `data`, as plain data (or its errors)."""

    def plain(validated: Any) -> Any:
        if isinstance(validated, list):
            return [plain(item) for item in validated]
        if not isinstance(validated, Validated):
            return validated
        cls = plain_class(type(validated))
        fields = {name: plain(validated.__dict__[name]) for name in cls._fields}
        return (cls.__name__, fields, dict(validated.__pydantic_extra__ or {}))

    try:
        return plain(model_of(cls).model_validate(data))
    except ValidationError as error:
        return error.errors(include_url=False)


def _by_schema(cls: type[Part], data: Any) -> Any:
    try:
        return _as_plain_data(validation.validate(cls, data))
    except ValidationError as error:
        return error.errors(include_url=False)


def test_schemas_accept_and_refuse_exactly_what_pydantic_does() -> None:
    """Every file of the example journal, a copy with unknown fields and three broken copies of
    each (a field given a value of the wrong kind, out of range, empty or a table): the same
    part (unknown fields included) or the same errors (field, message, input) as pydantic's
    own model of the class gives."""
    rng = random.Random(12)
    cases = []
    for path in sorted(EXAMPLE.rglob("*.toml")):
        cls = _class_of(EXAMPLE, path)
        assert cls is not None, path
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append((cls, data))
        # Unknown fields, kept: at the top and in a table of a list (a milestone, an action).
        unknown = copy.deepcopy(data)
        unknown["added_by_hand"] = {"note": "kept"}
        for value in unknown.values():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                value[0]["colour"] = "green"
        cases.append((cls, unknown))
        for _ in range(3):
            broken = copy.deepcopy(data)
            field = rng.choice(sorted(broken))
            broken[field] = rng.choice([None, 7, -1, "x", "", 3.5, [1], {"a": 1}, "2026-13-01"])
            cases.append((cls, broken))
    refused = 0
    assert sum(bool(data.get("added_by_hand")) for _, data in cases) > 20
    for cls, data in cases:
        expected = _by_pydantic(cls, data)
        assert _by_schema(cls, data) == expected, (cls.__name__, data)
        refused += isinstance(expected, list) and bool(expected) and "msg" in expected[0]
    assert refused > 50  # the broken copies really were refused, and compared as errors


def _mentorlog(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", IMPORTS_OF_A_RUN, *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
        timeout=60,
    )


def test_a_write_validates_with_pydantic_core_alone(tmp_path: Path) -> None:
    """A write validates what it writes with pydantic-core, never importing pydantic itself
    nor searching for its plugins (importlib.metadata, every installed package's entry
    points: a tenth of a write); a bad value is still refused, by file and field."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    for arguments in (
        ["ask", "First question?", "--tag", "kept"],
        ["goal", "progress", goal, "30"],
    ):
        run = _mentorlog("-j", str(journal), *arguments)
        assert "exit: 0" in run.stderr or "exit:" not in run.stderr, run.stderr
        assert "imported: ['pydantic_core']" in run.stderr, run.stderr
        assert "searched: False" in run.stderr, run.stderr
    asked = {
        q["text"]: q
        for q in (
            tomllib.loads(p.read_text("utf-8")) for p in (journal / "questions").glob("*.toml")
        )
    }
    assert asked["First question?"]["tags"] == ["kept"]
    bad = journal / "questions" / "2026-11-20-badvalue0001.toml"
    bad.write_text(
        'id = "badvalue0001"\ndate = 2026-11-20\ntext = "Odd"\ndiscussed = 7\n'
        "created = 2026-11-20 10:00:00+00:00\n",
        encoding="utf-8",
    )
    check = _mentorlog("-j", str(journal), "check")
    assert "2026-11-20-badvalue0001.toml" in check.stdout + check.stderr
    assert "discussed" in check.stdout + check.stderr
    assert "exit: 0" not in check.stderr


def test_a_read_of_the_index_imports_no_pydantic(tmp_path: Path) -> None:
    """Files are validated when read anew; a read of what the index holds imports neither half
    of pydantic. A file changed since is validated again, and its new text shown."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)

    def status() -> subprocess.CompletedProcess[str]:
        return _mentorlog("-j", str(journal), "status", "--json")

    building, warm = status(), status()
    assert "imported: ['pydantic_core']" in building.stderr
    assert "imported: []" in warm.stderr
    assert json.loads(warm.stdout) == json.loads(building.stdout)
    question = sorted((journal / "questions").glob("*.toml"))[-1]
    text = question.read_text(encoding="utf-8")
    old = text.split('text = "', 1)[1].split('"', 1)[0]
    question.write_text(text.replace(old, "Rewritten by hand?"), encoding="utf-8")
    changed = status()
    assert "imported: ['pydantic_core']" in changed.stderr
    assert "Rewritten by hand?" in {q["text"] for q in json.loads(changed.stdout)["questions"]}


def test_validation_keeps_nothing_between_runs(tmp_path: Path) -> None:
    """No validator or schema is written anywhere: the cache folder holds the index alone."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    cache = tmp_path / "cache"
    env = {**os.environ, "MENTORLOG_CACHE_DIR": str(cache), "MENTORLOG_TODAY": "2026-11-23"}
    for arguments in (["ask", "Kept?"], ["status"]):
        subprocess.run(
            [sys.executable, "-m", "mentorlog", "-j", str(journal), *arguments],
            env=env,
            capture_output=True,
            timeout=60,
            check=True,
        )
    names = sorted(p.name for p in cache.iterdir())
    assert names and all("-index.sqlite" in name for name in names), names
    assert not list(journal.rglob("*.pickle"))
