"""Every reading command, found from the CLI itself, in every format it has: JSON that parses,
CSV with a header and every row as wide, CommonMark Markdown, plain text with no escape codes."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from markdown_it import MarkdownIt

from conftest import EXAMPLE, Run, screen_env, unstyled
from mentorlog.cli import app
from mentorlog.output import FORMATS

# Arguments the example journal needs for the commands that take one.
ARGUMENTS = {
    "search": "runbook",
    "goal show": "lead-the-billing",
    "session show": "a98f1tj",
    "mentor show": "daniel",
    "roster": str(EXAMPLE.parent),
}


def reading_commands() -> list[str]:
    """Every command with a --format option, walked from the CLI (no hand-written list)."""
    found = []

    def walk(command: Any, path: list[str]) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in command.commands.items():
                walk(sub, [*path, name])
        elif any("--format" in getattr(p, "opts", []) for p in command.params):
            found.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return sorted(found)


def test_the_reading_commands_are_all_there() -> None:
    assert {
        "status",
        "agenda",
        "report",
        "milestones",
        "timeline",
        "search",
        "stats",
        "goal list",
        "goal show",
        "session list",
        "session show",
        "action list",
        "feedback list",
        "mentor list",
        "check",
        "roster",
        "log",
    } <= set(reading_commands())


def invoke(run: Run, command: str, *extra: str, env: dict[str, str] | None = None) -> Any:
    args = shlex.split(command) + ([ARGUMENTS[command]] if command in ARGUMENTS else [])
    journal = [] if command == "roster" else ["-j", str(EXAMPLE)]
    return run(*journal, *args, *extra, env=env)


# log needs a repository of its own (tests/test_sharing.py); export writes files for other
# tools, in formats of its own (tests/test_export.py).
@pytest.mark.parametrize("command", [c for c in reading_commands() if c not in ("log", "export")])
def test_every_format_of_every_reading_command(run: Run, command: str) -> None:
    formats = []
    for form in FORMATS:
        result = invoke(run, command, "--format", form)
        if result.exit_code == 2:  # a format this command does not have: named, with its own
            assert form in ("csv", "html") and "shows rich, plain, json, markdown" in result.stderr
            assert f", {form}" not in result.stderr.split("shows")[1]
            continue
        assert result.exit_code == 0, (command, form, result.stderr)
        formats.append(form)
        text = result.stdout
        assert "\x1b[" not in text
        if form == "json":
            assert json.loads(text) == invoke(run, command, "--json").json()
        elif form == "csv":
            table = list(csv.reader(io.StringIO(text)))
            assert table and all(len(row) == len(table[0]) for row in table), command
        elif form == "markdown":
            tokens = MarkdownIt("commonmark").parse(text)
            assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
        elif form == "html":
            assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
        else:
            assert text.strip()
    assert formats[:4] == ["rich", "plain", "json", "markdown"]


@pytest.mark.parametrize("command", ["status", "report", "goal show", "timeline"])
def test_an_unknown_format_is_refused_by_name(run: Run, command: str) -> None:
    result = invoke(run, command, "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml'" in result.stderr and "rich, plain, json, markdown" in result.stderr
    both = invoke(run, command, "--json", "--format", "csv")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_csv_rows_carry_the_json_facts(run: Run) -> None:
    rows = list(
        csv.DictReader(io.StringIO(invoke(run, "action list", "--format", "csv", "--all").stdout))
    )
    actions = invoke(run, "action list", "--json", "--all").json()["actions"]
    assert [r["text"] for r in rows] == [a["text"] for a in actions]
    assert [r["session.date"] for r in rows] == [a["session"]["date"] for a in actions]
    assert {r["owner"] for r in rows} == {"", "Daniel Okafor"}


def test_a_nested_table_missing_in_some_rows_is_blank_there(run: Run) -> None:
    """`next_milestone` is a table for one goal and empty for another: dotted columns only."""
    text = invoke(run, "goal list", "--format", "csv", "--all").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    goals = invoke(run, "goal list", "--json", "--all").json()["goals"]
    assert any(g["next_milestone"] is None for g in goals)
    assert any(g["next_milestone"] for g in goals)
    assert "next_milestone" not in rows[0] and "next_milestone.title" in rows[0]
    assert [r["next_milestone.title"] for r in rows] == [
        (g["next_milestone"] or {}).get("title", "") for g in goals
    ]


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_screens_fit_the_width(run: Run, columns: int) -> None:
    """No line of any reading command's screen runs past the terminal's width."""
    from rich.cells import cell_len

    for command in reading_commands():
        if command in ("log", "export"):
            continue
        result = invoke(run, command, env={**screen_env(columns), "MENTORLOG_TODAY": "2026-12-20"})
        assert result.exit_code == 0, (command, result.stderr)
        shown = unstyled(result.stdout)
        over = [line for line in shown.splitlines() if cell_len(line) > columns]
        assert over == [], (command, columns, over[:2])


def test_markdown_of_a_screen_leaves_private_rows_out(run: Run, tmp_path: Path) -> None:
    """Markdown is made to be sent: the generic one (the screen in a fence) drops private rows
    the way agenda and report do; JSON and the screen, for the owner, keep them."""
    journal = tmp_path / "j"
    assert run("init", str(journal), "--owner", "Sam Lee", "--mentor", "Ana Ruiz").exit_code == 0
    for title, extra in (("SECRET promotion plan", ["--private"]), ("Public talk", [])):
        added = run("-j", str(journal), "goal", "add", title, "--measure", "m", *extra)
        assert added.exit_code == 0
    markdown = run("-j", str(journal), "goal", "list", "-f", "markdown")
    assert markdown.exit_code == 0
    assert "Public talk" in markdown.stdout and "SECRET" not in markdown.stdout
    timeline = run("-j", str(journal), "timeline", "-f", "markdown").stdout
    assert "Public talk" in timeline and "SECRET" not in timeline
    mine = run("-j", str(journal), "goal", "list", "--json").json()
    assert {g["title"] for g in mine["goals"]} == {"SECRET promotion plan", "Public talk"}
    assert "SECRET" in run("-j", str(journal), "goal", "list", "-f", "plain").stdout


def test_long_lists_keep_every_word_piped_and_fit_on_screens(run: Run, tmp_path: Path) -> None:
    """Piped, a long list's rows are whole lines, nothing wrapped or cut; on a screen of 40,
    60 or 80 columns it fits (wide characters counted as two cells)."""
    from rich.cells import cell_len

    journal = tmp_path / "j"
    assert run("init", str(journal), "--owner", "Sam Lee", "--mentor", "Ana Ruiz").exit_code == 0
    title = (
        "Quarterly planning with the platform team 四半期計画 and a verylongwordwithoutspaces" * 2
    )
    added = run("-j", str(journal), "session", "add", "--title", title, "--notes", "n")
    assert added.exit_code == 0, added.stderr
    piped = run("-j", str(journal), "session", "list").stdout
    assert any(title in line for line in piped.splitlines())
    for columns in (40, 60, 80):
        shown = unstyled(run("-j", str(journal), "session", "list", env=screen_env(columns)).stdout)
        assert all(cell_len(line) <= columns for line in shown.splitlines()), columns
