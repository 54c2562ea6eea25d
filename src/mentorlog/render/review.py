"""The period report, on screen and as a Markdown document to email or commit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorlog.render import markdown as md
from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.milestones import took
from mentorlog.render.parts import (
    facts_grid,
    fmt,
    heading,
    indented,
    marked,
    more,
    rated,
    render_warnings,
    shown,
    state_grid,
)
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        Point,
        Relationship,
        Report,
        ReviewScores,
        WinRow,
    )

BAR = 20
ALL = "--format markdown lists them all"


def progress_move(start: int, end: int, width: int = BAR) -> Text:
    """One bar for the period: kept progress, then what was gained (or lost) in another shade.

    The shades differ in shape as well as colour (█ kept, ▓ gained, ▒ lost), so the bar
    reads without colour too.
    """
    kept = round(min(start, end) * width / 100)
    moved = round(max(start, end) * width / 100) - kept
    text = Text("█" * kept, style="cyan")
    text.append(
        ("▓" if end >= start else "▒") * moved, style="bold green" if end >= start else "red"
    )
    text.append("░" * (width - kept - moved), style="dim")
    delta = end - start
    text.append(f" {start:>3}% → {end:>3}%")
    if delta:
        text.append(f" ({delta:+d})", style="green" if delta > 0 else "red")
    return text


def title(data: Report) -> str:
    return f"Mentoring report: {data['period']['label']}"


def subtitle(data: Report) -> str:
    period = data["period"]
    who = f"{data['owner']} with {data['mentor']}" if data.get("mentor") else data["owner"]
    return (
        f"{who} · {fmt(period['start'])} to {fmt(period['end'])} ({plural(period['days'], 'day')})"
    )


def win_text(row: WinRow) -> str:
    if row["kind"] == "goal":
        return f"Goal achieved: {row['title']}"
    if row["kind"] == "milestone":
        return f"{row['title']} ({row['goal']})"
    return str(row["title"]) + (f" ({row['goal']})" if row["goal"] else "")


def relationship_lines(rel: Relationship, with_review: bool = True) -> list[str]:
    """The agreement, the goals it governs, the ratings and the latest review, one line each."""
    lines = []
    agreed = rel["agreement"]
    if agreed["expectations"]:
        lines.append(f"Expectations: {agreed['expectations']}")
    if agreed["boundaries"]:
        lines.append(f"Boundaries: {agreed['boundaries']}")
    if rel["goals"]:
        lines.append("Goals: " + ", ".join(g["title"] for g in rel["goals"]))
    ratings = rel["ratings"]
    if ratings["average"] is not None:
        lines.append(f"Sessions rated {rated(ratings)}")
    if rel.get("rating"):
        lines.append(f"Overall: {rel['rating']} of 5")
    if rel.get("reason"):
        lines.append(f"Ended because: {rel['reason']}")
    lines += score_lines(rel["scores"])
    review = rel["latest_review"]
    if review and with_review:
        lines.append(f"Latest review ({fmt(review['date'])}):")
        lines += [f"  {a['prompt']} {a['answer']}" for a in review["answers"]]
    return lines


def score_lines(scores: ReviewScores) -> list[str]:
    """Both sides' latest scores in one line, then each gap of 2 or more with its suggestion."""
    from mentorlog.render.mentors import latest_scores, side_trend

    if scores["mentee"] is None and scores["mentor"] is None:
        return []
    mine, theirs = latest_scores(scores)
    shown = []
    for t in scores["trends"]:
        line = f"{t['category']} {mine.get(t['category'], '-')}/{theirs.get(t['category'], '-')}"
        # Each side's scores over the last reviews, as blocks (1 low, 5 high), oldest first.
        drawn = [
            f"{side} {blocks}" for side in ("mentee", "mentor") if (blocks := side_trend(t, side))
        ]
        shown.append(line + (f" ({', '.join(drawn)})" if drawn else ""))
    lines = ["Review scores (mentee/mentor): " + ", ".join(shown)]
    lines += [f"Apart: {g['message']} {g['suggestion']}" for g in scores["gaps"]]
    return lines


def sessions_by_relationship(data: Report) -> list[tuple[Relationship | None, list[Any]]]:
    """Each relationship with its own sessions, then (None) any session of no relationship
    shown (a mentor not in the journal, or not in this report)."""
    groups: list[tuple[Relationship | None, list[Any]]] = [
        (rel, [s for s in data["sessions"] if s["mentor"].casefold() == rel["mentor"].casefold()])
        for rel in data["relationships"]
    ]
    names = {rel["mentor"].casefold() for rel in data["relationships"]}
    groups.append((None, [s for s in data["sessions"] if s["mentor"].casefold() not in names]))
    return groups


def cadence_line(rel: Relationship) -> str:
    held, expected = rel["sessions_held"], rel["sessions_expected"]
    if held >= expected:  # as many as agreed, or more: never "4 of 2"
        count = f"{plural(held, 'session')} ({expected} expected"
    else:
        count = f"{held} of {expected} expected sessions ("
    joiner = ", " if held >= expected else ""
    line = (
        f"{rel['mentor']}: {count}{joiner}every {rel['cadence_days']} days); longest gap "
        f"{plural(rel['longest_gap_days'], 'day')}"
    )
    if rel["lapses"]:
        line += f", {plural(len(rel['lapses']), 'gap')} longer than agreed"
    if rel["concluded"]:
        line += f". Concluded on {fmt(rel['ended'])}"
    return line + "."


def _feedback_lines(points: list[Point]) -> list[str]:
    return [
        f"{item['text']} ({item['person'] or 'unnamed'}, {fmt(item['date'])})" for item in points
    ]


def render_report(console: Canvas, data: Report) -> None:
    console.print(Text(title(data), style="bold"))
    console.print(Text(subtitle(data), style="dim"))

    heading(console, "Goals")
    if not data["goals"]:
        console.print("  No goals in this period.")
    for goal in shown(data["goals"]):
        line = Text("  ")
        line.append(goal["title"], style="bold")
        marked(line, goal)
        console.print(line)
        indented(console, progress_move(goal["progress_start"], goal["progress_end"]), 4)
        indented(console, Text(goal["changed"], style="dim"), 4)
    more(console, data["goals"], ALL)

    heading(console, f"Wins ({len(data['wins'])})")
    if data["wins"]:
        grid = state_grid(state_width=24)
        for row in shown(data["wins"]):
            grid.add_row(
                Text(f"★ {fmt(row['date'])}", style="bold green"),
                marked(win_text(row), row),
                Text(took(row["took_days"]) if row["took_days"] is not None else "", style="dim"),
            )
        indented(console, grid)
        more(console, data["wins"], "`mentorlog milestones`")
    else:
        console.print("  None in this period yet: `mentorlog win TEXT` records one of your own.")

    heading(console, f"Sessions ({len(data['sessions'])})")
    for rel, sessions in sessions_by_relationship(data):
        if rel is not None:
            indented(console, Text(cadence_line(rel), style="yellow" if rel["lapses"] else ""))
            for extra in relationship_lines(rel):
                indented(console, Text(extra, style="dim"), 4)
        elif sessions:
            indented(console, Text("With no relationship above:"))
        for session in shown(sessions):
            minutes = f" ({session['duration']} min)" if session["duration"] else ""
            indented(
                console, marked(f"{fmt(session['date'])}  {session['title']}{minutes}", session), 4
            )
        more(console, sessions, ALL)
    for rel in data["relationships"]:
        if rel["retrospective"]:
            heading(console, f"Retrospective with {rel['mentor']} ({fmt(rel['ended'])})")
            indented(console, Text(rel["retrospective"], style="italic"))

    done, still_open = data["actions"]["done"], data["actions"]["open"]
    heading(console, f"Action items: {len(done)} done, {len(still_open)} still open")
    for row in shown(done):
        indented(console, marked(f"✓ {row['text']}  ({fmt(row['done'])})", row))
    more(console, done, ALL)
    for row in shown(still_open):
        line = marked(f"· {row['text']}", row)
        if row["overdue"]:
            line.append(f"  overdue since {fmt(row['due'])}", style="red")
        indented(console, line)
    more(console, still_open, "`mentorlog action list`")

    feedback = data["feedback"]
    heading(
        console,
        f"Feedback: {feedback['received']['count']} received, {feedback['given']['count']} given",
    )
    for group, label in ((feedback["received"], "Received"), (feedback["given"], "Given")):
        for points, name, sign in (
            (group["strengths"], "strengths", "+"),
            (group["improvements"], "to improve", "△"),
        ):
            items = _feedback_lines(points)
            if items:
                indented(console, Text(f"{label}, {name}:", style="bold"))
                for item in shown(items):
                    indented(console, Text(f"{sign} {item}"), 4)
                more(console, items, ALL)

    heading(console, f"Reflections ({len(data['reflections'])})")
    if data["reflections"]:
        grid = facts_grid()
        for reflection in shown(data["reflections"]):
            # The whole reflection: its text, or every guided answer, not only the first.
            body = reflection["text"] or "\n".join(
                f"{a['prompt']} {a['answer']}" for a in reflection["answers"]
            )
            grid.add_row(fmt(reflection["date"]), marked(body.strip(), reflection))
        indented(console, grid)
        more(console, data["reflections"], ALL)

    questions = data["questions"]
    console.print(
        Text(
            f"\nQuestions: {questions['asked']} asked, {questions['discussed']} discussed.",
            style="dim",
        )
    )
    render_warnings(console, data["warnings"])


def report_markdown(data: Report) -> str:
    doc = md.Document()
    doc.heading(1, md.escape(title(data)))
    doc.paragraph(md.escape(subtitle(data)))

    doc.heading(2, "Goals")
    doc.bullets(
        [
            f"**{md.escape(g['title'])}**{md.private(g)}: {md.escape(g['changed'])}"
            for g in data["goals"]
        ],
        "No goals in this period.",
    )

    doc.heading(2, "Wins")
    doc.bullets(
        [
            f"{fmt(r['date'])}: **{md.escape(win_text(r))}**"
            + (f", {took(r['took_days'])}" if r["took_days"] is not None else "")
            + md.private(r)
            for r in data["wins"]
        ],
        "None in this period.",
    )

    doc.heading(2, "Sessions")
    for rel, sessions in sessions_by_relationship(data):
        if rel is not None:
            doc.heading(3, md.escape(rel["mentor"]))
            doc.paragraph(md.escape(cadence_line(rel)))
            items = [md.escape(line) for line in relationship_lines(rel, with_review=False)]
            review = rel["latest_review"]
            if review:  # its answers a list of their own, under it
                items.append(
                    f"Latest review ({fmt(review['date'])}):\n"
                    + "\n".join(
                        f"- {md.escape(a['prompt'])} {md.escape(a['answer'])}"
                        for a in review["answers"]
                    )
                )
            doc.bullets(items, "")
            if rel["retrospective"]:
                doc.quote(md.escape_lines(rel["retrospective"]))
        elif not sessions:
            continue
        else:
            doc.heading(3, "With no relationship above")
        doc.bullets(
            [
                f"{fmt(s['date'])}: {md.escape(s['title'])}"
                + (f" ({s['duration']} min)" if s["duration"] else "")
                + md.private(s)
                for s in sessions
            ],
            "No sessions in this period.",
        )

    doc.heading(2, "Action items")
    doc.paragraph(
        f"{len(data['actions']['done'])} done, {len(data['actions']['open'])} still open."
    )
    doc.bullets(
        [
            f"Done {fmt(r['done'])}: {md.escape(r['text'])}{md.private(r)}"
            for r in data["actions"]["done"]
        ]
        + [
            f"{'**Overdue:** ' if r['overdue'] else 'Open: '}{md.escape(r['text'])}"
            + (f" (due {fmt(r['due'])})" if r["due"] else "")
            + md.private(r)
            for r in data["actions"]["open"]
        ],
        "None.",
    )

    doc.heading(2, "Feedback")
    feedback = data["feedback"]
    for group, label in ((feedback["received"], "Received"), (feedback["given"], "Given")):
        doc.heading(3, f"{label} ({group['count']})")
        if not group["count"]:
            doc.paragraph("None in this period.")
        # A part with nothing in it is left out, not printed as "Strengths: None."
        for points, label_text in (
            (group["strengths"], "Strengths:"),
            (group["improvements"], "To improve:"),
        ):
            lines = _feedback_lines(points)
            if lines:
                doc.paragraph(label_text)
                doc.bullets([md.escape(line) for line in lines])

    doc.heading(2, "Reflections")
    if not data["reflections"]:
        doc.paragraph("None in this period.")
    for reflection in data["reflections"]:
        goal = reflection["goal_title"] or reflection["goal"]
        about = f" (about {md.escape(goal)})" if goal else ""
        doc.paragraph(f"**{fmt(reflection['date'])}**{about}{md.private(reflection)}")
        body = reflection["text"] or "\n".join(
            f"{a['prompt']} {a['answer']}" for a in reflection["answers"]
        )
        doc.quote(md.escape_lines(body))

    questions = data["questions"]
    doc.paragraph(f"Questions: {questions['asked']} asked, {questions['discussed']} discussed.")
    if data["warnings"]:
        doc.heading(2, "Needs attention")
        doc.bullets([md.warning(w) for w in data["warnings"]])
    return doc.render()
