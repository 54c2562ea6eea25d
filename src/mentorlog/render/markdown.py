"""Markdown documents that any CommonMark renderer shows as written.

People's words go through `escape`, so a title such as `*not* a [link] <b>` reads literally
instead of turning into emphasis, links or HTML. Only plain CommonMark is used (headings,
paragraphs, lists, block quotes, code spans): no tables, which are an extension.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorlog.report.shapes import Warning


# Characters with inline meaning anywhere in a line (~ for renderers with strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<~])")
# Entity and numeric references such as &amp; or &#42;.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What would start a block at the beginning of a line: headings, quotes, bullet markers,
# thematic breaks and setext underlines; and ordered-list markers such as "1." or "2)".
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def _inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    text = _inline(line.strip())
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape(text: str) -> str:
    """A person's text as one line, safe to place in a heading, paragraph or list item: every
    line of it is escaped (any could start a block) and the lines are joined by spaces, so
    text of several lines can never end the block it is placed in."""
    return " ".join(_escape_line(line) for line in text.splitlines() if line.strip())


def escape_lines(text: str, indent: str = "") -> str:
    """A person's text of several lines; line breaks are kept as hard breaks (blank lines,
    which would end the block, are left out)."""
    lines = [_escape_line(line) for line in text.strip().splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


def code(value: str) -> str:
    """Handles and commands as code spans; they never hold a backtick."""
    return f"`{value.replace('`', '')}`"


def prose(text: str) -> str:
    """Our own sentences: `commands` between backticks become code spans, the rest is escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: treat it all as plain text
        return escape(text)
    # Only the first part starts the line; the others sit between code spans.
    return (
        escape(parts[0])
        + (" " if parts[0].endswith(" ") else "")
        + "".join(
            code(part) if i % 2 else _inline(part) for i, part in enumerate(parts[1:], start=1)
        )
    )


def day(value: date | None) -> str:
    return value.isoformat() if value else "no date"


class Document:
    """Blocks separated by one blank line; rendered with a single trailing newline."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(f"{'#' * level} {text}")

    def paragraph(self, text: str) -> None:
        self.blocks.append(text)

    def bullets(self, items: list[str], empty: str = "None.") -> None:
        """A bullet list, or the `empty` sentence when there is nothing to list."""
        if items:
            # An item's further lines (hard breaks, a nested list) are indented to stay in it.
            self.blocks.append("\n".join(f"- {item}".replace("\n", "\n  ") for item in items))
        elif empty:
            self.blocks.append(empty)

    def quote(self, text: str) -> None:
        self.blocks.append("\n".join(f"> {line}" if line else ">" for line in text.split("\n")))

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def private(item: Mapping[str, object]) -> str:
    """The mark of a private item, when the owner chose to include private entries."""
    return " *(private)*" if item.get("private") else ""


def warning(item: Warning) -> str:
    return f"{escape(item['message'])} {prose(item['suggestion'])}"
