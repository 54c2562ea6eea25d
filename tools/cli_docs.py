"""docs/commands.md, docs/mentorlog.1 and the saved top-level help (src/mentorlog/top_help.py,
which `mentorlog --help` prints without loading the command line) come from the CLI itself, so
they cannot drift.

    python3 dev.py docs    rewrite them (and docs/json.md's examples)

`tests/test_cli_docs.py` fails when any is stale.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from typer.cli import get_docs_for_click

from mentorlog import __version__
from mentorlog.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ROOT / "docs" / "commands.md"
MAN_PAGE = ROOT / "docs" / "mentorlog.1"
TOP_HELP = ROOT / "src" / "mentorlog" / "top_help.py"
QUICK_TABLE = ROOT / "src" / "mentorlog" / "quick_table.py"
# The man page's date: the release's, so the file only changes with the version.
RELEASED = "2026-11-29"


def commands_markdown() -> str:
    """Typer's own Markdown for every command, under a note saying where it comes from."""
    command = typer.main.get_command(app)
    with typer.Context(command) as ctx:
        body = get_docs_for_click(
            obj=command,
            ctx=ctx,  # type: ignore[arg-type]
            name="mentorlog",
            title="mentorlog commands",
        )
    note = (
        "<!-- Made by `python3 dev.py docs` from the CLI itself; "
        "tests/test_cli_docs.py fails when it is stale. -->\n\n"
    )
    return note + body.strip() + "\n"


def live_help() -> str:
    """What the command line itself prints for `mentorlog --help` at 80 columns."""
    result = subprocess.run(
        [sys.executable, "-c", "from mentorlog.cli import main; main()", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        check=True,
    )
    return result.stdout


def top_help_module() -> str:
    """A Python module holding the help, one source line per line of it (as ruff formats it)."""
    lines = "".join(f"    {json.dumps(line)}\n" for line in live_help().splitlines(keepends=True))
    return (
        '"""`mentorlog --help`, saved by `python3 dev.py docs` (tools/cli_docs.py) from the real\n'
        'help, for mentorlog/launch.py; tests/test_cli_docs.py fails when it is stale."""\n\n'
        f"TEXT = (\n{lines})\n"
    )


# The values quick.py reads itself (click's type names); an option of any other type, or one
# with a callback or given many times, is left to the command line whenever it is given.
QUICK_TYPES = {"str": "text", "text": "text", "path": "path"}


def quick_commands() -> dict[str, tuple[str, dict[str, tuple[str, str]], list[str]]]:
    """Every command that runs a typer-free body (cli.common.command): the body, the options
    quick.py may read (each name -> parameter and kind: text, path or flag), its arguments."""
    table: dict[str, tuple[str, dict[str, tuple[str, str]], list[str]]] = {}
    for path, command in _walk(typer.main.get_command(app), []):
        body = getattr(command.callback, "mentorlog_body", None)
        if body is None:
            continue
        options: dict[str, tuple[str, str]] = {}
        arguments: list[str] = []
        for param in command.params:
            simple = param.callback is None and not param.multiple and param.nargs == 1
            if param.param_type_name == "argument":
                if not (simple and param.type.name in QUICK_TYPES):
                    break  # an argument quick.py cannot read: never quick
                arguments.append(param.name)
                continue
            if param.is_flag and not param.secondary_opts and simple:
                kind = "flag"
            elif not param.is_flag and simple and param.type.name in QUICK_TYPES:
                kind = QUICK_TYPES[param.type.name]
            else:
                continue
            options.update((name, (param.name, kind)) for name in param.opts)
        else:
            table[" ".join(path)] = (f"{body.__module__}:{body.__name__}", options, arguments)
    return table


def quick_table_module() -> str:
    """quick_table.py: quick_commands() as Python, one option a line."""
    lines = []
    for name, (body, options, arguments) in quick_commands().items():
        lines.append(f"    {json.dumps(name)}: (\n        {json.dumps(body)},\n        {{\n")
        lines += [
            f"            {json.dumps(o)}: ({json.dumps(p)}, {json.dumps(k)}),\n"
            for o, (p, k) in options.items()
        ]
        listed = "".join(f"{json.dumps(a)}, " for a in arguments)
        lines.append(f"        }},\n        ({listed.rstrip(' ')}),\n    ),\n")
    return (
        '"""The reading commands quick.py runs without typer, saved by `python3 dev.py docs`\n'
        "(tools/cli_docs.py) from the command line itself; tests/test_cli_docs.py fails when it\n"
        "is stale. Each: its body, the options read here (name -> parameter, kind), and its\n"
        'arguments."""\n\n'
        "COMMANDS: dict[str, tuple[str, dict[str, tuple[str, str]], tuple[str, ...]]] = {\n"
        + "".join(lines)
        + "}\n"
    )


def _roff(text: str) -> str:
    """Text safe in roff: backslashes doubled, a leading dot or quote escaped."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.MULTILINE)


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _walk(sub, [*path, name])
    return found


def man_page() -> str:
    """A section-1 man page: every command with its synopsis, help and options."""
    root = typer.main.get_command(app)
    lines = [
        f'.TH MENTORLOG 1 "{RELEASED}" "mentorlog {__version__}" "User Commands"',
        ".SH NAME",
        "mentorlog \\- " + _roff(root.help or ""),
        ".SH SYNOPSIS",
        ".B mentorlog",
        "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        _roff(
            "A command-line personal mentorship journal: goals, session notes, reflections, "
            "feedback and questions, each a small TOML file in a folder kept in git."
        ),
        ".SH COMMANDS",
    ]
    for path, command in _walk(root, [])[1:]:
        if getattr(command, "commands", None):
            continue
        with typer.Context(command) as ctx:
            usage = " ".join(command.collect_usage_pieces(ctx))
        lines += [
            ".TP",
            f".B mentorlog {' '.join(path)}",
            _roff(usage),
            ".br",
            _roff((command.help or "").strip()),
        ]
        for param in command.params:
            record = param.get_help_record(ctx) if hasattr(param, "get_help_record") else None
            if record and "--help" not in record[0]:
                lines += [".RS", ".TP", f".B {_roff(record[0])}", _roff(record[1]), ".RE"]
    lines += [
        ".SH FILES",
        _roff("mentorlog.toml marks a journal; docs/format.md describes every file."),
        ".SH ENVIRONMENT",
        _roff(
            "MENTORLOG_JOURNAL, MENTORLOG_PAGER, PAGER, MENTORLOG_AUTHOR, "
            "MENTORLOG_CACHE_DIR, MENTORLOG_NO_CACHE, MENTORLOG_WATCH (off: no journal "
            "watcher), MENTORLOG_TODAY, MENTORLOG_DEBUG, NO_COLOR, FORCE_COLOR, VISUAL, EDITOR."
        ),
        ".SH EXIT STATUS",
        _roff(
            "0 success; 1 a problem to fix; 2 invalid usage or input; 3 check found "
            "problems; 70 an internal error."
        ),
        ".SH SEE ALSO",
        "git(1)",
    ]
    return "\n".join(lines) + "\n"


def regenerate() -> None:
    COMMANDS.write_text(commands_markdown())
    MAN_PAGE.write_text(man_page())
    TOP_HELP.write_text(top_help_module())
    QUICK_TABLE.write_text(quick_table_module())


if __name__ == "__main__":
    regenerate()
    print(
        f"Wrote {COMMANDS.relative_to(ROOT)} and {MAN_PAGE.relative_to(ROOT)} "
        f"({date.today().isoformat()})."
    )
