"""Make a journal of N entries of all kinds, for benchmarks.

    python benchmarks/generate.py PATH --entries N [--mode stress|realistic]

Files are written in the same format the tool writes (through its own serializer), about 1-2 KB
each. Two shapes:

- stress (the default): 3% goals (with milestones and check-ins, most still active), 35%
  sessions, 25% reflections, 17% feedback, 20% questions, spread over the last few years.
- realistic: shaped like a journal kept for years. A session every week with the mentor, a
  reflection most weeks, feedback and questions now and then, and a new goal every ten weeks or
  so, most of them achieved or dropped by now (a few dozen goals per thousand entries).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mentorlog import FORMAT_VERSION, store
from mentorlog.model import (
    ActionItem,
    Answer,
    CheckIn,
    Entry,
    Feedback,
    Goal,
    JournalConfig,
    Mentor,
    Milestone,
    Question,
    Reflection,
    Session,
)
from words import WORDS


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(sentences))


MODES = ("stress", "realistic")


def begin(root: Path, rng: random.Random, start: date, cadence: int) -> Callable[[], str]:
    """The journal's folder and mentorlog.toml (one mentor since `start`), and a maker of ids."""
    root.mkdir(parents=True, exist_ok=True)
    config = JournalConfig(
        format=FORMAT_VERSION,
        owner="Bench Mark",
        mentors=[Mentor(name="Ana Ruiz", started=start, cadence=cadence)],
    )
    (root / store.CONFIG_NAME).write_text(store.dumps(store.to_document(config)))

    def new_id() -> str:
        return "".join(rng.choice(store.ID_ALPHABET) for _ in range(store.ID_LENGTH))

    return new_id


def generate(root: Path, entries: int, seed: int = 7, mode: str = "stress") -> None:
    if mode == "realistic":
        generate_realistic(root, entries, seed)
        return
    rng = random.Random(seed)
    today = date.today()
    start = today - timedelta(days=max(365, entries // 4))
    span = (today - start).days
    new_id = begin(root, rng, start, cadence=30)

    def moment() -> tuple[date, datetime]:
        day = start + timedelta(days=rng.randrange(span))
        return day, datetime(day.year, day.month, day.day, 18, rng.randrange(60), tzinfo=UTC)

    goal_count = max(3, entries * 3 // 100)
    goal_ids: list[str] = []
    written = 0
    for number in range(entries):
        day, created = moment()
        if number < goal_count:
            title = f"{sentence(rng, 4)[:-1]} {number}"
            entry: Entry = Goal(
                id=new_id(),
                slug=store.slugify(title),
                title=title,
                created=created,
                status=rng.choice(["active"] * 3 + ["achieved", "paused", "dropped"]),
                what=paragraph(rng, 1),
                measure=sentence(rng, 6),
                target=sentence(rng, 4),
                why=paragraph(rng, 1),
                due=day + timedelta(days=rng.randint(30, 300)),
                milestones=[
                    Milestone(
                        title=sentence(rng, 4),
                        due=day + timedelta(days=30 * i),
                        done=day + timedelta(days=30 * i) if rng.random() < 0.5 else None,
                    )
                    for i in range(1, 4)
                ],
                checkins=[
                    CheckIn(
                        date=day + timedelta(days=14 * i),
                        progress=min(100, 12 * i),
                        note=sentence(rng, 8),
                    )
                    for i in range(1, 7)
                ],
                tags=[rng.choice(WORDS)],
            )
            goal_ids.append(entry.id)
        else:
            kind = rng.random()
            links = [rng.choice(goal_ids)] if rng.random() < 0.6 else []
            if kind < 0.36:
                entry = Session(
                    id=new_id(),
                    created=created,
                    date=day,
                    mentor="Ana Ruiz",
                    duration=60,
                    title=sentence(rng, 5),
                    topics=[rng.choice(WORDS) for _ in range(3)],
                    goals=links,
                    notes=paragraph(rng, 6),
                    next=day + timedelta(days=30),
                    actions=[
                        ActionItem(
                            id=new_id(),
                            text=sentence(rng, 6),
                            due=day + timedelta(days=30),
                            done=day + timedelta(days=20) if rng.random() < 0.9 else None,
                        )
                        for _ in range(2)
                    ],
                )
            elif kind < 0.62:
                entry = Reflection(
                    id=new_id(),
                    created=created,
                    date=day,
                    goal=links[0] if links else "",
                    answers=[
                        Answer(prompt=p, answer=paragraph(rng, 2))
                        for p in ("What went well?", "What did I learn about myself?")
                    ],
                )
            elif kind < 0.80:
                entry = Feedback.validate(
                    {
                        "id": new_id(),
                        "created": created,
                        "date": day,
                        "direction": rng.choice(["received", "given"]),
                        "from": "Ana Ruiz",
                        "to": "Bench Mark",
                        "situation": sentence(rng, 8),
                        "behaviour": sentence(rng, 10),
                        "impact": sentence(rng, 10),
                        "strengths": [sentence(rng, 5)],
                        "improvements": [sentence(rng, 5)],
                        "goal": links[0] if links else "",
                    }
                )
            else:
                entry = Question(
                    id=new_id(),
                    created=created,
                    date=day,
                    text=sentence(rng, 12),
                    goal=links[0] if links else "",
                    discussed=day + timedelta(days=10) if rng.random() < 0.95 else None,
                )
        path = root / store.relative_entry_path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(store.dumps(store.to_document(entry)), encoding="utf-8")
        written += 1
    print(f"Wrote {written} entries ({goal_count} goals) to {root}")


# A week of a journal kept for real: one session, most weeks a reflection, now and then feedback
# and a question; a new goal about every ten weeks.
PER_WEEK = {"session": 1.0, "reflection": 0.8, "feedback": 0.3, "question": 0.3}
WEEKS_PER_GOAL = 10


def generate_realistic(root: Path, entries: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    today = date.today()
    per_week = sum(PER_WEEK.values()) + 1 / WEEKS_PER_GOAL
    weeks = max(4, round(entries / per_week))
    start = today - timedelta(weeks=weeks)
    new_id = begin(root, rng, start, cadence=7)

    def at(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 18, rng.randrange(60), tzinfo=UTC)

    made: list[Entry] = []
    goals: list[Goal] = []
    week = 0
    while len(made) < entries:
        monday = start + timedelta(weeks=week)
        week += 1
        if week % WEEKS_PER_GOAL == 1 or not goals:
            created = monday + timedelta(days=rng.randrange(5))
            title = f"{sentence(rng, 4)[:-1]} {len(goals) + 1}"
            age = (today - created).days
            # Goals take four to eight months; older ones are over, most of them achieved.
            span = rng.randint(120, 240)
            over = age > span
            status = (
                rng.choice(["achieved"] * 3 + ["dropped"])
                if over
                else rng.choice(["active"] * 4 + ["paused"])
            )
            steps = max(1, min(age, span) // 21)
            goal = Goal(
                id=new_id(),
                slug=store.slugify(title),
                title=title,
                created=at(created),
                status=status,
                what=paragraph(rng, 1),
                measure=sentence(rng, 6),
                target=sentence(rng, 4),
                why=paragraph(rng, 1),
                due=created + timedelta(days=span),
                milestones=[
                    Milestone(
                        title=sentence(rng, 4),
                        due=created + timedelta(days=span * i // 4),
                        done=created + timedelta(days=span * i // 4)
                        if over or span * i // 4 < age
                        else None,
                    )
                    for i in range(1, 4)
                ],
                checkins=[
                    CheckIn(
                        date=created + timedelta(days=21 * i),
                        progress=min(100, 100 * i // (span // 21 or 1)),
                        note=sentence(rng, 8),
                    )
                    for i in range(1, steps + 1)
                ],
                tags=[rng.choice(WORDS)],
            )
            goals.append(goal)
            made.append(goal)
        running = [g for g in goals if g.status in ("active", "paused")] or goals[-1:]
        for kind, rate in PER_WEEK.items():
            if len(made) >= entries or (rate < 1 and rng.random() > rate):
                continue
            day = monday + timedelta(days=rng.randrange(5))
            link = rng.choice(running).id
            if kind == "session":
                made.append(
                    Session(
                        id=new_id(),
                        created=at(day),
                        date=day,
                        mentor="Ana Ruiz",
                        duration=rng.choice([30, 45, 60]),
                        title=sentence(rng, 5),
                        topics=[rng.choice(WORDS) for _ in range(2)],
                        goals=[link],
                        notes=paragraph(rng, 5),
                        next=day + timedelta(days=7),
                        rating=rng.choice([3, 4, 4, 5, 5]),
                        actions=[
                            ActionItem(
                                id=new_id(),
                                text=sentence(rng, 6),
                                due=day + timedelta(days=7),
                                done=day + timedelta(days=6)
                                if (today - day).days > 10 and rng.random() < 0.95
                                else None,
                            )
                            for _ in range(rng.randint(1, 3))
                        ],
                    )
                )
            elif kind == "reflection":
                made.append(
                    Reflection(
                        id=new_id(),
                        created=at(day),
                        date=day,
                        goal=link,
                        answers=[
                            Answer(prompt=p, answer=paragraph(rng, 2))
                            for p in ("What went well?", "What will I do differently?")
                        ],
                    )
                )
            elif kind == "feedback":
                made.append(
                    Feedback.validate(
                        {
                            "id": new_id(),
                            "created": at(day),
                            "date": day,
                            "direction": rng.choice(["received", "received", "given"]),
                            "from": rng.choice(["Ana Ruiz", "Sam Lee", "Kim Ito"]),
                            "to": "Bench Mark",
                            "situation": sentence(rng, 8),
                            "behaviour": sentence(rng, 10),
                            "impact": sentence(rng, 10),
                            "strengths": [sentence(rng, 5)],
                            "improvements": [sentence(rng, 5)],
                            "goal": link,
                        }
                    )
                )
            else:
                made.append(
                    Question(
                        id=new_id(),
                        created=at(day),
                        date=day,
                        text=sentence(rng, 12),
                        goal=link,
                        discussed=day + timedelta(days=3) if (today - day).days > 7 else None,
                    )
                )
    for entry in made:
        path = root / store.relative_entry_path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(store.dumps(store.to_document(entry)), encoding="utf-8")
    print(f"Wrote {len(made)} entries ({len(goals)} goals over {week} weeks) to {root}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mode", choices=MODES, default="stress")
    args = parser.parse_args()
    if args.path.exists() and (not args.path.is_dir() or any(args.path.iterdir())):
        parser.error(f"{args.path} exists and is not empty; give a new folder")
    generate(args.path, args.entries, args.seed, args.mode)


if __name__ == "__main__":
    main()
