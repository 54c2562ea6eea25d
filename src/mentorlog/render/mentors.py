"""Mentoring relationships, running and concluded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from mentorlog.render.parts import facts_grid, fmt, indented, rated

if TYPE_CHECKING:
    from mentorlog.report.shapes import MentorList


def render_mentors(console: Console, data: MentorList) -> None:
    if not data["mentors"]:
        console.print("No mentors yet: `mentorlog mentor add NAME --cadence DAYS`.")
        return
    for index, row in enumerate(data["mentors"]):
        head = Text(("\n" if index else "") + row["mentor"], style="bold")
        if row["concluded"]:
            head.append(f"  concluded {fmt(row['ended'])}", style="dim")
        elif row["ended"]:
            head.append(f"  running, ends {fmt(row['ended'])}", style="yellow")
        else:
            head.append("  running", style="green")
        console.print(head)
        facts = facts_grid()
        facts.add_row("Since", fmt(row["started"]))
        facts.add_row("Cadence", f"every {row['cadence_days']} days")
        last = (
            f"{fmt(row['last_session'])} ({row['days_since']} days ago)"
            if row["last_session"]
            else "none yet"
        )
        facts.add_row("Sessions", f"{row['sessions']}; last {last}")
        if row["next_meeting"] and not row["concluded"]:
            facts.add_row("Next", fmt(row["next_meeting"]))
        ratings = row["ratings"]
        if ratings["average"] is not None:
            facts.add_row("Ratings", rated(ratings))
        for label, value in (
            ("Expectations", row["expectations"]),
            ("Boundaries", row["boundaries"]),
            ("Ended because", row["reason"]),
            ("Retrospective", row["retrospective"]),
        ):
            if value:
                facts.add_row(label, value)
        if row["rating"]:
            facts.add_row("Overall", f"{row['rating']} of 5")
        review = row["latest_review"]
        if review:
            answers = Text()
            for number, answer in enumerate(review["answers"]):
                answers.append(("\n" if number else "") + answer["prompt"] + " ", style="dim")
                answers.append(answer["answer"])
            facts.add_row(f"Review {fmt(review['date'])}", answers)
        indented(console, facts)
