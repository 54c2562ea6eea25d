"""Validation with the core schemas kept in the cache folder (validation.py): the same checks
and the same errors as pydantic's models, pydantic imported only to make the schemas, and a
kept file that is missing, damaged or stale made again without a word."""

from __future__ import annotations

import copy
import os
import random
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from conftest import EXAMPLE, Run
from mentorlog import model, schema, validation
from mentorlog.model import Part
from test_cache import IMPORTS_OF_A_RUN  # says which of pydantic's halves a run imported

ENTRY_CLASSES = {
    cls.folder: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, model.Entry) and cls.folder
}


def _mentorlog(cache: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", IMPORTS_OF_A_RUN, *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-23", "MENTORLOG_CACHE_DIR": str(cache)},
        timeout=60,
    )


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
        if not isinstance(validated, schema.Validated):
            return validated
        plain_class = schema._PLAIN[type(validated)]
        fields = {name: plain(validated.__dict__[name]) for name in plain_class._fields}
        return (plain_class.__name__, fields, dict(validated.__pydantic_extra__ or {}))

    try:
        return plain(schema.model_of(cls).model_validate(data))
    except ValidationError as error:
        return error.errors(include_url=False)


def _by_kept_schema(cls: type[Part], data: Any) -> Any:
    try:
        return _as_plain_data(validation.validate(cls, data))
    except ValidationError as error:
        return error.errors(include_url=False)


@pytest.fixture
def kept(tmp_path: Path) -> Any:
    """Validation that keeps its schemas in a folder of the test's own."""
    folder = tmp_path / "kept"
    before = validation.kept_in, validation._read
    validation.keep_schemas_in(folder)
    validation._read = None
    validation._VALIDATORS.clear()
    yield folder
    validation.keep_schemas_in(before[0])
    validation._read = before[1]
    validation._VALIDATORS.clear()


def test_kept_schemas_accept_and_refuse_exactly_what_pydantic_does(kept: Path) -> None:
    """Every file of the example journal, a copy with unknown fields and three broken copies of
    each (a field given a value of the wrong kind, out of range, empty or a table): the same
    part (unknown fields included) or the same errors
    (field, message, input) as pydantic's model gives, with the schemas made in this run and
    with those read back from the kept file."""
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
    for reading in ("made now", "read back"):
        if reading == "read back":
            assert (kept / validation.NAME).is_file()
            validation._read = None
            validation._VALIDATORS.clear()
        for cls, data in cases:
            expected = _by_pydantic(cls, data)
            assert _by_kept_schema(cls, data) == expected, (reading, cls.__name__, data)
            refused += isinstance(expected, list) and bool(expected) and "msg" in expected[0]
    assert refused > 50  # the broken copies really were refused, and compared as errors


def test_a_write_validates_without_pydantic_once_its_schemas_are_kept(
    tmp_path: Path, isolated_user: Path
) -> None:
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    cache = tmp_path / "cache"
    first = _mentorlog(cache, "-j", str(journal), "ask", "First question?")
    assert "imported: ['pydantic', 'pydantic_core']" in first.stderr
    assert (cache / validation.NAME).is_file()
    second = _mentorlog(cache, "-j", str(journal), "ask", "Second question?", "--tag", "kept")
    assert "exit:" not in second.stderr or "exit: 0" in second.stderr, second.stderr
    assert "imported: ['pydantic_core']" in second.stderr
    written = [
        tomllib.loads(path.read_text(encoding="utf-8"))
        for path in (journal / "questions").glob("*.toml")
    ]
    asked = {q["text"]: q for q in written}
    assert asked["Second question?"]["tags"] == ["kept"]
    # A bad value is still refused by the kept schema, naming the file and the field.
    bad = journal / "questions" / "2026-11-20-badvalue0001.toml"
    bad.write_text(
        'id = "badvalue0001"\ndate = 2026-11-20\ntext = "Odd"\ndiscussed = 7\n'
        "created = 2026-11-20 10:00:00+00:00\n",
        encoding="utf-8",
    )
    check = _mentorlog(cache, "-j", str(journal), "check")
    assert "imported: ['pydantic_core']" in check.stderr
    assert "2026-11-20-badvalue0001.toml" in check.stdout + check.stderr
    assert "discussed" in check.stdout + check.stderr
    assert "exit: 0" not in check.stderr


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", b"\x80\x05K\x01.", "truncated", "stale"],
    ids=["empty", "garbage", "a number", "truncated", "another version"],
)
def test_a_damaged_or_stale_kept_file_is_made_again(
    tmp_path: Path, isolated_user: Path, damage: bytes | str
) -> None:
    import pickle

    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    cache = tmp_path / "cache"
    assert _mentorlog(cache, "-j", str(journal), "ask", "Make them?").returncode == 0
    kept_file = cache / validation.NAME
    whole = kept_file.read_bytes()
    if damage == "truncated":
        kept_file.write_bytes(whole[: len(whole) // 2])
    elif damage == "stale":
        with open(kept_file, "wb") as file:
            pickle.dump("0.0.1:older", file)
            pickle.dump({"Question": {"type": "any"}}, file)  # would accept anything
    else:
        assert isinstance(damage, bytes)
        kept_file.write_bytes(damage)
    again = _mentorlog(cache, "-j", str(journal), "ask", "Made again?")
    assert "imported: ['pydantic', 'pydantic_core']" in again.stderr, again.stderr
    assert "Made again?" in "".join(
        p.read_text(encoding="utf-8") for p in (journal / "questions").glob("*.toml")
    )
    assert kept_file.read_bytes() != b"" and "older" not in kept_file.read_text("latin-1")
    then = _mentorlog(cache, "-j", str(journal), "ask", "Kept again?")
    assert "imported: ['pydantic_core']" in then.stderr


def test_no_schemas_are_kept_without_a_cache_or_inside_the_journal(
    run: Run, tmp_path: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_NO_CACHE", "1")
    cache = Path(os.environ["MENTORLOG_CACHE_DIR"])
    assert run("-j", str(journal), "ask", "Without a cache?").exit_code == 0
    assert not (cache / validation.NAME).exists()
    monkeypatch.delenv("MENTORLOG_NO_CACHE")
    inside = journal / ".cache"
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(inside))
    run("-j", str(journal), "ask", "Cache inside?")
    assert not (inside / validation.NAME).exists()
    assert not list(journal.rglob(validation.NAME))
