"""The agenda for the next session: on screen, and as Markdown to send ahead of the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.dates import when as moment
from mentorlog.render import markdown as md
from mentorlog.render.actions import action_table
from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.parts import (
    DASHBOARD_ROWS,
    Line,
    Piece,
    fmt,
    hanging,
    heading,
    indented,
    marked,
    more,
    print_lines,
    render_warnings,
    shown,
    state_grid,
)
from mentorlog.render.text import clean

if TYPE_CHECKING:
    from mentorlog.report.shapes import Agenda, AgendaMilestone, GoalToReview, ShortItem


def title(data: Agenda) -> str:
    nxt = data["next_meeting"]
    # An agenda of several relationships is no one meeting's: it says so.
    several = len([m for m in data["meetings"] if not m["concluded"]]) > 1
    if nxt is None:
        return (
            "Agenda for the next sessions, every relationship (no date set)"
            if several
            else ("Agenda for the next session (no date set)")
        )
    when = {0: "today", 1: "tomorrow"}.get(nxt["days_away"], f"in {nxt['days_away']} days")
    day = moment(nxt["date"], nxt.get("at"))
    if several:
        return f"Agenda for every relationship (next: {day} with {nxt['mentor']}, {when})"
    return f"Agenda for {day} with {nxt['mentor']} ({when})"


def _milestone_state(item: AgendaMilestone) -> str:
    if item["overdue"]:
        return f"{-item['days_left']} days late (due {item['due'].isoformat()})"
    if item["days_left"] == 0:
        return "due today"
    return f"due {item['due'].isoformat()}"


def _review_reason(item: GoalToReview) -> str:
    parts = []
    parts.append(
        f"last check-in {fmt(item['last_checkin'])}" if item["last_checkin"] else "no check-in yet"
    )
    parts.append(
        f"last discussed {fmt(item['last_discussed'])}"
        if item["last_discussed"]
        else "never discussed"
    )
    return ", ".join(parts)


def render_agenda(console: Canvas, data: Agenda) -> None:
    console.print(Text(title(data), style="bold"))
    console.print(Text(f"{data['owner']}'s journal · {fmt(data['today'])}", style="dim"))

    recent = data["since"]
    heading(console, f"Since we last met ({recent['count']})")
    if recent["items"]:
        print_lines(console, (_short_line(item) for item in recent["items"]))
    else:
        console.print("  Nothing recorded since then.")
    if recent["count"] > len(recent["items"]):
        console.print(
            Text(
                f"  … {recent['count'] - len(recent['items'])} more in `mentorlog since`",
                style="dim",
            )
        )

    heading(console, f"Action items to follow up ({len(data['actions'])})")
    if data["actions"]:
        indented(console, action_table(shown(data["actions"], DASHBOARD_ROWS)))
        more(console, data["actions"], "`mentorlog action list`", DASHBOARD_ROWS)
    else:
        console.print("  None open.")

    heading(console, f"Milestones due by {fmt(data['horizon'])} ({len(data['milestones'])})")
    if data["milestones"]:
        grid = state_grid(padding=1, state_width=36)
        for item in shown(data["milestones"], DASHBOARD_ROWS):
            late = item["overdue"]
            what = Text(f"{item['goal_title']}: ", style="bold")
            what.append(item["title"], style="")
            marked(what, item)
            grid.add_row(
                Text("!" if late else "·", style="bold red" if late else ""),
                what,
                Text(_milestone_state(item), style="red" if late else "dim"),
            )
        indented(console, grid)
        more(console, data["milestones"], "`mentorlog milestones`", DASHBOARD_ROWS)
    else:
        console.print("  None.")

    heading(
        console,
        f"Goals not discussed in {data['cadence_days']} days ({len(data['goals_to_review'])})",
    )
    if data["goals_to_review"]:
        grid = state_grid(padding=1, state_width=36)
        for goal in shown(data["goals_to_review"], DASHBOARD_ROWS):
            grid.add_row(
                "·",
                marked(f"{goal['title']} ({goal['progress']}%)", goal, "bold"),
                Text(f"{goal['days_since']} days: {_review_reason(goal)}", style="dim"),
            )
        indented(console, grid)
        more(console, data["goals_to_review"], "`mentorlog agenda --json`", DASHBOARD_ROWS)
    else:
        console.print("  None: every active goal was touched lately.")

    heading(console, f"Questions ({len(data['questions'])})")
    for question in shown(data["questions"], DASHBOARD_ROWS):
        line = marked(question["text"], question)
        line.append(f"  {question['handle']}", style="dim")
        hanging(console, "?", line)
    more(console, data["questions"], "`mentorlog agenda --markdown`", DASHBOARD_ROWS)
    if not data["questions"]:
        console.print("  None. Note one with `mentorlog ask QUESTION`.")

    render_warnings(console, data["warnings"])


def _short_line(item: ShortItem) -> Line:
    from mentorlog.render.since import _item_line

    line = _item_line(item)
    if item["goal_title"]:
        line.insert(2, Piece(f"{clean(item['goal_title'])}: ", "bold"))
    return line


def _short_markdown(item: ShortItem) -> str:
    from mentorlog.render.since import item_markdown

    about = f"**{md.escape(item['goal_title'])}**: " if item["goal_title"] else ""
    return about + item_markdown(item)


def agenda_markdown(data: Agenda) -> str:
    doc = md.Document()
    doc.heading(1, md.escape(title(data)))
    doc.paragraph(f"{md.escape(data['owner'])}'s mentoring journal, {fmt(data['today'])}.")

    recent = data["since"]
    doc.heading(2, "Since we last met")
    doc.bullets([_short_markdown(item) for item in recent["items"]], "Nothing recorded since then.")
    if recent["count"] > len(recent["items"]):
        doc.paragraph(
            f"{recent['count'] - len(recent['items'])} more: `mentorlog since` lists them all."
        )

    doc.heading(2, "Action items to follow up")
    items = []
    for action in data["actions"]:
        session = action["session"]
        due = f"due {action['due'].isoformat()}" if action["due"] else "no due date"
        lead = "**Overdue:** " if action["overdue"] else ""
        if action.get("owner"):
            lead += f"{md.escape(action['owner'])}'s promise: "
        items.append(
            f"{lead}{md.escape(action['text'])} ({due}; from the session of "
            f"{session['date'].isoformat()}, {md.code(session['handle'])})"
            f"{md.private(action)}"
        )
    doc.bullets(items, "None open.")

    doc.heading(2, f"Milestones due by {fmt(data['horizon'])}")
    items = [
        f"{'**Late:** ' if m['overdue'] else ''}{md.escape(m['goal_title'])}: "
        f"{md.escape(m['title'])}, {_milestone_state(m)}{md.private(m)}"
        for m in data["milestones"]
    ]
    doc.bullets(items)

    doc.heading(2, f"Goals not discussed in {data['cadence_days']} days")
    items = [
        f"{md.escape(g['title'])} ({g['progress']}%): {_review_reason(g)}{md.private(g)}"
        for g in data["goals_to_review"]
    ]
    doc.bullets(items)

    doc.heading(2, "Questions")
    items = [md.escape(q["text"]) + md.private(q) for q in data["questions"]]
    doc.bullets(items)

    if data["warnings"]:
        doc.heading(2, "Needs attention")
        doc.bullets([md.warning(w) for w in data["warnings"]])
    return doc.render()
