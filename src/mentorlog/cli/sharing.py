"""Sharing the journal through git: `sync`, `undo`, `log`, and `upgrade` to the current format."""

from __future__ import annotations

import typer

from mentorlog import messages
from mentorlog.cli.common import JSON, open_journal
from mentorlog.cli.formats import FORMAT
from mentorlog.command import parse_date_option
from mentorlog.output import View, choose, show

LOG = View("History", "sharing:render_log", tables=("commits",), shape="Log")


def register(app: typer.Typer) -> None:
    for command in (sync, undo, log, upgrade):
        app.command(command.__name__)(command)


def sync(ctx: typer.Context) -> None:
    """Commit pending journal files, pull, and push; say what came in."""
    from mentorlog.core.sync import sync as sync_journal
    from mentorlog.render.sharing import render_sync

    render_sync(sync_journal(open_journal(ctx)))


def undo(ctx: typer.Context) -> None:
    """Take back the last change mentorlog made here (not once it is pushed)."""
    from mentorlog.core.undo import undo as undo_last
    from mentorlog.render.text import clean

    journal = open_journal(ctx)
    result = undo_last(journal)
    commit = f" (commit {result.commit[:7]} removed)" if result.commit else ""
    print(messages.DID_UNDO.format(message=clean(result.message), commit=commit))
    for path in result.removed:
        print(messages.DID_UNDO_FILE.format(path=path))
    if result.reverted_by:
        print(messages.DID_UNDO_REVERTED.format(commit=result.reverted_by[:7]))


def log(
    ctx: typer.Context,
    since: str = typer.Option(None, "--since", metavar="DATE", help="From this date on."),
    limit: int = typer.Option(
        None, "--limit", min=1, metavar="N", help="At most N changes, the newest."
    ),
    form: str = FORMAT,
    as_json: bool = JSON,
) -> None:
    """The journal's history of changes (from git), newest first."""
    from mentorlog.core.history import history

    choose(LOG, form, as_json, "log")
    start = parse_date_option(since, "--since")
    show(history(open_journal(ctx), start, limit), LOG, form, as_json, "log")


def upgrade(ctx: typer.Context) -> None:
    """Convert the journal to the current format, in place (one commit in git)."""
    from mentorlog.core.upgrade import upgrade as upgrade_journal

    journal = open_journal(ctx)
    result = upgrade_journal(journal)
    if result.old == result.new:
        print(messages.ALREADY_CURRENT.format(known=result.new))
        return
    print(messages.DID_UPGRADE.format(root=journal.root, old=result.old, new=result.new))
    for path in result.changed:
        print(messages.DID_UPGRADE_FILE.format(path=journal.relative(path)))
    if result.moved_links:
        print(messages.UPGRADE_MOVED_LINKS.format(count=len(result.moved_links)))
    if result.commit:
        print(messages.DID_COMMIT.format(commit=result.commit[:7]))
