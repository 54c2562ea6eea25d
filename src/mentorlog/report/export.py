"""`mentorlog export`: the journal for other tools. A calendar (RFC 5545) of what is coming, and
every entry as JSON or, one kind at a time, as CSV rows.

What leaves the machine leaves private entries out unless asked (the caller loads without them).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from mentorlog.entries import Entries
from mentorlog.model import ENTRY_KINDS, JournalConfig, Part
from mentorlog.report.health import meeting

if TYPE_CHECKING:
    from mentorlog.report.shapes import CalendarEvent

PRODID = "-//mentorlog//mentorlog//EN"
# The version of `export --format json`'s shape (docs/schemas/export.schema.json).
EXPORT_VERSION = 1


# --- calendar --------------------------------------------------------------------------------


def calendar_events(
    config: JournalConfig, entries: Entries, today: date, meeting_minutes: int
) -> list[CalendarEvent]:
    """The next meeting of each running relationship (timed when its time was given, else all
    day), due dates of active goals and their open milestones (all day), and every action item
    with a due date as a to-do (open, completed or cancelled). Each has a UID made of journal
    ids, so importing again updates an item instead of adding it twice."""
    events: list[CalendarEvent] = []

    def add(uid: str, component: str, day: date, summary: str, category: str, **rest: Any) -> None:
        event: CalendarEvent = {
            "uid": uid,
            "component": component,
            "date": day,
            "at": rest.get("at"),
            "minutes": rest.get("minutes", 0),
            "summary": summary,
            "description": rest.get("description", ""),
            "category": category,
            "status": rest.get("status", "CONFIRMED"),
            "completed": rest.get("completed"),
        }
        events.append(event)

    for mentor in config.mentors:
        row = meeting(mentor, entries, today)
        if row["concluded"] or row["next_meeting"] is None:
            continue
        setter = max(
            (
                s
                for s in entries.sessions
                if s.next == row["next_meeting"] and s.mentor.casefold() == mentor.name.casefold()
            ),
            key=lambda s: s.date,
            default=None,
        )
        key = setter.id if setter else mentor.name.casefold().replace(" ", "-")
        add(
            f"meeting-{key}",
            "VEVENT",
            row["next_meeting"],
            f"Mentoring session with {mentor.name}",
            "meeting",
            at=setter.next_at if setter else None,
            minutes=meeting_minutes,
            description=f"Agreed cadence: every {mentor.cadence} days.",
        )
    for goal in entries.goals:
        if goal.status != "active":
            continue
        if goal.due is not None:
            add(
                f"goal-{goal.id}",
                "VEVENT",
                goal.due,
                f"Goal due: {goal.title}",
                "goal",
                description=goal.measure,
            )
        for milestone in goal.milestones:
            if milestone.due is not None and milestone.done is None:
                add(
                    f"milestone-{goal.id}-{milestone.id}",
                    "VEVENT",
                    milestone.due,
                    f"Milestone due: {milestone.title} ({goal.title})",
                    "milestone",
                )
    for session in entries.sessions:
        for action in session.actions:
            if action.due is None:
                continue
            who = f" ({action.owner})" if action.owner else ""
            add(
                f"action-{action.id}",
                "VTODO",
                action.due,
                f"Action{who}: {action.text}",
                "action",
                at=action.due_at,
                description=f"Agreed in the session of {session.date.isoformat()}.",
                status="COMPLETED"
                if action.done
                else "CANCELLED"
                if action.dropped
                else "NEEDS-ACTION",
                completed=action.done,
            )
    events.sort(key=lambda e: (e["date"], e["uid"]))
    return events


def to_ics(
    events: list[CalendarEvent], owner: str, today: date, reminder_minutes: int | None
) -> str:
    """The calendar (RFC 5545) as the icalendar library writes it: escaped and folded lines,
    CRLF. A reminder (VALARM) goes on every event and open to-do `reminder_minutes` before it
    (for an all-day one, before its day begins); None for no reminders."""
    import icalendar  # here: only the calendar needs it

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{owner}'s mentoring")
    # When the calendar was made: the journal's today, so one day's exports are the same bytes.
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    for event in events:
        item = icalendar.Todo() if event["component"] == "VTODO" else icalendar.Event()
        item.add("uid", f"{event['uid']}@mentorlog")
        item.add("dtstamp", stamp)
        item.add("summary", event["summary"])
        item.add("categories", [event["category"].upper()])
        if event["description"]:
            item.add("description", event["description"])
        moment = event["at"].astimezone(UTC) if event["at"] else None
        if event["component"] == "VTODO":
            item.add("due", moment or event["date"])
            item.add("status", event["status"])
            if event["completed"] is not None:
                item.add(
                    "completed",
                    datetime.combine(event["completed"], time(0, 0), tzinfo=UTC),
                )
                item.add("percent-complete", 100)
        else:
            if moment is not None:
                item.add("dtstart", moment)
                item.add("dtend", moment + timedelta(minutes=event["minutes"] or 60))
                item.add("transp", "OPAQUE")
            else:
                item.add("dtstart", event["date"])
                item.add("dtend", event["date"] + timedelta(days=1))
                item.add("transp", "TRANSPARENT")
            item.add("status", "CONFIRMED")
        if reminder_minutes is not None and event["status"] in ("CONFIRMED", "NEEDS-ACTION"):
            alarm = icalendar.Alarm()
            alarm.add("uid", f"{event['uid']}-reminder@mentorlog")
            alarm.add("action", "DISPLAY")
            alarm.add("description", event["summary"])
            # Before the start of an event, before the due moment of a to-do.
            related = {"related": "END"} if event["component"] == "VTODO" else {}
            alarm.add("trigger", timedelta(minutes=-reminder_minutes), parameters=related)
            item.add_component(alarm)
        calendar.add_component(item)
    return str(calendar.to_ical().decode("utf-8"))


# --- entries ---------------------------------------------------------------------------------


def entry_rows(entries: Entries, kind: str) -> list[dict[str, Any]]:
    """Every entry of one kind as it is now (its file, then its changes), as plain data."""
    return list(each_entry_row(entries, kind))


def each_entry_row(entries: Entries, kind: str) -> Iterator[dict[str, Any]]:
    """entry_rows one at a time."""
    for entry in entries.of_kind(kind):
        yield {"kind": kind, "path": entry.path, **as_json(entry)}


def as_json(part: Part) -> dict[str, Any]:
    """A part's fields (under their keys in the file), then its unknown keys, as JSON data."""
    data: dict[str, Any] = _json_value(part.as_dict())
    return data


def _json_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if value.utcoffset() == timedelta(0) else text
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def everything(config: JournalConfig, entries: Entries, today: date) -> dict[str, Any]:
    return {
        "shape": "export",
        "shape_version": EXPORT_VERSION,
        "owner": config.owner,
        "today": today,
        "mentors": [as_json(m) for m in config.mentors],
        # Made as they are written (output.emit_json streams an iterator as a list).
        **{ENTRY_KINDS[k].folder: each_entry_row(entries, k) for k in ENTRY_KINDS},
    }
