"""The $EDITOR template of `session add`: building it, running the editor, reading it back."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from mentorlog import messages
from mentorlog.core.sessions import SessionDraft
from mentorlog.dates import parse_date
from mentorlog.errors import InputError, MentorlogError

FIELDS = ("Title", "Mentor", "Date", "Duration", "Topics", "Goals", "Next meeting", "Tags")
NOTES = "Notes:"
NEW_ACTIONS = "Action items agreed (one per line, starting with '- '):"
OPEN_ACTIONS = "Open action items (put an x between the brackets of each one done):"
OPEN_QUESTIONS = "Open questions (put an x between the brackets of each one discussed):"
GOALS_TO_REVIEW = "Goals on the agenda (put an x between the brackets of each one discussed):"
SECTIONS = (NOTES, NEW_ACTIONS, OPEN_ACTIONS, OPEN_QUESTIONS, GOALS_TO_REVIEW)


def agenda_goals(agenda: dict[str, Any]) -> list[tuple[str, str]]:
    """(slug, why it is on the agenda) for goals with milestones due or not discussed lately."""
    reasons: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for item in agenda["milestones"]:
        state = "late" if item["overdue"] else f"due {item['due'].isoformat()}"
        reasons.setdefault(item["goal"], []).append(f"milestone '{item['title']}' {state}")
        titles[item["goal"]] = item["goal_title"]
    for goal in agenda["goals_to_review"]:
        reasons.setdefault(goal["handle"], []).append(f"not discussed in {goal['days_since']} "
                                                      "days")
        titles[goal["handle"]] = goal["title"]
    return [(slug, f"{titles[slug]} ({'; '.join(why)})") for slug, why in reasons.items()]


def build_template(draft: SessionDraft, mentor: str, agenda: dict[str, Any]) -> str:
    """The session template, pre-filled from the agenda (`mentorlog agenda` shows the same)."""
    lines = [
        f"# New session on {draft.day.isoformat()} with {mentor}.",
        "# Lines starting with '#' are ignored. Save and close the editor to record it;",
        "# leave the template unchanged or empty to cancel. Comma-separate lists.",
        "",
        f"Title: {draft.title}",
        f"Mentor: {mentor}",
        f"Date: {draft.day.isoformat()}",
        f"Duration: {draft.duration or ''}",
        f"Topics: {', '.join(draft.topics)}",
        f"Goals: {', '.join(draft.goals)}",
        f"Next meeting: {draft.next.isoformat() if draft.next else ''}",
        f"Tags: {', '.join(draft.tags)}",
        "",
        NOTES,
        draft.notes,
        "",
        NEW_ACTIONS,
        *[f"- {text}" for text in draft.actions],
        "- ",
        "",
    ]
    if agenda["actions"]:
        lines += [OPEN_ACTIONS]
        for action in agenda["actions"]:
            due = f", due {action['due'].isoformat()}" if action["due"] else ""
            late = ", OVERDUE" if action["overdue"] else ""
            lines.append(f"[ ] {action['handle']}  {action['text']}  (from "
                         f"{action['session']['date'].isoformat()}{due}{late})")
        lines.append("")
    if agenda["questions"]:
        lines += [OPEN_QUESTIONS]
        lines += [f"[ ] {q['handle']}  {q['text']}" for q in agenda["questions"]]
        lines.append("")
    goals = agenda_goals(agenda)
    if goals:
        lines += [GOALS_TO_REVIEW]
        lines += [f"[ ] {slug}  {why}" for slug, why in goals]
        lines.append("")
    return "\n".join(lines)


def read_template(text: str, base: SessionDraft, today: date) -> SessionDraft:
    """The draft a filled-in template describes; raises InputError naming the line."""
    draft = SessionDraft(day=base.day, private=base.private)
    section = "fields"
    notes: list[str] = []
    ticked_goals: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("#"):
            continue
        if line in SECTIONS:
            section = line
            continue
        if section == "fields":
            if not line.strip():
                continue
            name, sep, value = line.partition(":")
            if not sep or name.strip() not in FIELDS:
                raise InputError(f"Template line {number}: expected one of "
                                 f"{', '.join(FIELDS)} followed by ':', got '{line}'.")
            _set_field(draft, name.strip(), value.strip(), number, today)
        elif section == NOTES:
            notes.append(raw)
        elif section == NEW_ACTIONS:
            item = line.strip()
            if item.startswith("-"):
                item = item[1:].strip()
            if item:
                draft.actions.append(item)
        else:
            stripped = line.strip()
            if stripped[:3].lower() == "[x]":
                handle = stripped[3:].split()[0] if stripped[3:].split() else ""
                targets = {OPEN_ACTIONS: draft.done_actions, OPEN_QUESTIONS: draft.discussed,
                           GOALS_TO_REVIEW: ticked_goals}
                if handle:
                    targets[section].append(handle)
    draft.goals = list(dict.fromkeys([*draft.goals, *ticked_goals]))
    draft.notes = "\n".join(notes).strip("\n")
    return draft


def _set_field(draft: SessionDraft, name: str, value: str, number: int, today: date) -> None:
    def items() -> list[str]:
        return [v.strip() for v in value.split(",") if v.strip()]

    try:
        if name == "Title":
            draft.title = value
        elif name == "Mentor":
            draft.mentor = value or None
        elif name == "Date" and value:
            draft.day = parse_date(value, today)
        elif name == "Duration" and value:
            minutes = int(value.split()[0])
            if not 0 <= minutes <= 1440:
                raise ValueError
            draft.duration = minutes
        elif name == "Topics":
            draft.topics = items()
        elif name == "Goals":
            draft.goals = items()
        elif name == "Next meeting" and value:
            draft.next = parse_date(value, today, forward=True)
        elif name == "Tags":
            draft.tags = items()
    except InputError as error:
        raise InputError(f"Template line {number} ({name}): {error.message}") from None
    except ValueError:
        raise InputError(f"Template line {number} ({name}): '{value}' is not a number of "
                         "minutes from 0 to 1440.") from None


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def edit_text(template: str) -> tuple[str, Path]:
    """Open the editor on the template; return the text and the file (kept for recovery)."""
    handle, name = tempfile.mkstemp(prefix="mentorlog-session-", suffix=".md")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(template)
    command = editor_command()
    try:
        status = subprocess.call([*command, name])
    except OSError:
        os.unlink(name)
        raise MentorlogError(messages.EDITOR_MISSING.format(editor=" ".join(command))) from None
    if status != 0:
        os.unlink(name)
        raise MentorlogError(messages.EDITOR_FAILED.format(editor=command[0], status=status))
    return Path(name).read_text(encoding="utf-8"), Path(name)


def is_cancelled(template: str, edited: str) -> bool:
    meaningful = [line for line in edited.splitlines() if line.strip() and not line.startswith("#")]
    return edited.strip() == template.strip() or not meaningful
