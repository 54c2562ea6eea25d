"""Timeline and search results: one line per entry, matching lines highlighted."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from mentorlog.render.parts import fmt, print_lines

KIND_STYLE = {"goal": "green", "session": "cyan", "reflection": "magenta", "feedback": "yellow",
              "question": "blue"}
MATCH_STYLE = "bold reverse"


def _entry_line(row: dict[str, Any]) -> Text:
    line = Text(f"{fmt(row['date'])}  ")
    line.append(f"{row['kind']:<10}", style=KIND_STYLE.get(row["kind"], ""))
    line.append(f" {row['handle']:<8}", style="dim")
    line.append(f" {row['title']}")
    return line


def render_timeline(console: Console, data: dict[str, Any]) -> None:
    if not data["entries"]:
        console.print("No entries match.")
        return
    # One Text for the whole list: printing 10,000 lines one by one costs a second.
    lines = []
    for row in data["entries"]:
        line = _entry_line(row)
        if row["tags"]:
            line.append("  " + " ".join(f"#{t}" for t in row["tags"]), style="dim")
        lines.append(line)
    print_lines(console, lines)
    console.print(Text(f"{len(data['entries'])} entries", style="dim"))


def fitted(match: dict[str, Any], width: int) -> Text:
    """The matching line in `width` cells, cut around its first match, matches highlighted."""
    text, spans = match["text"], match["spans"]
    cut_before, cut_after = match["cut_before"], match["cut_after"]
    room = max(10, width - 2)  # two cells for the ellipses
    if len(text) > room:
        first = spans[0][0] if spans else 0
        left = max(0, min(first - room // 3, len(text) - room))
        cut_before, cut_after = cut_before or left > 0, cut_after or left + room < len(text)
        text, spans = text[left:left + room], [[a - left, b - left] for a, b in spans]
    line = Text(("…" if cut_before else "") + text + ("…" if cut_after else ""))
    shift = 1 if cut_before else 0
    for start, end in spans:
        if start >= 0 and end <= len(text):
            line.stylize(MATCH_STYLE, start + shift, end + shift)
    return line


def render_search(console: Console, data: dict[str, Any]) -> None:
    if not data["hits"]:
        console.print(f"Nothing matches '{data['query']}'.")
        return
    # Like grep: one screen line per entry and per matching line, the match kept in view.
    lines = []
    for hit in data["hits"]:
        lines.append(_entry_line(hit))
        for match in hit["matches"]:
            line = Text(f"    {match['field']}: ", style="dim")
            line.append_text(fitted(match, console.width - line.cell_len))
            lines.append(line)
    print_lines(console, lines)
    count, entries = data["count"], len(data["hits"])
    console.print(Text(f"{count} matching line{'s' * (count != 1)} in {entries} "
                       f"entr{'ies' if entries != 1 else 'y'}", style="dim"))
