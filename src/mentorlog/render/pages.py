"""The HTML pages (`--format html`): report, agenda, goal show, milestones and roster.

Each is one renderer of the same typed data the screen and `--json` show. Journal text goes in
as plain strings, so html.tag() escapes it; see html.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mentorlog.render import svg
from mentorlog.render.html import (
    Safe,
    bullets,
    day,
    join,
    lines,
    page,
    para,
    private,
    quote,
    section,
    table,
    tag,
    warnings,
)
from mentorlog.render.html import (
    facts as html_facts,
)
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import (
        ActionRow,
        Agenda,
        GoalHistory,
        LinkedEntry,
        MilestoneRow,
        Milestones,
        MilestoneState,
        Report,
        Roster,
        Since,
    )


def _marks(milestones: list[MilestoneState]) -> list[tuple[date, str, bool]]:
    """Each milestone with a day: the day it was reached, else the day it is due."""
    marks = []
    for m in milestones:
        when = m["done"] or m["due"]
        if when is not None:
            marks.append((when, m["title"], m["done"] is not None))
    return marks


def _late(text: str) -> Safe:
    return tag("strong", text, class_="late")


# --- report ------------------------------------------------------------------------------------


def report_page(data: Report) -> str:
    from mentorlog.render.milestones import took
    from mentorlog.render.review import (
        _feedback_lines,
        cadence_line,
        relationship_lines,
        sessions_by_relationship,
        subtitle,
        title,
        win_text,
    )

    period = data["period"]
    goals = section(
        "Goals",
        table(
            ["Goal", "Progress", "What changed"],
            [
                [
                    join([tag("strong", g["title"]), private(g)]),
                    join(
                        [
                            svg.progress_bar(g["progress_end"], g["title"]),
                            f" ({g['delta']:+d})" if g["delta"] else "",
                        ]
                    ),
                    g.get("changed", ""),
                ]
                for g in data["goals"]
            ],
            empty="No goals in this period.",
        ),
        *(
            svg.progress_chart(
                g["title"],
                [(p["date"], p["progress"]) for p in g["progress_points"]],
                _marks(g["milestones"]),
                period["end"],
            )
            for g in data["goals"]
            if g["progress_points"] or g["milestones"]
        ),
    )
    wins = section(
        "Wins",
        bullets(
            [
                join(
                    [
                        day(w["date"]),
                        ": ",
                        tag("strong", win_text(w)),
                        f", {took(w['took_days'])}" if w["took_days"] is not None else "",
                        private(w),
                    ]
                )
                for w in data["wins"]
            ],
            "None in this period.",
        ),
    )
    session_blocks: list[Safe] = []
    for rel, sessions in sessions_by_relationship(data):
        if rel is None:
            if not sessions:
                continue
            session_blocks.append(tag("h3", "With no relationship above"))
        else:
            session_blocks.append(tag("h3", rel["mentor"]))
            session_blocks.append(para(cadence_line(rel)))
            session_blocks.append(bullets(relationship_lines(rel, with_review=False)))
            review = rel["latest_review"]
            if review:
                session_blocks.append(para(join(["Latest review (", day(review["date"]), "):"])))
                session_blocks.append(
                    bullets(
                        [
                            join([tag("strong", a["prompt"]), " ", lines(a["answer"])])
                            for a in review["answers"]
                        ]
                    )
                )
            if rel["retrospective"]:
                session_blocks.append(quote(rel["retrospective"]))
            months = [
                (m["month"], m["sessions"], m["expected"])
                for m in data["months"]
                if m["mentor"].casefold() == rel["mentor"].casefold()
            ]
            if months:
                session_blocks.append(svg.sessions_chart(months, rel["mentor"]))
            rated = [(r["date"], r["rating"]) for r in rel["ratings"]["ratings"] if r["rating"]]
            if rated:
                session_blocks.append(
                    svg.rating_chart(
                        [(d, int(r)) for d, r in rated if r is not None],
                        rel["mentor"],
                        period["end"],
                    )
                )
        session_blocks.append(
            table(
                ["Date", "Session", "Minutes"],
                [
                    [day(s["date"]), join([s["title"], private(s)]), s["duration"] or ""]
                    for s in sessions
                ],
                empty="No sessions in this period.",
                numeric=(2,),
            )
        )
    actions = data["actions"]
    action_items = [
        join(["Done ", day(a["done"]), ": ", a["text"], private(a)]) for a in actions["done"]
    ] + [
        join(
            [
                _late("Overdue: ") if a.get("overdue") else "Open: ",
                a["text"],
                join([" (due ", day(a["due"]), ")"]) if a["due"] else "",
                private(a),
            ]
        )
        for a in actions["open"]
    ]
    feedback_blocks: list[Safe] = []
    for group, label in (
        (data["feedback"]["received"], "Received"),
        (data["feedback"]["given"], "Given"),
    ):
        feedback_blocks.append(tag("h3", f"{label} ({group['count']})"))
        if not group["count"]:
            feedback_blocks.append(para("None in this period.", class_="empty"))
        for points, heading in (
            (group["strengths"], "Strengths"),
            (group["improvements"], "To improve"),
        ):
            if points:
                feedback_blocks.append(para(tag("strong", heading)))
                feedback_blocks.append(
                    bullets(
                        [
                            join([line, private(point)])
                            for line, point in zip(_feedback_lines(points), points, strict=True)
                        ]
                    )
                )
    reflection_blocks: list[Safe] = []
    for reflection in data["reflections"]:
        goal = reflection["goal_title"] or reflection["goal"]
        reflection_blocks.append(
            para(
                tag("strong", day(reflection["date"])),
                f" (about {goal})" if goal else "",
                private(reflection),
            )
        )
        body = reflection["text"] or "\n".join(
            f"{a['prompt']} {a['answer']}" for a in reflection["answers"]
        )
        reflection_blocks.append(quote(body))
    questions = data["questions"]
    return page(
        title(data),
        subtitle(data),
        goals,
        section(
            "Milestones reached",
            bullets(
                [
                    join(
                        [
                            day(m["done"]),
                            ": ",
                            tag("strong", m["title"]),
                            f" ({m['goal_title']}), {took(m['took_days'])}",
                            "" if m["on_time"] else ", after its due date",
                            private(m),
                        ]
                    )
                    for m in data["milestones_reached"]
                ],
                "None in this period.",
            ),
        ),
        wins,
        section("Sessions", *session_blocks),
        section(
            "Activity",
            svg.heatmap(
                [(d["date"], d["entries"]) for d in data["activity"]],
                period["start"],
                period["end"],
            ),
        ),
        section(
            "Action items",
            para(f"{len(actions['done'])} done, {len(actions['open'])} still open."),
            bullets(action_items, "None."),
        ),
        section("Feedback", *feedback_blocks),
        section(
            "Reflections",
            *(reflection_blocks or [para("None in this period.", class_="empty")]),
        ),
        para(f"Questions: {questions['asked']} asked, {questions['discussed']} discussed."),
        warnings(data["warnings"]),
        today=data["today"],
    )


# --- agenda ------------------------------------------------------------------------------------


def _action(action: ActionRow) -> Safe:
    session = action["session"]
    return join(
        [
            _late("Overdue: ") if action["overdue"] else "",
            f"{action['owner']}'s promise: " if action.get("owner") else "",
            action["text"],
            " (",
            join(["due ", day(action["due"])]) if action["due"] else "no due date",
            "; from the session of ",
            day(session["date"]),
            ", ",
            tag("code", session["handle"]),
            ")",
            private(action),
        ]
    )


def agenda_page(data: Agenda) -> str:
    from mentorlog.render.agenda import _milestone_state, _review_reason, title

    recent = data["since"]
    more = recent["count"] - len(recent["items"])
    return page(
        title(data),
        f"{data['owner']}'s mentoring journal, {data['today'].isoformat()}.",
        section(
            "Since we last met",
            bullets(
                [
                    join(
                        [
                            tag("strong", f"{item['goal_title']}: ") if item["goal_title"] else "",
                            day(item["date"]),
                            ": ",
                            item["text"],
                            tag("span", f" by {item['author']}", class_="muted")
                            if item["author"]
                            else "",
                            private(item),
                        ]
                    )
                    for item in recent["items"]
                ],
                "Nothing recorded since then.",
            ),
            para(f"{more} more: `mentorlog since` lists them all.", class_="muted")
            if more > 0
            else "",
        ),
        section(
            "Action items to follow up",
            bullets([_action(a) for a in data["actions"]], "None open."),
        ),
        section(
            f"Milestones due by {data['horizon'].isoformat()}",
            bullets(
                [
                    join(
                        [
                            _late("Late: ") if m["overdue"] else "",
                            m["goal_title"],
                            ": ",
                            tag("strong", m["title"]),
                            f", {_milestone_state(m)}",
                            private(m),
                        ]
                    )
                    for m in data["milestones"]
                ],
                "None.",
            ),
        ),
        section(
            f"Goals not discussed in {data['cadence_days']} days",
            bullets(
                [
                    join(
                        [
                            tag("strong", g["title"]),
                            f" ({g['progress']}%): {_review_reason(g)}",
                            private(g),
                        ]
                    )
                    for g in data["goals_to_review"]
                ],
                "None.",
            ),
        ),
        section(
            "Questions",
            bullets([join([lines(q["text"]), private(q)]) for q in data["questions"]], "None."),
        ),
        warnings(data["warnings"]),
        today=data["today"],
    )


# --- goal show -----------------------------------------------------------------------------------


def _linked(entry: LinkedEntry) -> Safe:
    from mentorlog.render.goals import linked_body

    body = linked_body(entry)
    head = join(
        [
            tag("strong", day(entry["date"])),
            " ",
            tag("span", entry["kind"], class_="muted"),
            " ",
            entry["title"] if entry["kind"] != "reflection" else "",
            private(entry),
            " ",
            tag("code", entry["handle"]),
        ]
    )
    return join([head, quote("\n".join(body)) if body else ""])


def goal_page(data: GoalHistory) -> str:
    from mentorlog.render.actions import action_mark

    smart = data["smart"]
    facts: list[tuple[str, object]] = [
        ("What", smart["what"] or "not set"),
        ("Measure", smart["measure"] or "not set"),
        ("Target", smart["target"] or "not set"),
        ("Why", smart["why"] or "not set"),
        (
            "Due",
            join([day(data["due"]), _late(" overdue") if data["overdue"] else ""])
            if data["due"]
            else "not set",
        ),
        ("Progress", svg.progress_bar(data["progress"], data["title"])),
    ]
    checkins = data["checkins"]
    milestone_marks = _marks(data["milestones"])
    history = [
        (c["date"], f"status: {c['status']}" + (f": {c['note']}" if c["note"] else ""), c["author"])
        for c in data["status_history"]
    ]
    history += [
        (e["date"], f"{e['field']}: {e['old'] or '—'} → {e['new'] or '—'}", e["author"])
        for e in data.get("edits", [])
    ]
    history.sort(key=lambda row: row[0])
    agreement = data["agreement"]
    subtitle = (
        f"{data['status'].capitalize()} goal ({data['handle']}), started "
        f"{data['created'].date().isoformat()}" + (", private" if data["private"] else "")
    )
    return page(
        data["title"],
        subtitle,
        section("SMART framing", html_facts(facts)),
        para(f"Not SMART yet: no {' or '.join(data['smart_gaps'])}.", class_="late")
        if data["smart_gaps"]
        else "",
        section(
            f"Agreement with {agreement['mentor']}",
            bullets(
                [
                    f"Every {agreement['cadence_days']} days, since "
                    f"{agreement['started'].isoformat()}",
                    *(
                        [f"Expectations: {agreement['expectations']}"]
                        if agreement["expectations"]
                        else []
                    ),
                    *(
                        [f"Boundaries: {agreement['boundaries']}"]
                        if agreement["boundaries"]
                        else []
                    ),
                ]
            ),
        )
        if agreement
        else "",
        section(
            "Progress",
            svg.progress_chart(
                data["title"],
                [(c["date"], c["progress"]) for c in checkins],
                milestone_marks,
                checkins[-1]["date"] if checkins else data["created"].date(),
            )
            if checkins or milestone_marks
            else para("No check-ins yet.", class_="empty"),
            table(
                ["Date", "Progress", "Confidence", "Note", "By"],
                [
                    [
                        day(c["date"]),
                        f"{c['progress']}%",
                        f"{c['confidence']} of 5" if c.get("confidence") else "—",
                        lines(c["note"]),
                        c["author"],
                    ]
                    for c in checkins
                ],
                empty="No check-ins yet.",
                numeric=(1,),
            )
            if checkins
            else "",
        ),
        section(
            "Milestones",
            table(
                ["#", "Milestone", "State"],
                [
                    [
                        m["number"],
                        m["title"],
                        tag("span", join(["✓ reached ", day(m["done"])]), class_="done")
                        if m["done"]
                        else _late(f"! overdue since {m['due'].isoformat()}")
                        if m["overdue"] and m["due"]
                        else join(["due ", day(m["due"])])
                        if m["due"]
                        else "no due date",
                    ]
                    for m in data["milestones"]
                ],
                empty="No milestones.",
            ),
        ),
        section(
            "History",
            table(
                ["Date", "Change", "By"],
                [[day(d), what, who] for d, what, who in history],
            ),
        )
        if history
        else "",
        section(
            "Action items",
            bullets(
                [
                    join(
                        [
                            tag("code", action_mark(a)),
                            " ",
                            a["text"],
                            f" ({a['owner']}'s promise)" if a["owner"] else "",
                            join([" done ", day(a["done"])])
                            if a["done"]
                            else join([" dropped ", day(a["dropped"])])
                            if a.get("dropped")
                            else join([" due ", day(a["due"])])
                            if a["due"]
                            else "",
                            _late(" overdue") if a["overdue"] else "",
                            private(a),
                        ]
                    )
                    for a in data.get("actions", [])
                ],
                "None.",
            ),
        ),
        section(
            "Sessions, reflections and feedback",
            bullets([_linked(e) for e in data["linked"]], "Nothing linked to this goal yet."),
        ),
        today=None,
    )


# --- milestones ----------------------------------------------------------------------------------


def _milestone_rows(rows: list[MilestoneRow], state: str) -> list[list[object]]:
    from mentorlog.render.milestones import took

    out: list[list[object]] = []
    for row in rows:
        if state == "achieved":
            status: object = join(
                [
                    "reached ",
                    day(row["done"]),
                    f", {took(row['took_days'])}" if "took_days" in row else "",
                    "" if row.get("on_time", True) else ", after its due date",
                ]
            )
        elif state == "overdue":
            status = _late(f"{plural(row.get('days_late', 0), 'day')} late")
        else:
            left = row.get("days_left")
            status = f"{plural(left, 'day')} left" if left is not None else "no due date"
        out.append(
            [
                join([tag("strong", row["title"]), private(row)]),
                row["goal_title"],
                day(row["due"]),
                status,
            ]
        )
    return out


def milestones_page(data: Milestones) -> str:
    return page(
        "Milestones",
        f"On {data['today'].isoformat()}: {len(data['achieved'])} reached, "
        f"{len(data['overdue'])} overdue, {len(data['upcoming'])} upcoming.",
        *(
            section(
                f"{heading} ({len(rows)})",
                table(
                    ["Milestone", "Goal", "Due", "State"],
                    _milestone_rows(rows, key),
                    empty=empty,
                ),
            )
            for key, rows, heading, empty in (
                ("overdue", data["overdue"], "Overdue", "None overdue."),
                ("upcoming", data["upcoming"], "Upcoming", "None planned."),
                ("achieved", data["achieved"], "Reached", "None reached yet."),
            )
        ),
        today=data["today"],
    )


# --- roster --------------------------------------------------------------------------------------


def roster_page(data: Roster) -> str:
    from mentorlog.render.roster import _actions, _goals, _meeting

    rows: list[list[object]] = []
    for row in data["mentees"]:
        rows.append(
            [
                join([tag("strong", row["owner"]), Safe("<br>"), tag("code", row["journal"])]),
                join([_meeting(row), _late(" lapsed") if row["lapsed"] else ""]),
                _actions(row),
                join(
                    [
                        _goals(row),
                        join([" (", ", ".join(row["goals_at_risk"]), ")"])
                        if row["goals_at_risk"]
                        else "",
                    ]
                ),
                row["open_questions"],
            ]
        )
    return page(
        f"Mentees on {data['today'].isoformat()}",
        f"{plural(len(data['mentees']), 'journal')} read.",
        section(
            "Mentees",
            table(
                ["Mentee (-j)", "Meetings", "Overdue actions", "Goals", "Questions"],
                rows,
                empty="No journal could be read.",
                numeric=(4,),
            ),
        ),
        section(
            "Not read",
            bullets(
                [join([tag("code", f["journal"]), ": ", f["problem"]]) for f in data["failed"]]
            ),
        )
        if data["failed"]
        else "",
        today=data["today"],
    )


# --- since ---------------------------------------------------------------------------------------


def since_page(data: Since) -> str:
    from mentorlog.render.since import summary, title

    return page(
        title(data),
        f"{data['owner']}'s mentoring journal, {data['today'].isoformat()}. {summary(data)}",
        *(
            section(
                group["goal_title"] or "Not about a goal",
                bullets(
                    [
                        join(
                            [
                                day(item["date"]),
                                ": ",
                                _late(item["text"])
                                if item["kind"] == "milestone-slipped"
                                else tag("strong", item["text"])
                                if item["kind"] == "milestone-reached"
                                else item["text"],
                                tag("span", f" by {item['author']}", class_="muted")
                                if item["author"]
                                else "",
                                private(item),
                            ]
                        )
                        for item in group["items"]
                    ]
                ),
            )
            for group in data["groups"]
        ),
        today=data["today"],
    )
