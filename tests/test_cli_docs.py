"""docs/commands.md, the man page and the saved `--help` are made from the CLI: they fail here
when stale."""

from __future__ import annotations

import os
import subprocess
import sys

from cli_docs import COMMANDS, MAN_PAGE, TOP_HELP, commands_markdown, man_page, top_help_module


def test_the_command_reference_is_current() -> None:
    assert COMMANDS.read_text() == commands_markdown(), "run `python3 dev.py docs`"


def test_the_saved_help_is_the_real_one() -> None:
    """`mentorlog --help` skips loading the command line where its help cannot differ; what it
    prints then is byte for byte what the command line prints."""
    assert TOP_HELP.read_text() == top_help_module(), "run `python3 dev.py docs`"
    env = {**os.environ, "COLUMNS": "120"}
    fast = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--help"], capture_output=True, text=True, env=env
    )
    full = subprocess.run(
        [sys.executable, "-c", "from mentorlog.cli import main; main()", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert fast.returncode == full.returncode == 0
    assert fast.stdout == full.stdout and "Usage: mentorlog" in fast.stdout
    # Narrower than 80 columns the command line wraps it itself, to the width.
    narrow = {**env, "COLUMNS": "50"}
    wrapped = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-h"], capture_output=True, text=True, env=narrow
    )
    assert wrapped.returncode == 0 and wrapped.stdout != fast.stdout
    assert "  A personal mentorship journal: goals, sessions,\n" in wrapped.stdout
    version = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("mentorlog ") and version.returncode == 0


def test_the_man_page_is_current_and_renders() -> None:
    assert MAN_PAGE.read_text() == man_page(), "run `python3 dev.py docs`"
    try:
        shown = subprocess.run(
            ["groff", "-man", "-Tutf8", "-P", "-cbou", str(MAN_PAGE)],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:  # groff is not on every machine; the text is checked above
        return
    assert shown.returncode == 0 and "warning" not in shown.stderr
    assert "mentorlog goal add" in shown.stdout and "SYNOPSIS" in shown.stdout


def test_every_option_has_help() -> None:
    import typer

    from mentorlog.cli import app

    missing = []

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") == "option" and not param.help:
                missing.append(f"{' '.join(path)} {param.opts[0]}")

    walk(typer.main.get_command(app), ["mentorlog"])
    assert missing == []


def test_a_short_option_means_one_thing_everywhere() -> None:
    import typer

    from mentorlog.cli import app

    meanings: dict[str, set[str]] = {}

    def walk(command: object) -> None:
        for sub in getattr(command, "commands", {}).values():
            walk(sub)
        for param in getattr(command, "params", []):
            opts = getattr(param, "opts", [])
            longs = [o for o in opts if o.startswith("--")]
            for short in (o for o in opts if not o.startswith("--")):
                meanings.setdefault(short, set()).update(longs)

    walk(typer.main.get_command(app))
    assert {s: m for s, m in meanings.items() if len(m) > 1} == {}
