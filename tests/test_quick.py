"""The quick path (quick.py): a plain read runs without typer, and prints, refuses and exits
exactly as the command line does. Each command line runs twice through the program's entry
point (launch.main), quick and with MENTORLOG_QUICK=0 (the command line), and both must give
the same bytes and exit code; a few run as processes too (the journal option, a page written
to a file, a closed pipe, no typer imported)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, TODAY, imported_by
from mentorlog import launch, quick
from mentorlog.render import console


def mentorlog(
    *args: str, quick_path: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "MENTORLOG_TODAY": TODAY, "COLUMNS": "100", **(env or {})}
    full_env["MENTORLOG_QUICK"] = "1" if quick_path else "0"
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "journal"
    shutil.copytree(EXAMPLE, target)
    return target


GOAL = "lead-the-billing-service-migration"
# Every quick command, with options in each form typer takes them, and each way to get one
# wrong: the quick path runs the good ones and leaves the rest to the command line.
COMMAND_LINES = [
    ["status"],
    ["status", "--json"],
    ["status", "--mentor", "daniel"],
    ["status", "--mentor", "nobody"],
    ["status", "-fjson"],
    ["status", "--format=markdown"],
    ["status", "-f", "xml"],
    ["status", "--json", "--format", "csv"],
    ["agenda", "--markdown"],
    ["agenda", "--mentor=maya", "--json"],
    ["since", "--since", "2026-10-01"],
    ["since", "--since", "in a while"],
    ["report", "--period", "quarter", "--include-private"],
    ["report", "-p", "decade"],
    ["milestones", "-f", "csv"],
    ["timeline", "--since", "2026-10-01", "--kind", "session"],
    ["timeline", "-k", "nothing"],
    ["search", "billing", "--json"],
    ["search", "--goal", GOAL, "design"],
    ["search"],
    ["stats", "--json"],
    ["goal", "list", "--all", "-t", "leadership"],
    ["goal", "show", GOAL],
    ["goal", "show", "nope"],
    ["goal", "show"],
    ["goal", "show", GOAL, "extra"],
    ["session", "list", "--since", "2026-09-01", "--until", "2026-11-01"],
    ["session", "show", "zzz"],
    ["action", "list", "--all", "-f", "plain"],
    ["feedback", "list", "--direction", "given"],
    ["feedback", "list", "--direction", "sideways"],
    ["status", "--help"],
    ["goal", "list", "--unknown"],
    ["session", "list", "--since"],
]


def entry_point(
    arguments: list[str], quick_path: bool, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str, str]:
    """What `mentorlog ARGUMENTS` prints and exits with, run through launch.main here."""
    monkeypatch.setattr(sys, "argv", ["mentorlog", *arguments])
    monkeypatch.setenv("MENTORLOG_QUICK", "1" if quick_path else "0")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(console, "PAGER_ALLOWED", console.PAGER_ALLOWED)  # put back after
    code = 0
    try:
        launch.main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    printed = capsys.readouterr()
    return code, printed.out, printed.err


@pytest.mark.parametrize("line", COMMAND_LINES, ids=" ".join)
def test_a_quick_read_is_the_command_line_s(
    example: Path, line: list[str], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    arguments = ["-j", str(example), *line]
    fast = entry_point(arguments, True, monkeypatch, capsys)
    full = entry_point(arguments, False, monkeypatch, capsys)
    assert fast == full
    assert fast[1] or fast[2]


def test_the_journal_option_in_every_form(example: Path, tmp_path: Path) -> None:
    expected = mentorlog("-j", str(example), "goal", "list", quick_path=False)
    assert expected.returncode == 0 and "Lead the billing service migration" in expected.stdout
    for given in (["--journal", str(example)], [f"--journal={example}"], [f"-j{example}"]):
        result = mentorlog(*given, "--no-pager", "goal", "list")
        assert (result.returncode, result.stdout) == (0, expected.stdout)
    missing = [mentorlog("-j", str(tmp_path / "none"), "status", quick_path=q) for q in (1, 0)]
    assert missing[0].returncode == missing[1].returncode == 1
    assert missing[0].stderr == missing[1].stderr and "is not a journal" in missing[0].stderr


def test_a_page_written_to_a_file_is_the_same(example: Path, tmp_path: Path) -> None:
    pages = []
    for quick_path in (True, False):
        target = tmp_path / f"report-{quick_path}.html"
        result = mentorlog(
            "-j", str(example), "report", "-f", "html", "-o", str(target), quick_path=quick_path
        )
        assert result.returncode == 0, result.stderr
        pages.append(target.read_text())
    assert pages[0] == pages[1] and pages[0].startswith("<!DOCTYPE html>")
    refused = mentorlog("-j", str(example), "goal", "show", GOAL, "-o", str(tmp_path / "no/x"))
    assert refused.returncode == 2 and "no/x" in refused.stderr
    assert not (tmp_path / "no").exists()


def test_a_quick_read_loads_no_typer(example: Path) -> None:
    """What the quick path is for: typer and the command modules are never imported."""
    shown, loaded = imported_by(
        ["-j", str(example), "goal", "show", GOAL], ("typer", "click", "mentorlog.cli"), {}
    )
    assert "Lead the billing service migration" in shown
    assert loaded == []


def test_a_closed_pipe_is_quiet(example: Path) -> None:
    """`mentorlog timeline | head -1`: exit 0 and nothing on stderr, as the command line."""
    for quick_path in ("1", "0"):
        shell = subprocess.run(
            f"{sys.executable} -m mentorlog -j {example} timeline --json | head -c 10",
            shell=True,
            capture_output=True,
            text=True,
            env={**os.environ, "MENTORLOG_TODAY": TODAY, "MENTORLOG_QUICK": quick_path},
            timeout=60,
        )
        assert shell.stdout == '{\n  "shape'
        assert shell.stderr == ""


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["status", "-h"],
        ["--version"],
        ["--verbose", "status"],
        ["-j"],
        ["goal"],
        ["goal", "add", "x"],
        ["search", "-"],
        ["search", "x", "--"],
        ["session", "list", "--since", "-"],
        ["action", "list", "-ax"],
        ["status", "--json=yes"],
        ["status", "caf\udce9"],
        ["report", "--output"],
    ],
    ids=repr,
)
def test_what_the_quick_path_leaves_to_the_command_line(arguments: list[str]) -> None:
    assert quick.read(arguments) is None


def test_what_the_quick_path_reads() -> None:
    read = quick.read(["-j", "J", "search", "--kind=goal", "design", "-g", "x", "--json"])
    assert read is not None
    assert read.body == "mentorlog.reads.reports:search" and read.journal == "J"
    assert read.values == {"kind": "goal", "text": "design", "goal": "x", "as_json": True}
    output = quick.read(["goal", "show", "g", "-o", "page.html", "-o", "other.html"])
    assert output is not None and output.values == {"goal": "g", "output": Path("other.html")}
