"""docs/commands.md and the man page are made from the CLI: they fail here when stale."""

from __future__ import annotations

import subprocess

from cli_docs import COMMANDS, MAN_PAGE, commands_markdown, man_page


def test_the_command_reference_is_current() -> None:
    assert COMMANDS.read_text() == commands_markdown(), "run `python3 dev.py docs`"


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
