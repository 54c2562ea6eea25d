"""The `mentorlog` command: assembles the command groups and turns errors into exit codes.

Command modules import only typer and light modules at the top; validation, rich and the TOML
libraries load inside the commands that need them, so `--help` and `session add` start fast.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.command import State, debug, fail, guarded, internal_error
from mentorlog.errors import InputError
from mentorlog.render.text import clean


def _not_utf8(args: list[str]) -> str | None:
    """The first argument that is not UTF-8 text (Python keeps such bytes as surrogates)."""
    for arg in args:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


# Metavars by type, for options that do not name their own: one word for each kind of value.
METAVARS = {
    "text": "TEXT",
    "str": "TEXT",
    "integer": "N",
    "int": "N",
    "integer range": "N",
    "path": "PATH",
}


def _argument_metavar(param: Any, ctx: Any, *, usage: bool = False) -> str:
    """An argument as usage lines show it elsewhere: GOAL, [PATH], ACTION... (no braces)."""
    var = str(param.metavar)
    if param.nargs != 1:
        var += "..."
    return f"[{var}]" if usage and not param.required and not var.startswith("[") else var


def _tidy_metavars(command: Any) -> None:
    """Every value in help is named the same way: arguments and options in capitals (DATE,
    GOAL, TEXT…), never `<str>` or `{title}`."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument" and param.metavar:
            param.make_metavar = types.MethodType(_argument_metavar, param)
            continue
        if getattr(param, "is_flag", False) or param.metavar:
            continue
        if param.param_type_name == "argument":
            param.metavar = (param.name or "value").upper()
            param.make_metavar = types.MethodType(_argument_metavar, param)
        else:
            param.metavar = METAVARS.get(param.type.name, param.type.name.upper())
    for sub in getattr(command, "commands", {}).values():
        _tidy_metavars(sub)


class MentorlogGroup(TyperGroup):
    """Catches the core's errors once, for every command, and prints them as one sentence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _tidy_metavars(self)

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        if os.environ.get("_MENTORLOG_COMPLETE"):  # a shell asks what to complete
            from mentorlog.cli.shells import register_completers

            register_completers()
        args = _shell_optional(list(args) if args is not None else sys.argv[1:])
        bad = _not_utf8(list(args) if args is not None else sys.argv[1:])
        if bad is not None:
            print(
                f"mentorlog: the argument '{clean(bad)}' is not valid UTF-8 text (\ufffd marks "
                "the bytes); nothing was written.",
                file=sys.stderr,
            )
            sys.exit(2)
        return super().main(args, *rest, **options)

    def invoke(self, ctx: Any) -> Any:
        with guarded(ctx.ensure_object(State)):
            return super().invoke(ctx)


def date_help() -> str:
    """Every DATE form with its meaning, for the end of `mentorlog --help`."""
    import textwrap

    from mentorlog.dates import FORMS

    lines = ["\b", "Every DATE option takes:"]
    for form, meaning in FORMS:
        lines += textwrap.wrap(
            form + (f": {meaning}" if meaning else ""),
            78,
            initial_indent="  ",
            subsequent_indent="      ",
        )
    return "\n".join(lines)


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="mentorlog",
        cls=MentorlogGroup,
        help="A personal mentorship journal: goals, sessions, reflections and feedback in TOML "
        "files.",
        epilog=date_help(),
        no_args_is_help=True,
        add_completion=False,  # ours (cli/shells.py) name the shell instead of guessing
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _version(value: bool) -> None:
    if value:
        print(f"mentorlog {__version__}")
        raise typer.Exit()


def _shell_optional(args: list[str]) -> list[str]:
    """`--show-completion` and `--install-completion` name a shell or not (then $SHELL's)."""
    for index, arg in enumerate(args):
        last = index + 1 == len(args)
        if arg in ("--show-completion", "--install-completion") and (
            last or args[index + 1].startswith("-")
        ):
            args[index] = f"{arg}="
    return args


def _show_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from mentorlog.cli import shells

    try:
        print(shells.script(shells.chosen_shell(value or None)))
    except InputError as error:
        fail(error)
    raise typer.Exit()


def _install_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from mentorlog.cli import shells

    try:
        shell = shells.chosen_shell(value or None)
        path = shells.install(shell)
    except InputError as error:
        fail(error)
    print(f"{shell} completion installed in {path}; it works in shells started from now on.")
    raise typer.Exit()


def root(
    ctx: typer.Context,
    journal: str = typer.Option(
        None,
        "--journal",
        "-j",
        metavar="PATH",
        help="The journal folder (else $MENTORLOG_JOURNAL, the nearest mentorlog.toml upward, "
        "or the default journal).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Never page long output (it is never paged when piped)."
    ),
    show_completion: str = typer.Option(
        None,
        "--show-completion",
        metavar="[SHELL]",
        is_eager=True,
        expose_value=False,
        callback=_show_completion,
        help="Print the completion script for bash, zsh or fish (your $SHELL when not named).",
    ),
    install_completion: str = typer.Option(
        None,
        "--install-completion",
        metavar="[SHELL]",
        is_eager=True,
        expose_value=False,
        callback=_install_completion,
        help="Install completion for bash, zsh or fish (your $SHELL when not named).",
    ),
) -> None:
    ctx.ensure_object(State).journal_option = journal
    if no_pager:
        from mentorlog.render import console

        console.PAGER_ALLOWED = False


# Each top-level command, and the module (in mentorlog.cli) that defines it. A run loads only
# the module of the command it names: importing every command module and building every
# command costs about 0.05 s a run (tests/test_cli_docs.py checks this table is complete).
COMMAND_MODULES = {
    "init": "init",
    "goal": "goals",
    "session": "sessions",
    "action": "actions",
    "reflect": "notes",
    "ask": "notes",
    "win": "notes",
    "edit": "edit",
    "feedback": "feedback",
    "mentor": "mentors",
    "status": "status",
    **dict.fromkeys(
        ("since", "agenda", "report", "milestones", "timeline", "search", "stats"), "reports"
    ),
    "check": "check",
    "roster": "roster",
    "export": "export",
    **dict.fromkeys(("sync", "undo", "log", "upgrade"), "sharing"),
}
# Groups are added under their name; the other modules register their commands themselves.
GROUPS = {
    "goals": "goal",
    "sessions": "session",
    "actions": "action",
    "feedback": "feedback",
    "mentors": "mentor",
}


def build(
    modules: Iterable[str] | None = None, only: tuple[str, str | None] | None = None
) -> typer.Typer:
    """The command line with the commands of `modules` (all of them by default), in the order
    of COMMAND_MODULES (the order `--help` lists them). With `only` (a command, and a group's
    subcommand), just that one is built: typer builds every command it holds on each run."""
    from importlib import import_module

    application = _new_app()
    application.callback()(root)
    wanted = set(modules) if modules is not None else None
    for name in dict.fromkeys(COMMAND_MODULES.values()):
        if wanted is not None and name not in wanted:
            continue
        module = import_module(f"mentorlog.cli.{name}")
        if name in GROUPS:
            group = module.app
            if only is not None and only[1] is not None:
                named = [c for c in group.registered_commands if c.name == only[1]]
                if named:  # else the whole group, whose error lists its commands
                    import copy

                    group = copy.copy(group)
                    group.registered_commands = named
            application.add_typer(group, name=GROUPS[name])
        else:
            module.register(application)
            if only is not None:
                kept = [c for c in application.registered_commands if c.name == only[0]]
                application.registered_commands = kept or application.registered_commands
    return application


def _named_command(args: list[str]) -> tuple[str | None, str | None]:
    """The top-level command a command line names, past the global options, and the word
    after it (a group's subcommand, when it is one)."""
    rest = iter(args)
    for arg in rest:
        if arg in ("-j", "--journal"):
            next(rest, None)
        elif not arg.startswith("-"):
            after = next(rest, None)
            return arg, after if after is not None and not after.startswith("-") else None
        elif arg.startswith("--journal=") or arg == "--no-pager" or arg.startswith("-j"):
            continue
        else:
            return None, None  # --help, --version, an unknown option: the whole command line
    return None, None


def __getattr__(name: str) -> Any:
    """`mentorlog.cli.app`, the whole command line (for tests, docs and completion), built on
    first use."""
    if name == "app":
        whole = build()
        globals()["app"] = whole
        return whole
    raise AttributeError(name)


def main() -> None:
    import os

    name, sub = _named_command(sys.argv[1:])
    completing = any(key.startswith("_MENTORLOG_COMPLETE") for key in os.environ)
    module = COMMAND_MODULES.get(name or "") if not completing else None
    # A known command: only it. Anything else (a typo, --help, completion): all, so that
    # suggestions and listings are whole.
    command_line = build([module], only=(name or "", sub)) if module else build()
    try:
        command_line(prog_name="mentorlog")
    except Exception as error:  # a bug: say so in one line unless debugging
        if debug():
            raise
        internal_error(error)
