"""Feedback, reflections and questions as report rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.handles import short_id
from mentorlog.model import Feedback, Question
from mentorlog.report.rules import feedback_side

if TYPE_CHECKING:
    from mentorlog.report.shapes import FeedbackRow, QuestionRow


def feedback_rows(feedback: list[Feedback], direction: str | None, owner: str) -> list[FeedbackRow]:
    """Feedback as rows, from the owner's side (rules.feedback_side): who gave it, who received
    it, and who wrote it down."""
    sides = [(f, feedback_side(f, owner)) for f in feedback]
    return [
        {
            "handle": short_id(f.id),
            "id": f.id,
            "date": f.date,
            "direction": side,
            "from": f.giver,
            "to": f.receiver,
            "author": f.author,
            "situation": f.situation,
            "behaviour": f.behaviour,
            "impact": f.impact,
            "text": f.text,
            "strengths": f.strengths,
            "improvements": f.improvements,
            "goal": f.goal,
            "session": f.session,
            "tags": f.tags,
            "private": f.private,
            "path": f.path,
        }
        for f, side in sides
        if direction is None or side == direction
    ]


def open_questions(questions: list[Question], with_goal: bool = False) -> list[QuestionRow]:
    """The questions not discussed yet, oldest first (the agenda also says which goal each is
    about)."""
    rows: list[QuestionRow] = []
    for q in questions:
        if q.discussed is not None:
            continue
        row: QuestionRow = {
            "handle": short_id(q.id),
            "id": q.id,
            "date": q.date,
            "text": q.text,
            "goal": q.goal,
            "mentor": q.mentor,
            "private": q.private,
        }
        if not with_goal:
            del row["goal"]
        rows.append(row)
    return rows
