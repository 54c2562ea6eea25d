"""What every command module shares: the journal option, dates, output helpers, errors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mentorlog import clock, messages
from mentorlog.cli.formats import FORMAT, INCLUDE_PRIVATE
from mentorlog.command import State, warn
from mentorlog.errors import InputError

if TYPE_CHECKING:
    from mentorlog.journal import Journal

# Option declarations reused by every add command.
PRIVATE = typer.Option(False, "--private", help="Keep this entry under private/ (never in git).")


def goal_option(help: str) -> Any:
    """--goal/-g: a goal's slug or id prefix, completed from the journal in use."""
    from mentorlog.cli import complete

    return typer.Option(
        None, "--goal", "-g", metavar="GOAL", autocompletion=complete.goals, help=help
    )


def mentor_option(help: str) -> Any:
    """--mentor: a relationship by (the start of) its name, completed from the journal."""
    from mentorlog.cli import complete

    return typer.Option(
        None, "--mentor", metavar="NAME", autocompletion=complete.mentors, help=help
    )


CADENCE = typer.Option(
    30,
    "--cadence",
    min=1,
    max=3650,
    metavar="DAYS",
    help="Agreed days between meetings (30 for monthly).",
)
TAGS = typer.Option([], "--tag", "-t", help="A tag (repeatable).")
JSON = typer.Option(False, "--json", help="Print one JSON document instead of a table.")
# The options of every command that shows something: its format, and private rows in it.
SHOWN = {"form": FORMAT, "as_json": JSON, "include_private": INCLUDE_PRIVATE}


def command(body: Callable[..., None], **options: Any) -> Callable[..., None]:
    """The typer command running `body` (a typer-free function of mentorlog.reads, whose
    parameters are the run's State and then the command's options): `options` declares each of
    those parameters for typer, by name. The body's own types and defaults are the command's, so
    quick.py, calling it without typer, reads a command line the same way."""
    import inspect
    from typing import get_type_hints

    hints = get_type_hints(body)
    parameters = list(inspect.signature(body).parameters.values())[1:]
    if set(options) != {p.name for p in parameters}:
        raise TypeError(f"{body.__name__}: declared {sorted(options)}, takes {parameters}")
    declared = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    ]
    for parameter in parameters:
        option = options[parameter.name]
        default = ... if parameter.default is inspect.Parameter.empty else parameter.default
        if option.default != default:
            raise TypeError(f"{body.__name__}: {parameter.name} defaults differ")
        declared.append(parameter.replace(default=option, annotation=hints[parameter.name]))

    def run(ctx: typer.Context, **values: Any) -> None:
        body(ctx.ensure_object(State), **values)

    run.__signature__ = inspect.Signature(declared)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in declared}
    run.__name__ = body.__name__
    run.__doc__ = body.__doc__
    run.mentorlog_body = body  # type: ignore[attr-defined]  # for quick_table.py's maker
    return run


def open_journal(ctx: typer.Context) -> Journal:
    """The journal this run works on (see command.State.open_journal)."""
    return ctx.ensure_object(State).open_journal()


# The options of a correction (`edit ENTRY`, `session edit`).
EDIT_TAGS = typer.Option(
    None, "--tag", "-t", metavar="TAG", help="The tags, replacing them (repeatable)."
)
EDIT_SET = typer.Option(
    None,
    "--set",
    metavar="FIELD=VALUE",
    help="Any other field, as the file names it: --set duration=45, --set 'topics=a, b', "
    "--set mentor=Maya (repeatable).",
)
EDIT_CLEAR = typer.Option(None, "--clear", metavar="FIELD", help="Empty a field (repeatable).")
EDIT_RESUME = typer.Option(
    False, "--resume", help="Reopen the edit that could not be saved, as it was left."
)


def parse_confidence(value: str | None, option: str = "--confidence") -> int | None:
    """A confidence from 1 to 5, or one sentence saying what it takes (exit 2)."""
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 5:
        raise InputError(messages.BAD_CONFIDENCE.format(value=value, option=option))
    return int(text)


def goal_confidence(value: str, option: str = "--confidence") -> tuple[str, int]:
    """GOAL=1-5 (`session add --confidence`, the template's "Confidence:" line)."""
    goal, sep, level = value.rpartition("=")
    if not sep or not goal.strip():
        raise InputError(messages.BAD_GOAL_CONFIDENCE.format(value=value, option=option))
    sure = parse_confidence(level, option)
    assert sure is not None
    return goal.strip(), sure


def warn_past_due(due: date | None, option: str = "--due") -> None:
    """A due date already past is kept (it may be on purpose) but never goes unsaid."""
    today = clock.today()
    if due is not None and due < today:
        warn(
            messages.DUE_IN_THE_PAST.format(
                option=option, due=due.isoformat(), today=today.isoformat()
            )
        )


def interactive() -> bool:
    """A person at a terminal, who can be asked and can use an editor."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def read_stdin(what: str, may_be_empty: bool = False) -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(messages.STDIN_NOT_UTF8.format(what=what, line=line)) from None
    else:
        text = data
    if not text.strip() and not may_be_empty:
        raise InputError(messages.EMPTY_STDIN.format(what=what))
    return text


def text_or_stdin(ctx: typer.Context, param: Any, value: Any) -> Any:
    """A text argument or option given as '-' is read from standard input (once per run: a
    second '-' is refused, it would read nothing)."""
    if isinstance(value, (list, tuple)):
        return type(value)(text_or_stdin(ctx, param, item) for item in value)
    if value != "-":
        return value
    name = (
        param.opts[0]
        if getattr(param, "opts", None) and param.opts[0].startswith("-")
        else ((param.metavar or param.name or "text").upper())
    )
    root = ctx.find_root()
    if "stdin read by" in root.meta:
        raise InputError(messages.STDIN_TWICE.format(first=root.meta["stdin read by"], second=name))
    root.meta["stdin read by"] = name
    return read_stdin(name).strip("\n")


def ask_lines(prompt: str) -> str:
    """One answer at a terminal; a line ending in a backslash continues on the next line."""
    lines = []
    line = input(f"{prompt}\n> ")
    while line.endswith("\\"):
        lines.append(line[:-1])
        line = input("> ")
    lines.append(line)
    answer = "\n".join(lines).strip()
    if any("\udc80" <= ch <= "\udcff" for ch in answer):  # bytes a C locale could not decode
        raise InputError(messages.STDIN_NOT_UTF8.format(line=1, what="answer"))
    return answer


def wrote(action: str, kind: str, handle: str, path: Path) -> None:
    """Tell the person what was written and where (to stdout: it is the command's result)."""
    changed(path, f"{action} {kind} {handle}")


def changed(path: Path, what: str) -> None:
    from mentorlog.render.text import clean

    print(clean(f"{what}  ->  {path}"))
