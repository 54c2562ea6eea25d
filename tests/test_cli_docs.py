"""docs/commands.md, the man page and the saved `--help` are made from the CLI: they fail here
when stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli_docs import (
    COMMANDS,
    MAN_PAGE,
    QUICK_TABLE,
    TOP_HELP,
    commands_markdown,
    man_page,
    quick_table_module,
    top_help_module,
)


def test_the_command_reference_is_current() -> None:
    assert COMMANDS.read_text() == commands_markdown(), "run `python3 dev.py docs`"


def test_the_quick_path_s_table_is_the_command_line_s() -> None:
    """quick.py reads command lines by the table saved from the command line's own options."""
    assert QUICK_TABLE.read_text() == quick_table_module(), "run `python3 dev.py docs`"


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


def test_every_command_is_found_where_a_run_looks_for_it() -> None:
    """A run builds only the command it names (mentorlog.cli.COMMAND_MODULES): the table holds
    every top-level command, each where it is defined."""
    import typer

    from mentorlog.cli import COMMAND_MODULES, app, build

    whole = typer.main.get_command(app)
    assert set(COMMAND_MODULES) == set(whole.commands)  # type: ignore[attr-defined]
    for name, module in COMMAND_MODULES.items():
        narrow = typer.main.get_command(build([module]))
        assert name in narrow.commands  # type: ignore[attr-defined]


def test_a_run_names_its_command_past_the_global_options(tmp_path: Path) -> None:
    env = {**os.environ, "MENTORLOG_TODAY": "2026-11-20", "MENTORLOG_CACHE_DIR": str(tmp_path)}
    journal = tmp_path / "j"

    def mentorlog(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mentorlog", *args], capture_output=True, text=True, env=env
        )

    assert mentorlog("init", str(journal), "--owner", "Sam Lee").returncode == 0
    for args in (
        ["-j", str(journal), "ask", "Narrow?"],
        [f"--journal={journal}", "--no-pager", "status"],
        [f"-j{journal}", "goal", "list"],
    ):
        result = mentorlog(*args)
        assert result.returncode == 0, (args, result.stderr)
    assert "Narrow?" in mentorlog("-j", str(journal), "agenda").stdout
    typo = mentorlog("-j", str(journal), "statsu")
    assert typo.returncode == 2 and "No such command 'statsu'" in typo.stderr
    group = mentorlog("goal", "--help")
    assert group.returncode == 0 and "progress" in group.stdout
