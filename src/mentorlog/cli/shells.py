"""Shell completion scripts: bash, zsh and fish, for whichever shell is named, from any shell.

Typer's scripts and completers are used as they are, with one change: bash inserts a
completion as it is given, so a name with a space (a mentor's) is escaped for bash here, to
complete as one word."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mentorlog import messages
from mentorlog.errors import InputError

SHELLS = ("bash", "zsh", "fish")
PROGRAM = "mentorlog"
COMPLETE_VAR = "_MENTORLOG_COMPLETE"
# What bash reads as part of a word without escaping (the characters shlex.quote leaves).
_UNSAFE_FOR_BASH = re.compile(r"([^\w@%+=:,./-])")


def chosen_shell(named: str | None) -> str:
    """The shell named (any case), else the login shell ($SHELL); refused by name otherwise."""
    name = (named or os.path.basename(os.environ.get("SHELL", ""))).strip().lower()
    if name not in SHELLS:
        raise InputError(
            messages.UNKNOWN_SHELL.format(
                shell=named or name or "unknown", shells=", ".join(SHELLS)
            )
        )
    return name


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROGRAM, complete_var=COMPLETE_VAR, shell=shell)


def install(shell: str) -> Path:
    """Install the script where the shell looks for it (typer's places); its path."""
    from typer import _completion_shared as shared

    installers = {
        "bash": shared.install_bash,
        "zsh": shared.install_zsh,
        "fish": shared.install_fish,
    }
    return installers[shell](prog_name=PROGRAM, complete_var=COMPLETE_VAR, shell=shell)


def register_completers() -> None:
    """Typer's completers for every shell, bash's escaping what bash would split."""
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import BashComplete, completion_init

    class EscapingBashComplete(BashComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return _UNSAFE_FOR_BASH.sub(r"\\\1", str(item.value))

    completion_init()
    add_completion_class(EscapingBashComplete, "bash")
