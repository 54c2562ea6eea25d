"""The one place that decides how output looks: colour on a terminal, plain text otherwise, and a
pager when a terminal's screen is too small for it.

Renderers draw blocks (render/blocks.py) on a Canvas. On a terminal (or with FORCE_COLOR) it is
a Rich console; piped, a PlainCanvas lays the blocks out itself and Rich is not loaded, unless a
block holds what only Rich lays out (then that block goes through Rich, to the same writer).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from mentorlog.render.blocks import Canvas, Writer, stream, to_rich

if TYPE_CHECKING:
    from rich.console import Console

# Off a terminal (a pipe, a file, Markdown) lines are as long as their text: only a screen may
# fold or cut a person's words.
UNBOUNDED = 1_000_000
# Set by `--no-pager`.
PAGER_ALLOWED = True
# What console.print may be told that changes nothing in plain text at an unbounded width.
_PLAIN_OPTIONS = frozenset({"style", "no_wrap", "overflow"})


class RichCanvas:
    """A Rich console, drawing blocks as Rich renderables."""

    def __init__(self, console: Console) -> None:
        self.console = console

    @property
    def width(self) -> int:
        return self.console.width

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal

    @property
    def file(self) -> IO[str]:
        return self.console.file

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*(to_rich(item) for item in objects), **options)


class PlainCanvas:
    """Plain text at an unbounded width, laid out by blocks.lines; Rich only for a block it
    leaves to Rich."""

    is_terminal = False
    width = UNBOUNDED

    def __init__(self, file: Writer) -> None:
        self.file = file
        self._rich: RichCanvas | None = None

    def print(self, *objects: Any, **options: Any) -> None:
        if len(objects) <= 1 and _PLAIN_OPTIONS.issuperset(options):
            block = objects[0] if objects else ""
            found = stream(block)
            if found is not None:
                write = self.file.write
                for line in found:
                    write(line + "\n")
                return
        if self._rich is None:
            self._rich = RichCanvas(
                _console(file=self.file, color_system=None, force_terminal=False, width=UNBOUNDED)
            )
        self._rich.print(*objects, **options)


def _console(**options: Any) -> Console:
    """A Console that never reads journal text as markup, emoji codes or highlights; off a
    terminal, a table's columns are as wide as their text (the widths a screen keeps a column
    to, a title in 30 cells, are let go, so nothing is folded)."""
    return _console_class()(highlight=False, emoji=False, markup=False, soft_wrap=False, **options)


@cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class _Console(Console):
        def print(self, *objects: Any, **options: Any) -> None:
            if not self.is_terminal:
                for item in objects:
                    _unbounded(item)
            super().print(*objects, **options)

    return _Console


def _unbounded(renderable: Any) -> None:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table as RichTable

    if isinstance(renderable, RichTable):
        for column in renderable.columns:
            column.max_width = None
            for cell in column._cells:
                _unbounded(cell)
    elif isinstance(renderable, Padding):
        _unbounded(renderable.renderable)
    elif isinstance(renderable, Group):
        for item in renderable.renderables:
            _unbounded(item)


def plain_output() -> bool:
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


def _forced_colour() -> bool:
    """FORCE_COLOR (any value but empty or 0) asks for colour even when piped."""
    value = os.environ.get("FORCE_COLOR", "")
    return bool(value) and value != "0" and "NO_COLOR" not in os.environ


@contextmanager
def screen(plain: bool = False) -> Iterator[Canvas]:
    """A console for one command's output.

    On a terminal Rich draws with colour (none under NO_COLOR, or with `--format plain`), and a
    result longer than the screen goes through a pager. Piped, the output has no escape codes
    (unless FORCE_COLOR) and no trailing padding, so it reads well in files, `less` and diffs.
    """
    terminal = sys.stdout.isatty()
    if terminal:
        import shutil  # only a terminal has a size (piped, nothing more is loaded)
    if (terminal and not plain) or (_forced_colour() and not plain):
        dumb = os.environ.get("TERM") == "dumb"
        size = shutil.get_terminal_size() if terminal else os.terminal_size((80, 24))
        buffer = io.StringIO()
        # NO_COLOR drops colour but keeps bold, underline and reverse (how matches show).
        console = _console(
            file=buffer,
            force_terminal=True,
            color_system=None if dumb else "auto",
            no_color="NO_COLOR" in os.environ,
            # FORCE_COLOR off a terminal draws a screen (for `less -R`): COLUMNS wide if set.
            width=size.columns if terminal else int(os.environ.get("COLUMNS") or UNBOUNDED),
        )
        yield RichCanvas(console)
        text = buffer.getvalue()
        if terminal and text.count("\n") >= size.lines and _page(text):
            return
        sys.stdout.write(text)
        return
    width = shutil.get_terminal_size().columns if terminal else UNBOUNDED
    if not terminal:
        # Piped, no pager can be needed: written as it is drawn, never held whole (a list of
        # 10,000 action items was four copies of its text at once, 20 MiB).
        trimmed = TrimmedWriter(sys.stdout)
        yield PlainCanvas(trimmed)
        trimmed.close()
        return
    buffer = io.StringIO()
    console = _console(file=buffer, color_system=None, force_terminal=False, width=width)
    yield RichCanvas(console)
    text = _trimmed(buffer.getvalue())
    if text.count("\n") >= shutil.get_terminal_size().lines and _page(text):
        return
    sys.stdout.write(text)


def _trimmed(text: str) -> str:
    """Each line without trailing spaces, no blank lines at the end, one newline after all."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


class TrimmedWriter(io.TextIOBase):
    """Writes to `out` what _trimmed makes of all that is written to it, as it comes: lines
    are taken whole (up to each newline), blank ones held back until a line with text follows,
    and what is ready goes out in blocks of BLOCK characters (a write each: standard output
    may be unbuffered)."""

    BLOCK = 64 * 1024

    def __init__(self, out: Any) -> None:
        super().__init__()
        self._out = out
        self._partial = ""
        self._blank = 0
        self._wrote = False
        self._ready: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        # Line by line, not split whole: a table may come as one string of every row.
        start = 0
        end = text.find("\n")
        while end >= 0:
            self._take(self._partial + text[start:end])
            self._partial = ""
            if self._size >= self.BLOCK:
                self._send()
            start = end + 1
            end = text.find("\n", start)
        self._partial += text[start:]
        return len(text)

    def _take(self, line: str, ended: bool = True) -> None:
        """A line, ended by a newline unless it is the last."""
        # splitlines, as _trimmed: other line breaks (a lone CR, U+2028) end a line too.
        for part in (line + "\n").splitlines() if ended else line.splitlines():
            part = part.rstrip()
            if not part:
                self._blank += 1
                continue
            piece = "\n" * self._blank + part + "\n"
            self._blank = 0
            self._ready.append(piece)
            self._size += len(piece)
            self._wrote = True

    def _send(self) -> None:
        if self._ready:
            self._out.write("".join(self._ready))
            self._ready.clear()
            self._size = 0

    def flush(self) -> None:
        self._send()
        self._out.flush()

    def close(self) -> None:
        if self.closed:
            return
        if self._partial:
            self._take(self._partial, ended=False)
            self._partial = ""
        if not self._wrote:
            self._ready.append("\n")
        self._send()
        super().close()


def render_plain(draw: Callable[[Canvas], None]) -> str:
    """What a renderer draws, as plain text (for Markdown documents that show a screen)."""
    buffer = io.StringIO()
    draw(PlainCanvas(buffer))
    return _trimmed(buffer.getvalue())


def pager_command() -> list[str] | None:
    """MENTORLOG_PAGER, else PAGER, else `less`; an empty value or `cat` means no pager."""
    chosen = os.environ.get("MENTORLOG_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER", "less")
    import shlex

    words = shlex.split(chosen) if chosen.strip() else []
    if not words or words[0] == "cat":
        return None
    return words


def _page(text: str) -> bool:
    """Show the text through the pager, as git does; False when there is none or it failed, so
    the caller prints the text itself."""
    command = pager_command() if PAGER_ALLOWED else None
    if command is None:
        return False
    # less: quit when it fits, keep colours, leave the text on the screen (git's defaults).
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    import subprocess

    try:
        sys.stdout.flush()
        result = subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return result.returncode == 0
