"""One relationship out of several: what `--mentor NAME` shows in status, agenda, report and
milestones.

A mentee with two mentors keeps one journal; each relationship sees its own sessions (and their
action items), the goals and questions tied to it, and what is tied to no mentor (it belongs to
every relationship). Reflections, feedback and wins go with the goals and sessions they are
about, or with the mentor they name.
"""

from __future__ import annotations

from mentorlog.entries import Entries
from mentorlog.handles import find_mentor
from mentorlog.model import JournalConfig, Mentor
from mentorlog.report.rules import of_mentor


def for_mentor(
    config: JournalConfig, entries: Entries, name: str
) -> tuple[JournalConfig, Entries, Mentor]:
    mentor = find_mentor(config.mentors, name)
    who = mentor.name.casefold()
    goals = [g for g in entries.goals if of_mentor(g.mentor, mentor.name)]
    sessions = [s for s in entries.sessions if s.mentor.casefold() == who]
    kept = {ref for g in goals for ref in (g.id, g.slug, *g.former_slugs)}
    kept |= {s.id for s in sessions}

    def about_kept(goal: str, session: str) -> bool:
        return (not goal and not session) or goal in kept or session in kept

    narrowed = Entries(
        goals=goals,
        sessions=sessions,
        reflections=[r for r in entries.reflections if about_kept(r.goal, r.session)],
        feedback=[
            f
            for f in entries.feedback
            if who in (f.giver.casefold(), f.receiver.casefold())
            or (about_kept(f.goal, f.session) and (f.goal or f.session))
        ],
        questions=[q for q in entries.questions if of_mentor(q.mentor, mentor.name)],
        reviews=[r for r in entries.reviews if r.mentor.casefold() == who],
        wins=[w for w in entries.wins if about_kept(w.goal, "")],
        problems=entries.problems,
        duplicates=entries.duplicates,
        deleted=entries.deleted,
        orphans=entries.orphans,
    )
    return config.copy(mentors=[mentor]), narrowed, mentor
