"""The $EDITOR template of `session add`: building it, running the editor, reading it back."""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog import drafts, messages
from mentorlog.cli.common import goal_confidence
from mentorlog.core.sessions import SessionDraft
from mentorlog.dates import parse_date, parse_moment, when
from mentorlog.errors import InputError, MentorlogError
from mentorlog.model import REVIEW_QUESTIONS
from mentorlog.render.text import clean

if TYPE_CHECKING:
    from mentorlog.report.shapes import Agenda

FIELDS = (
    "Title",
    "Mentor",
    "Date",
    "Duration",
    "Topics",
    "Goals",
    "Confidence",
    "Next meeting",
    "Rating",
    "Tags",
)
NOTES = "Notes:"
NEW_ACTIONS = "Action items agreed (one per line, starting with '- '):"
MENTOR_ACTIONS = "Action items your mentor agreed to (one per line, starting with '- '):"
REVIEW = (
    "How is the relationship going? (write each answer after its question; leave it blank to skip):"
)
OPEN_ACTIONS = "Open action items (put an x between the brackets of each one done):"
OPEN_QUESTIONS = "Open questions (put an x between the brackets of each one discussed):"
GOALS_TO_REVIEW = "Goals on the agenda (put an x between the brackets of each one discussed):"
SECTIONS = (
    NOTES,
    NEW_ACTIONS,
    MENTOR_ACTIONS,
    REVIEW,
    OPEN_ACTIONS,
    OPEN_QUESTIONS,
    GOALS_TO_REVIEW,
)
LISTS = (OPEN_ACTIONS, OPEN_QUESTIONS, GOALS_TO_REVIEW)
# A listed item as mentorlog writes it, ticked or not: "[ ] handle  text".
# Bytes that are not UTF-8, as Python's "surrogateescape" reads them.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_ITEM = re.compile(r"^\[\s*([xX✓✔]?)\s*\]\s*(.*)$")


def agenda_goals(agenda: Agenda) -> list[tuple[str, str]]:
    """(slug, why it is on the agenda) for goals with milestones due or not discussed lately."""
    reasons: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for item in agenda["milestones"]:
        state = "late" if item["overdue"] else f"due {item['due'].isoformat()}"
        reasons.setdefault(item["goal"], []).append(f"milestone '{clean(item['title'])}' {state}")
        titles[item["goal"]] = item["goal_title"]
    for goal in agenda["goals_to_review"]:
        reasons.setdefault(goal["handle"], []).append(f"not discussed in {goal['days_since']} days")
        titles[goal["handle"]] = goal["title"]
    return [(slug, f"{clean(titles[slug])} ({'; '.join(why)})") for slug, why in reasons.items()]


def build_template(draft: SessionDraft, mentor: str, agenda: Agenda, review: bool = False) -> str:
    """The session template, pre-filled from the agenda (`mentorlog agenda` shows the same).

    Journal text is listed on one line each, with control characters and line breaks shown as
    escapes: an entry's text can never start a line of its own (a fake section or a tick)."""
    mentor = clean(mentor)
    lines = [
        f"# New session on {draft.day.isoformat()} with {mentor}.",
        "# mentorlog's lines are ignored; every line you write is kept. Save and close the",
        "# editor to record it; leave the template unchanged or empty to cancel. Comma-separate",
        "# lists. Confidence: how sure you are of reaching each goal, as GOAL=1-5.",
        "",
        f"Title: {draft.title}",
        f"Mentor: {mentor}",
        f"Date: {draft.day.isoformat()}",
        f"Duration: {draft.duration or ''}",
        f"Topics: {', '.join(draft.topics)}",
        f"Goals: {', '.join(draft.goals)}",
        f"Confidence: {', '.join(f'{g}={n}' for g, n in draft.confidence)}",
        f"Next meeting: {when(draft.next, draft.next_at)}",
        f"Rating: {draft.rating or ''}",
        f"Tags: {', '.join(draft.tags)}",
        "",
        NOTES,
        draft.notes,
        "",
        NEW_ACTIONS,
        *[f"- {text}" for text in draft.actions],
        "- ",
        "",
        MENTOR_ACTIONS,
        *[f"- {text}" for text in draft.mentor_actions],
        "- ",
        "",
    ]
    if review:  # at the first session, then every few (see core.mentors.review_due)
        lines += [REVIEW, *[f"{question} " for question in REVIEW_QUESTIONS], ""]
    if agenda["actions"]:
        lines += [OPEN_ACTIONS]
        for action in agenda["actions"]:
            due = f", due {action['due'].isoformat()}" if action["due"] else ""
            late = ", OVERDUE" if action["overdue"] else ""
            lines.append(
                f"[ ] {action['handle']}  {clean(action['text'])}  (from "
                f"{action['session']['date'].isoformat()}{due}{late})"
            )
        lines.append("")
    if agenda["questions"]:
        lines += [OPEN_QUESTIONS]
        lines += [f"[ ] {q['handle']}  {clean(q['text'])}" for q in agenda["questions"]]
        lines.append("")
    goals = agenda_goals(agenda)
    if goals:
        lines += [GOALS_TO_REVIEW]
        lines += [f"[ ] {slug}  {why}" for slug, why in goals]
        lines.append("")
    return "\n".join(lines)


def listed_items(template: str) -> dict[tuple[str, str], str]:
    """The items mentorlog listed to tick, as {(section, line after the brackets): handle}."""
    items: dict[tuple[str, str], str] = {}
    section = ""
    for line in template.splitlines():
        if line in SECTIONS:
            section = line
            continue
        match = _ITEM.match(line.strip())
        if section in LISTS and match and match.group(2):
            items[(section, match.group(2).rstrip())] = match.group(2).split()[0]
    return items


@dataclass
class TemplateReading:
    """What a filled-in template says, and what the person should be told about it."""

    draft: SessionDraft
    notices: list[str] = field(default_factory=list)


def _mentorlog_lines(template: str) -> set[str]:
    """The lines mentorlog wrote (as it wrote them): left as they are, they say nothing."""
    return {line.rstrip() for line in template.splitlines()}


def _section_of(line: str, number: int, notices: list[str]) -> str | None:
    """The section a header line opens: the header as mentorlog wrote it, or one mistyped
    closely enough to be told apart (said, so the person can check)."""
    if line in SECTIONS:
        return line
    if not line.rstrip().endswith(":"):
        return None
    folded = " ".join(line.split()).casefold()
    same = [known for known in SECTIONS if " ".join(known.split()).casefold() == folded]
    close = same or difflib.get_close_matches(line.strip(), SECTIONS, n=1, cutoff=0.85)
    if close:
        notices.append(messages.TEMPLATE_SECTION_GUESSED.format(number=number, section=close[0]))
        return close[0]
    return None


def _field_name(name: str) -> str | None:
    """A field's name, in any case or mistyped by a letter or two."""
    for known in FIELDS:
        if name.casefold() == known.casefold():
            return known
    close = difflib.get_close_matches(name.title(), FIELDS, n=1, cutoff=0.8)
    return close[0] if close else None


def read_template(text: str, base: SessionDraft, today: date, template: str) -> TemplateReading:
    """The draft a filled-in template describes; raises InputError naming the line.

    A line is mentorlog's own only when it is one mentorlog wrote, as it wrote it; every other
    line is the person's and is kept, whatever it starts with ('#' too). A tick counts only on
    an item line mentorlog listed, wherever it ends up; text mentorlog cannot place (under a
    header it does not know, or under the lists) is kept at the end of the notes, and said."""
    listed = listed_items(template)
    by_line = {line: (section, handle) for (section, line), handle in listed.items()}
    ours = _mentorlog_lines(template)
    draft = SessionDraft(day=base.day, private=base.private)
    notices: list[str] = []
    section = "fields"
    notes: list[str] = []
    unplaced: list[tuple[int, str]] = []
    ticked_goals: list[str] = []
    targets = {
        OPEN_ACTIONS: draft.done_actions,
        OPEN_QUESTIONS: draft.discussed,
        GOALS_TO_REVIEW: ticked_goals,
    }
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if _NOT_UTF8.search(raw):
            raise InputError(
                f"Template line {number} is not valid UTF-8 text; the editor "
                "saved it in another encoding."
            )
        if line.startswith("#") and line in ours and section == "fields":
            continue  # mentorlog's instructions at the top
        opened = (
            _section_of(line, number, notices) if line not in ours or line in SECTIONS else None
        )
        if opened is not None:
            section = opened
            continue
        item = _ITEM.match(line.strip())
        if item and item.group(2) and item.group(2).rstrip() in by_line:
            listed_in, handle = by_line[item.group(2).rstrip()]
            if item.group(1):
                targets[listed_in].append(handle)
            continue
        if section == "fields":
            if not line.strip():
                continue
            name, sep, value = line.partition(":")
            known = _field_name(name.strip()) if sep else None
            if known is None:
                unplaced.append((number, raw))
                continue
            _set_field(draft, known, value.strip(), number, today)
        elif section == NOTES:
            notes.append(raw)
        elif section in (NEW_ACTIONS, MENTOR_ACTIONS):
            entry = line.strip()
            if entry.startswith("-"):
                entry = entry[1:].strip()
            if entry:
                (draft.actions if section == NEW_ACTIONS else draft.mentor_actions).append(entry)
        elif section == REVIEW:
            question = next((q for q in REVIEW_QUESTIONS if line.strip().startswith(q)), None)
            if question is None:
                if line.strip():
                    unplaced.append((number, raw))
                continue
            answer = line.strip()[len(question) :].strip()
            draft.review.append((question, answer))
        elif line.strip() and line not in ours:
            unplaced.append((number, raw))
    draft.goals = list(dict.fromkeys([*draft.goals, *ticked_goals]))
    kept = "\n".join(notes).strip("\n")
    if unplaced:
        kept = "\n\n".join(part for part in (kept, "\n".join(raw for _, raw in unplaced)) if part)
        numbers = [number for number, _ in unplaced]
        notices.append(
            messages.TEMPLATE_UNPLACED.format(
                lines=_line_numbers(numbers), s="" if len(numbers) == 1 else "s"
            )
        )
    draft.notes = kept
    return TemplateReading(draft, notices)


def _line_numbers(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> "1-3, 7"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    return ", ".join(str(s[0]) if len(s) == 1 else f"{s[0]}-{s[-1]}" for s in spans)


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
        elif name == "Confidence":
            draft.confidence = [goal_confidence(item, "Confidence") for item in items()]
        elif name == "Next meeting" and value:
            draft.next, draft.next_at = parse_moment(value, today, forward=True)
        elif name == "Rating" and value:
            rating = int(value.split("/")[0].strip())
            if not 1 <= rating <= 5:
                raise ValueError
            draft.rating = rating
        elif name == "Tags":
            draft.tags = items()
    except InputError as error:
        raise InputError(
            messages.TEMPLATE_FIELD.format(number=number, name=name, problem=error.message)
        ) from None
    except ValueError:
        wanted = (
            "a rating from 1 to 5" if name == "Rating" else "a number of minutes from 0 to 1440"
        )
        raise InputError(
            f"Template line {number} ({name}): '{clean(value)}' is not {wanted}."
        ) from None


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def edit_text(start: str) -> str:
    """Open the editor on `start`; the text as saved. The file is removed either way: text
    that cannot be used is kept by `keep_template`, outside any temporary folder."""
    handle, name = tempfile.mkstemp(prefix="mentorlog-session-", suffix=".md")
    try:
        with os.fdopen(
            handle, "w", encoding="utf-8", errors="surrogateescape", newline=""
        ) as stream:
            stream.write(start)
        command = editor_command()
        try:
            status = subprocess.call([*command, name])
        except OSError:
            raise MentorlogError(messages.EDITOR_MISSING.format(editor=" ".join(command))) from None
        if status != 0:
            raise MentorlogError(messages.EDITOR_FAILED.format(editor=command[0], status=status))
        with open(name, encoding="utf-8", errors="surrogateescape", newline="") as stream:
            return stream.read()
    finally:
        os.unlink(name)


def keep_template(root: Path, template: str, text: str) -> None:
    """Keep a template that could not be saved, with the text as the person left it."""
    drafts.keep(root, "session-template", {"template": template, "text": text})


def kept_template(root: Path) -> tuple[str, str] | None:
    """(the template mentorlog wrote, the text as left) of the last kept one, if any."""
    kept = drafts.kept(root, "session-template")
    if kept is None or not isinstance(kept.get("template"), str):
        return None
    return kept["template"], str(kept.get("text", ""))


def forget_template(root: Path) -> None:
    drafts.forget(root, "session-template")


def is_cancelled(template: str, edited: str) -> bool:
    """Left as mentorlog wrote it, or emptied: nothing the person typed is in it."""
    ours = _mentorlog_lines(template)
    typed = [line for line in edited.splitlines() if line.strip() and line.rstrip() not in ours]
    return not typed
