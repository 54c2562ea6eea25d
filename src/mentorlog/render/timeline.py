"""Timeline and search results: one line per entry, matching lines highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from mentorlog.render.blocks import Canvas, Text
from mentorlog.render.parts import PRIVATE_MARK, Line, Piece, fmt, print_lines
from mentorlog.render.text import clean
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import EntryRef, Hit, Match, Search, Timeline

KIND_STYLE = {
    "goal": "green",
    "session": "cyan",
    "reflection": "magenta",
    "feedback": "yellow",
    "question": "blue",
    "check-in": "green",
    "milestone": "green",
    "status": "green",
    "action": "cyan",
}
EVENTS = ("check-in", "milestone", "status", "action")
MATCH_STYLE = "bold reverse"


def _entry_line(row: EntryRef, shared: bool = False) -> Line:
    line: Line = [
        Piece(f"{fmt(row['date'])}  "),
        Piece(f"{row['kind']:<10}", KIND_STYLE.get(row["kind"], "")),
        Piece(f" {row['handle']:<8}", "dim"),
        Piece(f" {clean(row['title'])}", flexible=True),
    ]
    if row.get("private"):
        line.append(Piece(f" {PRIVATE_MARK}", "magenta"))
    if shared and row.get("author"):
        line.append(Piece(f"  by {clean(row['author'])}", "dim", optional=True))
    return line


def _timeline_lines(data: Timeline) -> Iterator[Line]:
    for row in data["entries"]:
        line = _entry_line(row, data.get("shared", False))
        if row["tags"]:
            line.append(Piece("  " + " ".join(f"#{clean(t)}" for t in row["tags"]), "dim"))
        yield line


def render_timeline(console: Canvas, data: Timeline) -> None:
    if not data["entries"]:
        console.print("No entries match.")
        return
    print_lines(console, _timeline_lines(data))
    changes = sum(1 for row in data["entries"] if row["kind"] in EVENTS)
    entries = len(data["entries"]) - changes
    footer = plural(entries, "entry", "entries")
    if changes:
        footer += f", {plural(changes, 'change')} to them"
    console.print(Text(footer, style="dim"))


def fitted(match: Match, width: int) -> Line:
    """The matching line in `width` cells, cut around its first match, matches highlighted."""
    text, spans = match["text"], match["spans"]
    cut_before, cut_after = match["cut_before"], match["cut_after"]
    room = max(10, width - 2)  # two cells for the ellipses
    if len(text) > room:
        first = spans[0][0] if spans else 0
        left = max(0, min(first - room // 3, len(text) - room))
        cut_before, cut_after = cut_before or left > 0, cut_after or left + room < len(text)
        text, spans = text[left : left + room], [[a - left, b - left] for a, b in spans]
    line: Line = [Piece("…")] if cut_before else []
    position = 0
    for start, end in spans:
        if start >= 0 and end <= len(text) and start >= position:
            line += [Piece(text[position:start]), Piece(text[start:end], MATCH_STYLE)]
            position = end
    line.append(Piece(text[position:] + ("…" if cut_after else "")))
    return line


def _search_lines(hits: Iterable[Hit], width: int, seen: set[str]) -> Iterator[Line]:
    # Like grep: one screen line per entry and per matching line, the match kept in view.
    for hit in hits:
        seen.add(hit["id"])
        line = _entry_line(hit)
        if hit["part"]:
            line.insert(3, Piece(f" {hit['part']} in", "dim"))
        yield line
        for match in hit["matches"]:
            label = f"    {clean(match['where'])}: "
            yield [Piece(label, "dim"), *fitted(match, width - len(label))]


def render_search(console: Canvas, data: Search) -> None:
    # The hits come one at a time (report/search.py): the first says whether there are any.
    hits = iter(data["hits"])
    first = next(hits, None)
    if first is None:
        console.print(f"Nothing matches '{data['query']}'.")
        return
    seen: set[str] = set()
    print_lines(console, _search_lines(chain([first], hits), console.width, seen))
    console.print(
        Text(
            f"{plural(data['count'], 'matching line')} in {plural(len(seen), 'entry', 'entries')}",
            style="dim",
        )
    )
