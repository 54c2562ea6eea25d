"""`mentorlog check`: validate every file of the journal; never changes one."""

from __future__ import annotations

import typer

from mentorlog.cli.common import JSON, emit_json

EXIT_PROBLEMS = 3


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Validate every file; name path, line and field of each problem; exit 3 if any."""
    from mentorlog.cli.common import State
    from mentorlog.core.check import check_journal
    from mentorlog.journal import find_journal

    state = ctx.find_object(State)
    root = find_journal(state.journal_option if state else None)
    result = check_journal(root)
    if as_json:
        emit_json({"journal": str(root), "files": result.files, "ok": not result.problems,
                   "problems": [p.as_dict() for p in result.problems],
                   "warnings": [w.as_dict() for w in result.warnings]})
    else:
        from mentorlog.render.text import clean

        for problem in result.problems:
            print(clean(str(problem)))
        for warning in result.warnings:
            print(clean(f"Warning: {warning}"))
        count = len(result.problems)
        summary = "no problems" if not count else f"{count} problem{'s' * (count > 1)}"
        if result.warnings:
            summary += f" ({len(result.warnings)} warning{'s' * (len(result.warnings) > 1)})"
        print(f"Checked {result.files} files in {root}: {summary}.")
    if result.problems:
        raise typer.Exit(EXIT_PROBLEMS)
