"""A mentor's roster on screen and in Markdown: one row per mentee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render import markdown as md
from mentorlog.render.blocks import SIMPLE_HEAD, Canvas, Table, Text
from mentorlog.render.parts import fmt

if TYPE_CHECKING:
    from mentorlog.report.shapes import MenteeRow, Roster


def _meeting(row: MenteeRow) -> str:
    last = (
        f"{fmt(row['last_session'])} ({row['days_since']} days ago)"
        if row["last_session"]
        else "no session yet"
    )
    return last + (f"; next {fmt(row['next_meeting'])}" if row["next_meeting"] else "")


def _actions(row: MenteeRow) -> str:
    parts = [f"{row['overdue_actions']} theirs"] if row["overdue_actions"] else []
    if row["overdue_mentor_actions"]:
        parts.append(f"{row['overdue_mentor_actions']} yours")
    return ", ".join(parts) or "none"


def _goals(row: MenteeRow) -> str:
    progress = f"{row['progress']}%" if row["progress"] is not None else "-"
    risk = f", {len(row['goals_at_risk'])} at risk" if row["goals_at_risk"] else ""
    return f"{row['active_goals']} active, {progress}{risk}"


def render_roster(console: Canvas, data: Roster) -> None:
    if not data["mentees"]:
        console.print("No journal could be read.")
        return
    table = Table(box=SIMPLE_HEAD, pad_edge=False, show_edge=False)
    # A path is what a mentor types after -j: whole when it can take half the screen.
    longest = max(len(row["journal"]) for row in data["mentees"])
    room = max(console.width - 50, 12)  # what the other columns leave at their narrowest
    table.add_column("Mentee (-j)", overflow="ellipsis", no_wrap=True, max_width=room)
    table.add_column("Meetings", overflow="ellipsis")
    table.add_column("Overdue actions", overflow="ellipsis")
    table.add_column("Goals", overflow="ellipsis")
    table.add_column("Questions", justify="right", min_width=len("Questions"))
    for row in data["mentees"]:
        who = Text(row["owner"], style="bold")
        who.append(f"\n{row['journal']}", style="dim")
        meeting = Text(_meeting(row), style="bold red" if row["lapsed"] else "")
        if row["lapsed"]:
            meeting.append("  LAPSED")
        table.add_row(who, meeting, _actions(row), _goals(row), str(row["open_questions"]))
    console.print(table)
    if longest > room:  # cut above: each in full, to copy
        console.print(Text("\nJournals (-j):", style="dim"))
        for row in data["mentees"]:
            console.print(
                Text(f"  {row['owner']}: ", style="dim"), Text(row["journal"]), soft_wrap=True
            )


def roster_markdown(data: Roster) -> str:
    doc = md.Document()
    doc.heading(1, f"Mentees on {fmt(data['today'])}")
    for row in data["mentees"]:
        doc.heading(2, md.escape(row["owner"]))
        lapsed = " **Lapsed** against the agreed cadence." if row["lapsed"] else ""
        doc.bullets(
            [
                f"Journal: {md.code(row['journal'])}",
                f"Meetings: {md.escape(_meeting(row))}.{lapsed}",
                f"Overdue actions: {md.escape(_actions(row))}",
                f"Goals: {md.escape(_goals(row))}"
                + (
                    f" ({', '.join(md.code(g) for g in row['goals_at_risk'])})"
                    if row["goals_at_risk"]
                    else ""
                ),
                f"Open questions: {row['open_questions']}",
            ]
        )
    if data["failed"]:
        doc.heading(2, "Not read")
        doc.bullets([f"{md.code(f['journal'])}: {md.escape(f['problem'])}" for f in data["failed"]])
    return doc.render()
