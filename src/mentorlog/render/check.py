"""`mentorlog check` on screen: each problem as path:line: field: message, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render.blocks import Canvas, Text
from mentorlog.report.rules import plural

if TYPE_CHECKING:
    from mentorlog.report.shapes import CheckReport, ProblemRow


def line(row: ProblemRow) -> str:
    where = row["path"] + (f":{row['line']}" if row["line"] else "")
    field = f"{row['field']}: " if row["field"] else ""
    return f"{where}: {field}{row['message']}"


def render_check(console: Canvas, data: CheckReport) -> None:
    for problem in data["problems"]:
        console.print(Text(line(problem)), overflow="ellipsis")
    for warning in data["warnings"]:
        console.print(Text(f"Warning: {line(warning)}"), overflow="ellipsis")
    count = len(data["problems"])
    summary = "no problems" if not count else plural(count, "problem")
    if data["warnings"]:
        summary += f" ({plural(len(data['warnings']), 'warning')})"
    console.print(Text(f"Checked {data['files']} files in {data['journal']}: {summary}."))
