"""One output pipeline for every reading command: `-f/--format` (and `--json`) chooses, and this
module renders (typer-free: the quick path of launch.py runs reads through it too).

Each command describes its output once, as a View: the Rich renderer, its own Markdown renderer
if it has one, and which lists of its data are tables (those make CSV). Adding a format means
one function here, not a change to every command.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from mentorlog import messages
from mentorlog.errors import InputError

FORMATS = ("rich", "plain", "json", "markdown", "csv", "html")
# The formats made to leave the machine: private rows stay out of them unless asked.
SENT = ("markdown", "csv", "html")


class View(NamedTuple):
    """How one command's data is shown."""

    title: str
    rich: str  # "module:function" in mentorlog.render, drawing on a Rich console
    markdown: str | None = None  # "module:function" returning Markdown; else the generic one
    tables: tuple[str, ...] = ()  # keys of the lists that are the command's table (for CSV)
    html: str | None = None  # "module:function" in mentorlog.render returning a page
    # The TypedDict in report/shapes.py its data follows, and that shape's version: both go
    # at the top of its JSON, whose schema is docs/schemas/<shape id>.schema.json.
    shape: str = ""
    version: int = 1

    @property
    def shape_id(self) -> str:
        return shape_id(self.shape)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(
            f for f in FORMATS if (f != "csv" or self.tables) and (f != "html" or self.html)
        )


def shape_id(name: str) -> str:
    """A shape's name in JSON and in its schema's file name: GoalHistory is goal-history."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def with_shape(data: dict[str, Any], name: str, version: int) -> dict[str, Any]:
    """The document with its shape and the shape's version first: a tool reading it knows
    which schema to check it against, and when that schema changed."""
    return {"shape": shape_id(name), "shape_version": version, **data}


def choose(view: View, form: str | None, as_json: bool, command: str) -> str:
    """The format asked for; an unknown one, or one this command does not have, is refused by
    name with the formats it has."""
    if as_json and form not in (None, "json"):
        raise InputError(messages.JSON_AND_FORMAT.format(format=form))
    chosen = "json" if as_json else (form or "rich").strip().lower()
    if chosen not in view.formats:
        raise InputError(
            messages.UNKNOWN_FORMAT.format(
                format=form, command=command, formats=", ".join(view.formats)
            )
        )
    return chosen


def reads_private(form: str | None, as_json: bool, include_private: bool) -> bool:
    """Whether a command reads private entries: Markdown, CSV and HTML are made to be sent, so
    they do only when asked (--include-private), and then mark them."""
    sent = (form or "").strip().lower() in SENT
    return include_private or not sent or as_json


def show(
    data: Any,
    view: View,
    form: str | None,
    as_json: bool,
    command: str,
    include_private: bool = False,
    output: Path | None = None,
    **context: Any,
) -> None:
    """Print one command's result in the chosen format, or write it to `output` (a screen
    format is written as plain text). Markdown, CSV and HTML are made to leave the machine:
    their private rows are left out unless `include_private`. `context` goes to the screen
    renderer only (what it needs beyond the data, such as today's date)."""
    chosen = choose(view, form, as_json, command)
    if chosen == "json":
        data = with_shape(data, view.shape, view.version)
        if output is None:
            emit_json(data)
            return
        buffer = io.StringIO()
        emit_json(data, buffer)
        write_output(output, buffer.getvalue())
        return
    from mentorlog.render.text import clean_data

    shown = clean_data(data)
    if chosen in SENT and not include_private:
        shown = without_private(shown)
    if chosen == "csv":
        text = to_csv(rows(shown, view.tables))
    elif chosen == "markdown":
        text = (
            _renderer(view.markdown)(shown)
            if view.markdown
            else generic_markdown(view, shown, context)
        )
    elif chosen == "html":
        text = _renderer(str(view.html))(shown)
    elif output is not None:
        from mentorlog.render.console import render_plain

        text = render_plain(lambda console: _renderer(view.rich)(console, shown, **context))
    else:
        from mentorlog.render.console import screen

        with screen(plain=chosen == "plain") as console:
            _renderer(view.rich)(console, shown, **context)
        return
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text)


def json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")


# How much encoded JSON is gathered before it is written (see emit_json).
JSON_BLOCK = 64 * 1024


def emit_json(document: Any, file: TextIO | None = None) -> None:
    """Every command's JSON, to standard output unless `file` is given: as json.dump writes it
    with an indent of 2, an iterator among a dict's values streamed as a list, an item at a
    time (`export`: no document of every entry is ever held)."""
    out = file or sys.stdout
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=json_default)
    # Written in blocks as it is encoded: a long timeline or export as one string (and the
    # pieces it is joined from) would double its memory, and a write per piece (json.dump)
    # is a million writes at 10,000 entries, each one a system call where standard output is
    # unbuffered (PYTHONUNBUFFERED): `export --format json` took 1.5 s instead of 1.1.
    pieces: list[str] = []
    size = 0
    for piece in _encoded(encoder, document, 0):
        pieces.append(piece)
        size += len(piece)
        if size >= JSON_BLOCK:
            out.write("".join(pieces))
            pieces.clear()
            size = 0
    pieces.append("\n")
    out.write("".join(pieces))


def _encoded(encoder: json.JSONEncoder, value: Any, level: int) -> Iterator[str]:
    """`value` in pieces, as json.dump(indent=2) writes it this many levels deep."""
    if isinstance(value, Iterator):
        items: Iterable[tuple[str | None, Any]] = ((None, item) for item in value)
        yield from _container(encoder, items, level, "[]")
    elif isinstance(value, dict) and any(isinstance(v, Iterator) for v in value.values()):
        yield from _container(encoder, value.items(), level, "{}")
    elif level:
        # JSON text has no newline but those between items (a string's are escaped), so
        # indenting each of them puts a value encoded alone at its depth.
        yield encoder.encode(value).replace("\n", "\n" + "  " * level)
    else:
        yield from encoder.iterencode(value)


def _container(
    encoder: json.JSONEncoder, items: Iterable[tuple[str | None, Any]], level: int, ends: str
) -> Iterator[str]:
    """A list (keys None) or a dict, its items one at a time, as json.dump lays them out."""
    inner = "\n" + "  " * (level + 1)
    first = True
    for key, item in items:
        yield (ends[0] if first else ",") + inner
        first = False
        if key is not None:
            yield encoder.encode(key) + ": "
        yield from _encoded(encoder, item, level + 1)
    yield ends if first else "\n" + "  " * level + ends[1]


def write_output(path: Path, text: str) -> None:
    """`text` as the whole of the file at `path`, or nothing written: a folder that is not
    there or cannot be written to is one sentence naming it (exit 2), and no partial file is
    left (store.replace_file writes a temporary file and renames it)."""
    from mentorlog import store

    try:
        target = path.expanduser()
    except RuntimeError:  # ~name of no user: the file named so, as a shell leaves it
        target = path
    if target.is_dir():
        raise InputError(messages.OUTPUT_IS_FOLDER.format(path=path))
    if not target.parent.is_dir():
        raise InputError(messages.OUTPUT_NO_FOLDER.format(path=path, folder=target.parent))
    try:
        store.replace_file(target, text)
    except OSError as error:
        raise InputError(
            messages.OUTPUT_NOT_WRITTEN.format(path=path, reason=error.strerror or error)
        ) from None
    print(messages.DID_WRITE_OUTPUT.format(path=path))


def _renderer(name: str) -> Any:
    module, function = name.split(":")
    return getattr(import_module(f"mentorlog.render.{module}"), function)


# --- CSV -------------------------------------------------------------------------------------


def rows(data: dict[str, Any], tables: tuple[str, ...]) -> list[dict[str, Any]]:
    """The table's rows; several lists (milestones reached, overdue, upcoming) become one table
    with a `section` column."""
    if len(tables) == 1:
        return list(data[tables[0]])
    return [{"section": key, **row} for key in tables for row in data[key]]


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """One CSV row: nested tables as dotted columns, lists joined with "; "."""
    out: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = "; ".join(
                _cell(v)
                if not isinstance(v, dict)
                else ", ".join(f"{k}={_cell(x)}" for k, x in v.items())
                for v in value
            )
        else:
            out[name] = _cell(value)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def to_csv(table: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV with a header row; every row has every column (blank when it has none)."""
    flat = [_flat(r) for r in table]
    columns = list(dict.fromkeys(c for r in flat for c in r))
    # A nested table that is empty in some rows (no next milestone) is blank in its dotted
    # columns there, not a column of its own.
    nested = {c.split(".", 1)[0] for c in columns if "." in c}
    columns = [c for c in columns if c not in nested or any(r.get(c) for r in flat)]
    buffer = io.StringIO()
    import csv  # here: only CSV output needs it

    writer = csv.DictWriter(
        buffer, fieldnames=columns, restval="", extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows([{name: formula_safe(value) for name, value in r.items()} for r in flat])
    return buffer.getvalue()


# A cell a spreadsheet would run as a formula (OWASP's list); a plain number is left alone.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def formula_safe(cell: str) -> str:
    """The cell as text a spreadsheet shows, never runs: a leading quote before a formula."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


# --- Markdown for commands without their own -------------------------------------------------


def without_private(data: Any) -> Any:
    """The data with every private row left out of its lists: Markdown is made to be sent.
    (The result itself is kept: `goal show` of a private goal was asked for by name.) In
    place, like clean_data: the data is built for this one output."""
    if isinstance(data, dict):
        for key, value in data.items():
            data[key] = without_private(value)
    elif isinstance(data, list):
        data[:] = [without_private(item) for item in data if not _private(item)]
    elif isinstance(data, Iterator):  # rows made one at a time: left out as they come
        return (without_private(item) for item in data if not _private(item))
    return data


def _private(item: Any) -> bool:
    return isinstance(item, dict) and item.get("private") is True


def generic_markdown(view: View, data: Any, context: dict[str, Any]) -> str:
    """The screen as plain text under a heading: for commands with no document of their own."""
    import re

    from mentorlog.render import markdown as md
    from mentorlog.render.console import render_plain

    text = render_plain(lambda console: _renderer(view.rich)(console, data, **context))
    # A fence longer than any run of backticks in the text, so nothing can close it early.
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"# {md.escape(view.title)}\n\n{fence}text\n{text}{fence}\n"
