"""The quick path: a plain read (`mentorlog status`, `goal show X --json`…) run without loading
typer, whose import and command building are a third of such a run.

The commands, their options and their bodies come from the command line itself
(quick_table.py, saved by `python3 dev.py docs`). A command line is read here only when every
word of it is one this table knows how to read the way typer would: anything else (help, an
unknown option, a value typer converts or checks, `-` for standard input, shell completion) is
left to the command line, which reads, refuses or explains it. The body run is the command's
own (mentorlog.reads), through the same command.guarded, so output, errors and exit codes are
the same either way (tests/test_quick.py compares them).
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple

# Set to 0 to run every command through the command line (to compare, or to rule this out).
SWITCH = "MENTORLOG_QUICK"


class QuickRun(NamedTuple):
    body: str  # "module:function"
    journal: str | None  # --journal
    no_pager: bool
    values: dict[str, Any]  # the body's options, by parameter name


def read(arguments: list[str]) -> QuickRun | None:
    """The run a command line asks for, when it is a quick one; else None."""
    from mentorlog.quick_table import COMMANDS

    if any("\udc80" <= ch <= "\udcff" for arg in arguments for ch in arg):
        return None  # not UTF-8: the command line says so
    words = iter(arguments)
    journal: str | None = None
    no_pager = False
    word = next(words, None)
    while word is not None and word.startswith("-"):  # the options before the command
        if word in ("-j", "--journal"):
            journal = next(words, None)
            if journal is None:
                return None
        elif word.startswith("--journal="):
            journal = word.partition("=")[2]
        elif word.startswith("-j") and not word.startswith("--"):
            journal = word[2:]
        elif word == "--no-pager":
            no_pager = True
        else:
            return None
        word = next(words, None)
    if word is None:
        return None
    groups = {name.split(" ")[0] for name in COMMANDS if " " in name}
    name = word if word not in groups else f"{word} {next(words, '')}"
    if name not in COMMANDS:
        return None
    body, options, arguments_taken = COMMANDS[name]
    values: dict[str, Any] = {}
    given: list[str] = []
    for word in words:
        if word == "-" or word == "--":
            return None
        if not word.startswith("-"):
            given.append(word)
            continue
        option, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if option not in options and not option.startswith("--") and option[:2] in options:
            option, equals, value = option[:2], "=", option[2:]  # -fjson
        if option not in options:
            return None
        parameter, kind = options[option]
        if kind == "flag":
            if equals:
                return None
            values[parameter] = True
            continue
        if not equals:
            following = next(words, None)
            if following is None:
                return None
            value = following
        if value == "-":
            return None
        values[parameter] = Path(value) if kind == "path" else value
    if len(given) != len(arguments_taken):
        return None
    values.update(zip(arguments_taken, given, strict=True))
    return QuickRun(body, journal, no_pager, values)


def run(arguments: list[str]) -> bool:
    """Runs the command line here when it is a quick one (then exits as the command line
    would); False when it is not, and nothing was done."""
    if os.environ.get(SWITCH) == "0":
        return False
    quick = read(arguments)
    if quick is None:
        return False
    from mentorlog.command import State, debug, guarded, internal_error

    module, function = quick.body.split(":")
    body = getattr(import_module(module), function)
    if quick.no_pager:
        from mentorlog.render import console

        console.PAGER_ALLOWED = False
    state = State(journal_option=quick.journal)
    try:
        with guarded(state):
            body(state, **quick.values)
            sys.stdout.flush()  # here, so that a reader gone away is a closed pipe
    except Exception as error:  # a bug: said in one line, as the command line says it
        if debug():
            raise
        internal_error(error)
    return True
