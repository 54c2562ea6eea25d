"""Mentoring relationships, running and concluded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.charts import score_blocks
from mentorlog.render.parts import facts_grid, fmt, indented, rated

if TYPE_CHECKING:
    from mentorlog.report.shapes import CategoryTrend, MentorList, MentorShow, ReviewScores


def latest_scores(scores: ReviewScores) -> tuple[dict[str, int], dict[str, int]]:
    """Each side's latest score by category: the mentee's, then the mentor's."""
    mentee, mentor = scores["mentee"], scores["mentor"]
    return (
        {s["category"]: s["score"] for s in (mentee["scores"] if mentee else [])},
        {s["category"]: s["score"] for s in (mentor["scores"] if mentor else [])},
    )


def side_trend(trend: CategoryTrend, side: str) -> str:
    """One side's scores of a category over the last reviews, as blocks."""
    return score_blocks([p["score"] for p in trend["points"] if p["side"] == side])


def score_text(scores: ReviewScores) -> Text | None:
    """Each category: the mentee's latest score, the mentor's, a warning mark where they are 2
    or more apart, and the trend of each side as small blocks (oldest first)."""
    mentee, mentor = scores["mentee"], scores["mentor"]
    if mentee is None and mentor is None:
        return None
    mine, theirs = latest_scores(scores)
    gaps = {g["category"] for g in scores["gaps"]}
    text = Text()
    for number, trend in enumerate(scores["trends"]):
        category = trend["category"]
        text.append(("\n" if number else "") + f"{category:<14}", style="bold")
        text.append(f"mentee {mine.get(category, '-')}  mentor {theirs.get(category, '-')}")
        for side in ("mentee", "mentor"):
            blocks = side_trend(trend, side)
            if blocks:
                text.append(f"  {side} ", style="dim")
                text.append(blocks, style="cyan")
        if category in gaps:
            text.append("  ! 2 or more apart", style="bold red")
    dates = [
        f"mentee {fmt(mentee['date'])}" if mentee else "",
        f"mentor {fmt(mentor['date'])}" if mentor else "",
    ]
    text.append("\n" + "latest: " + ", ".join(d for d in dates if d), style="dim")
    return text


def render_mentors(console: Canvas, data: MentorList) -> None:
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
        scored = score_text(row["scores"])
        if scored is not None:
            facts.add_row("Scores", scored)
        indented(console, facts)
        for gap in row["scores"]["gaps"]:
            console.print(Text(f"  ! {gap['message']} {gap['suggestion']}", style="yellow"))


def render_mentor(console: Canvas, data: MentorShow) -> None:
    render_mentors(console, {"mentors": [data["mentor"]]})
    if not data["reviews"]:
        console.print("\n  No review yet: `mentorlog mentor review NAME --score trust=4 …`.")
        return
    console.print(Text("\nReviews", style="bold"))
    for review in data["reviews"]:
        head = Text(f"  {fmt(review['date'])}  {review['side']}", style="bold")
        head.append(f"  by {review['author'] or 'unsigned'}  {review['handle']}", style="dim")
        if review["private"]:
            head.append("  (private)", style="magenta")
        console.print(head)
        if review["scores"]:
            console.print(
                "    "
                + ", ".join(
                    f"{s['category']} {s['score']}"
                    + ("" if s["known"] else " (not a category here)")
                    for s in review["scores"]
                )
            )
        for answer in review["answers"]:
            line = Text(f"    {answer['prompt']} ", style="dim")
            line.append(answer["answer"])
            console.print(line)
