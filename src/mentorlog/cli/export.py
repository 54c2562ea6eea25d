"""`mentorlog export`: a calendar to import, or the entries for another tool."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import typer

from mentorlog import clock, messages
from mentorlog.cli import complete
from mentorlog.cli.common import open_journal
from mentorlog.command import warn_problems
from mentorlog.kinds import ENTRY_KINDS

EXPORT_FORMATS = ("ics", "csv", "json")


def _complete_format(incomplete: str) -> list[str]:
    return [name for name in EXPORT_FORMATS if name.startswith(incomplete)]


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    ctx: typer.Context,
    form: str = typer.Option(
        ...,
        "--format",
        "-f",
        metavar="FORMAT",
        help="ics (a calendar of next meetings, due dates and action items), csv (one "
        "kind of entry, with --kind) or json (every entry).",
        autocompletion=_complete_format,
    ),
    kind: str = typer.Option(
        None,
        "--kind",
        "-k",
        metavar="KIND",
        autocompletion=complete.kinds,
        help=f"The kind of entry for csv: {', '.join(ENTRY_KINDS)}.",
    ),
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (standard output by default).",
    ),
    include_private: bool = typer.Option(
        False, "--include-private", help="Export private entries too."
    ),
    remind: int = typer.Option(
        None,
        "--remind",
        min=0,
        max=40320,
        metavar="MINUTES",
        help="ics: a reminder this long before each meeting and due date (the journal's "
        "calendar.reminder_minutes, 30 by default).",
    ),
    no_remind: bool = typer.Option(False, "--no-remind", help="ics: no reminders."),
) -> None:
    """Export the journal: a calendar any calendar app imports (a second import updates it),
    or entries as CSV or JSON. Private entries stay out unless --include-private."""
    from mentorlog.errors import InputError
    from mentorlog.model import ENTRY_KINDS, KIND_BY_FOLDER
    from mentorlog.report import export as build

    chosen = form.strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise InputError(
            messages.UNKNOWN_FORMAT.format(
                format=form, command="export", formats=", ".join(EXPORT_FORMATS)
            )
        )
    wanted = kind.strip().lower() if kind else None
    if wanted in KIND_BY_FOLDER:
        wanted = KIND_BY_FOLDER[wanted].kind
    if chosen == "csv" and wanted not in ENTRY_KINDS:
        raise InputError(messages.EXPORT_KIND.format(kind=kind or "", kinds=", ".join(ENTRY_KINDS)))
    if chosen != "csv" and wanted is not None:
        raise InputError(messages.KIND_NEEDS_CSV)
    if chosen != "ics" and (remind is not None or no_remind):
        raise InputError(messages.REMIND_NEEDS_ICS)
    if remind is not None and no_remind:
        raise InputError(messages.REMIND_OR_NOT)
    journal = open_journal(ctx)
    # CSV holds one kind: only its files are read.
    kinds = [str(wanted)] if chosen == "csv" else None
    entries = journal.load(kinds, include_private=include_private)
    warn_problems(entries.problems)
    today = clock.today()
    if chosen == "ics":
        from mentorlog.model import CalendarSettings

        settings = journal.config.calendar or CalendarSettings()
        lead = None if no_remind or not settings.reminders else settings.reminder_minutes
        if remind is not None:
            lead = remind
        text = build.to_ics(
            build.calendar_events(journal.config, entries, today, settings.meeting_minutes),
            journal.config.owner,
            today,
            lead,
        )
    elif chosen == "csv":
        from mentorlog.output import to_csv

        text = to_csv(build.entry_rows(entries, str(wanted)))
    else:
        from mentorlog.output import emit_json

        # Each entry's row is made as it is written: no document of every entry is held.
        document = build.everything(journal.config, entries, today)
        if output is None:
            emit_json(document)
            return
        buffer = io.StringIO()
        emit_json(document, buffer)
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
        return
    from mentorlog.output import write_output

    write_output(output, text)
