"""Feedback, reflections and questions as report rows."""

from __future__ import annotations

from mentorlog.handles import short_id
from mentorlog.model import Feedback
from mentorlog.report.shapes import FeedbackRow


def feedback_rows(feedback: list[Feedback], direction: str | None) -> list[FeedbackRow]:
    return [
        {
            "handle": short_id(f.id),
            "id": f.id,
            "date": f.date,
            "direction": f.direction,
            "from": f.from_,
            "to": f.to,
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
        for f in feedback
        if direction is None or f.direction == direction
    ]
