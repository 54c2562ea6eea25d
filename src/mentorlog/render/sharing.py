"""What `sync` brought in and sent, and the journal's history, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.sync import Synced
from mentorlog.render.blocks import Canvas
from mentorlog.render.parts import Line, Piece, print_lines
from mentorlog.render.text import clean
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import Log

# How `sync` counts what came in, in this order.
KIND_WORDS = {
    "session": ("session", None),
    "check-in": ("check-in", None),
    "feedback": ("feedback", "feedback"),
    "reflection": ("reflection", None),
    "question": ("question", None),
    "goal": ("goal", None),
    "milestone reached": ("milestone reached", "milestones reached"),
    "action done": ("action done", "actions done"),
}


def render_sync(result: Synced) -> None:
    if result.committed:
        print(f"Committed {plural(len(result.committed), 'pending journal file')}.")
    if result.incoming:
        counts: dict[str, int] = {}
        for row in result.incoming:
            counts[row["kind"]] = counts.get(row["kind"], 0) + 1
        ordered = sorted(
            counts,
            key=lambda k: (list(KIND_WORDS).index(k) if k in KIND_WORDS else len(KIND_WORDS), k),
        )
        words = [plural(counts[k], *KIND_WORDS.get(k, (k, None))) for k in ordered]
        print(f"From {result.remote}: {', '.join(words)}.")
        for row in result.incoming:
            by = f"  (by {clean(row['author'])})" if row.get("author") else ""
            print(f"  {row['kind']:<18} {row['date'].isoformat()}  {clean(row['title'])}{by}")
    elif not result.other_incoming:
        print(f"Nothing new from {result.remote}.")
    if result.other_incoming:
        print(f"  and {plural(result.other_incoming, 'file')} changed by hand.")
    if result.pushed:
        print(f"Pushed {plural(result.pushed, 'commit')} to {result.remote}.")
    else:
        print(f"Nothing to push: {result.remote} has everything.")


def render_log(console: Canvas, data: Log) -> None:
    if not data["commits"]:
        console.print("No changes recorded in git yet.")
        return
    lines: list[Line] = []
    for commit in data["commits"]:
        lines.append(
            [
                Piece(commit["date"].strftime("%Y-%m-%d %H:%M")),
                Piece(f"  {commit['short']}", "dim"),
                Piece(f"  {clean(commit['author'])}", "cyan"),
                Piece(f"  {clean(commit['message'])}", flexible=True),
            ]
        )
    print_lines(console, lines)
