"""`mentorlog check`: validate every file of the journal; never changes one."""

from __future__ import annotations

import typer

from mentorlog.cli.common import JSON
from mentorlog.cli.formats import FORMAT
from mentorlog.output import View, choose, show

EXIT_PROBLEMS = 3


def register(app: typer.Typer) -> None:
    app.command("check")(check)


CHECK = View("Check", "check:render_check", tables=("problems", "warnings"), shape="CheckReport")


def check(ctx: typer.Context, form: str = FORMAT, as_json: bool = JSON) -> None:
    """Validate every file; name path, line and field of each problem; exit 3 if any."""
    from mentorlog.command import State
    from mentorlog.core.check import check_journal
    from mentorlog.journal import find_journal

    choose(CHECK, form, as_json, "check")
    state = ctx.find_object(State)
    root = find_journal(state.journal_option if state else None)
    result = check_journal(root)
    show(
        {
            "journal": str(root),
            "files": result.files,
            "ok": not result.problems,
            "problems": [p.as_dict() for p in result.problems],
            "warnings": [w.as_dict() for w in result.warnings],
        },
        CHECK,
        form,
        as_json,
        "check",
    )
    if result.problems:
        raise typer.Exit(EXIT_PROBLEMS)
