"""`mentorlog export`: the journal for other tools. A calendar (RFC 5545) of what is coming, and
every entry as JSON or, one kind at a time, as CSV rows.

What leaves the machine leaves private entries out unless asked (the caller loads without them).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from mentorlog.entries import Entries
from mentorlog.model import ENTRY_KINDS, JournalConfig, Part
from mentorlog.report.health import meeting

if TYPE_CHECKING:
    from mentorlog.report.shapes import CalendarEvent

PRODID = "-//mentorlog//mentorlog//EN"


# --- calendar --------------------------------------------------------------------------------


def calendar_events(config: JournalConfig, entries: Entries, today: date) -> list[CalendarEvent]:
    """All-day events: the next meeting of each running relationship, due dates of active goals
    and their open milestones, and due dates of open action items. Each has a UID made of
    journal ids, so importing again updates an event instead of adding it twice."""
    events: list[CalendarEvent] = []
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
        events.append(
            {
                "uid": f"meeting-{key}",
                "date": row["next_meeting"],
                "summary": f"Mentoring session with {mentor.name}",
                "description": f"Agreed cadence: every {mentor.cadence} days.",
                "category": "meeting",
            }
        )
    for goal in entries.goals:
        if goal.status != "active":
            continue
        if goal.due is not None:
            events.append(
                {
                    "uid": f"goal-{goal.id}",
                    "date": goal.due,
                    "summary": f"Goal due: {goal.title}",
                    "description": goal.measure,
                    "category": "goal",
                }
            )
        for milestone in goal.milestones:
            if milestone.due is not None and milestone.done is None:
                events.append(
                    {
                        "uid": f"milestone-{goal.id}-{milestone.id}",
                        "date": milestone.due,
                        "summary": f"Milestone due: {milestone.title} ({goal.title})",
                        "description": "",
                        "category": "milestone",
                    }
                )
    for session in entries.sessions:
        for action in session.actions:
            if action.is_open and action.due is not None:
                who = f" ({action.owner})" if action.owner else ""
                events.append(
                    {
                        "uid": f"action-{action.id}",
                        "date": action.due,
                        "summary": f"Action due{who}: {action.text}",
                        "description": f"Agreed in the session of {session.date.isoformat()}.",
                        "category": "action",
                    }
                )
    events.sort(key=lambda e: (e["date"], e["uid"]))
    return events


def _escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    # Other control characters have no place in a content line.
    return "".join(ch for ch in text if ch >= " " or ch == "\t")


def _fold(line: str) -> list[str]:
    """Content lines of at most 75 octets, continued with a space (RFC 5545, 3.1)."""
    parts: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not parts else 74
        if len((current + ch).encode("utf-8")) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    parts.append(current)
    return [parts[0], *(" " + p for p in parts[1:])]


def to_ics(events: list[CalendarEvent], owner: str, today: date) -> str:
    stamp = today.strftime("%Y%m%dT000000Z")  # when the calendar was made (the journal's today)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(owner)}'s mentoring",
    ]
    for event in events:
        day: date = event["date"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}@mentorlog",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(event['summary'])}",
            f"CATEGORIES:{event['category'].upper()}",
            "TRANSP:TRANSPARENT",
        ]
        if event["description"]:
            lines.append(f"DESCRIPTION:{_escape(event['description'])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


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
        "owner": config.owner,
        "today": today,
        "mentors": [as_json(m) for m in config.mentors],
        # Made as they are written (cli.common.emit_json streams an iterator as a list).
        **{ENTRY_KINDS[k].folder: each_entry_row(entries, k) for k in ENTRY_KINDS},
    }
