"""Timeline and search results: one line per entry, matching lines highlighted."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mentorlog.render.parts import fmt

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
    for row in data["entries"]:
        line = _entry_line(row)
        if row["tags"]:
            line.append("  " + " ".join(f"#{t}" for t in row["tags"]), style="dim")
        # One line each: long titles end in an ellipsis rather than wrap.
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(Text(f"{len(data['entries'])} entries", style="dim"))


def highlighted(match: dict[str, Any]) -> Text:
    text = Text(("…" if match["cut_before"] else "") + match["text"] +
                ("…" if match["cut_after"] else ""))
    shift = 1 if match["cut_before"] else 0
    for start, end in match["spans"]:
        text.stylize(MATCH_STYLE, start + shift, end + shift)
    return text


def render_search(console: Console, data: dict[str, Any]) -> None:
    if not data["hits"]:
        console.print(f"Nothing matches '{data['query']}'.")
        return
    for hit in data["hits"]:
        console.print(_entry_line(hit), no_wrap=True, overflow="ellipsis")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for match in hit["matches"]:
            grid.add_row(f"    {match['field']}:", highlighted(match))
        console.print(grid)
    count, entries = data["count"], len(data["hits"])
    console.print(Text(f"{count} matching line{'s' * (count != 1)} in {entries} "
                       f"entr{'ies' if entries != 1 else 'y'}", style="dim"))
