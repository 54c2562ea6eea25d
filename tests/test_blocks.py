"""Piped output is laid out by render/blocks.py without Rich: it must be what Rich prints.

Each test draws the same blocks twice, through the plain layout and through Rich (the plain
layout turned off), and compares the text: random blocks of every shape the screens use, and
every reading command over journals holding wide characters, tabs, line breaks and long words.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, TODAY, Run, imported_by, screen_env, unstyled
from mentorlog.render import blocks, console
from mentorlog.render.blocks import SIMPLE_HEAD, Group, Padding, Table, Text


def through_rich(draw: Any) -> str:
    buffer = io.StringIO()
    canvas = console.RichCanvas(
        console._console(
            file=buffer, color_system=None, force_terminal=False, width=console.UNBOUNDED
        )
    )
    draw(canvas)
    return console._trimmed(buffer.getvalue())


def through_plain(draw: Any) -> str:
    return console.render_plain(draw)


# Text as people write it: ASCII, accents, wide characters and emoji, a combining mark, the
# block characters of the charts; a tab (expanded as Rich expands it); and what only Rich
# lays out (a line separator).
WORDS = st.sampled_from(
    [
        *("a", "plan", "Ship", "the", "API", "é", "café", "界", "日本語", "🙂", "e\u0301", "█░"),
        *("·", "", " ", "  ", "x" * 40, "\t", "a\tb", "\u2028", "(private)", "—", "→"),
    ]
)
TEXTS = st.lists(WORDS, max_size=8).map(" ".join)
LINES = st.lists(TEXTS, min_size=1, max_size=3).map("\n".join)
STYLES = st.sampled_from(["", "bold", "dim", "bold red", "cyan"])


@st.composite
def texts(draw: Any) -> Text | str:
    if draw(st.booleans()):
        return draw(LINES)
    text = Text(draw(LINES), style=draw(STYLES))
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            text.append(draw(TEXTS), style=draw(STYLES))
        else:
            text.append_text(Text(draw(LINES), style=draw(STYLES)))
    return text


@st.composite
def tables(draw: Any, depth: int = 0) -> Table:
    if draw(st.booleans()):
        table = Table.grid(padding=draw(st.sampled_from([0, (0, 1), (0, 2)])))
    else:
        table = Table(
            box=draw(st.sampled_from([None, SIMPLE_HEAD])),
            pad_edge=draw(st.booleans()),
            show_edge=draw(st.booleans()),
            show_header=draw(st.booleans()),
            padding=draw(st.sampled_from([(0, 1), (0, 2), (0, 0, 0, 1)])),
        )
    for _ in range(draw(st.integers(1, 4))):
        table.add_column(
            draw(TEXTS),
            justify=draw(st.sampled_from(["left", "right"])),
            no_wrap=draw(st.booleans()),
            overflow=draw(st.sampled_from(["ellipsis", "fold"])),
            max_width=draw(st.sampled_from([None, 5, 30])),
            min_width=draw(st.sampled_from([None, 3, 12])),
            style=draw(STYLES),
        )
    cell = texts() if depth else st.one_of(texts(), paddings(depth + 1), tables(depth + 1))
    for _ in range(draw(st.integers(0, 4))):
        table.add_row(*(draw(cell) for _ in table.columns))
    return table


@st.composite
def paddings(draw: Any, depth: int = 0) -> Padding:
    inner = texts() if depth > 1 else st.one_of(texts(), tables(depth + 1))
    return Padding(draw(inner), (0, 0, 0, draw(st.integers(0, 4))))


BLOCKS = st.one_of(
    texts(),
    tables(),
    paddings(),
    st.lists(st.one_of(texts(), paddings()), min_size=1, max_size=3).map(lambda b: Group(*b)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCKS, max_size=4))
def test_blocks_read_as_rich_prints_them(drawn: list[Any]) -> None:
    def draw(canvas: Any) -> None:
        for block in drawn:
            canvas.print(block)

    assert through_plain(draw) == through_rich(draw)


def test_what_people_write_is_laid_out_without_rich() -> None:
    """Wide characters, emoji, accents, tabs and several lines are the plain layout's own:
    only a line separator (Rich keeps it its own way) is left to Rich."""
    table = Table(box=SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("Titel")
    table.add_column("Aktionen", justify="right")
    table.add_row(Text("日本語の目標 🙂", style="bold"), "2 open / 3")
    table.add_row("Café\nzweite Zeile", "-")
    # 日本語の目標 takes 12 cells and 🙂 two: the title column is 15 wide.
    assert blocks.lines(table) == [
        "Titel               Aktionen",
        "────────────────────────────",
        "日本語の目標 🙂   2 open / 3",
        "Café                       -",
        "zweite Zeile                ",
    ]
    # A tab is expanded to the next stop of 8, as Rich draws it; a line separator is Rich's.
    assert blocks.lines(Padding(Text("+ a\tb"), (0, 0, 0, 4))) == ["    + a     b"]
    assert blocks.lines(Padding("x\u2028y", (0, 0, 0, 2))) is None
    drawn = through_plain(lambda canvas: canvas.print(Text("a\tb")))
    assert drawn == through_rich(lambda canvas: canvas.print(Text("a\tb"))) == "a       b\n"


@pytest.mark.parametrize("screen", [{}, screen_env(80)], ids=["piped", "screen"])
def test_a_tab_someone_wrote_stays_on_its_line(
    run: Run, journal: Path, screen: dict[str, str]
) -> None:
    """Rich measures a tab as no width: an indented line holding one was broken at the tab
    (`feedback list` printed "+ tab" and "here" on two lines)."""
    added = run(
        "-j",
        str(journal),
        "feedback",
        "add",
        "Clear\tdemo",
        "--received",
        "--from",
        "Daniel",
        "--strength",
        "tab\there",
    )
    assert added.exit_code == 0, added.stderr
    shown = run("-j", str(journal), "feedback", "list", env=screen)
    assert shown.exit_code == 0, shown.stderr
    lines = [line.rstrip() for line in unstyled(shown.stdout).splitlines()]
    assert "    Clear   demo" in lines
    assert "    + tab   here" in lines


# --- every reading command, both ways --------------------------------------------------------

READS = [
    ["status"],
    ["agenda"],
    ["since"],
    ["report", "--period", "year"],
    ["milestones"],
    ["timeline"],
    ["search", "the"],
    ["stats"],
    ["goal", "list", "--all"],
    ["goal", "show", "GOAL"],
    ["session", "list"],
    ["session", "show", "SESSION"],
    ["action", "list", "--all"],
    ["feedback", "list"],
    ["check"],
    ["mentor", "list"],
    ["status", "--format", "markdown"],
]


def odd_journal(run: Run, root: Path) -> Path:
    """The example journal, and entries whose text Rich and a plain layout could part on."""
    shutil.copytree(EXAMPLE, root)
    env = {"MENTORLOG_TODAY": TODAY}
    for args in (
        ["goal", "add", "日本語を学ぶ 🙂", "--measure", "N3", "--due", "2027-03-01"],
        ["session", "add", "--mentor", "Daniel Okafor", "--notes", "Tabs\there\nand\u2028more"],
        ["action", "add", "Read 「吾輩は猫である」 and write a café review — twice"],
        ["ask", "Why does a\ttab look like this?"],
        ["ask", "word" * 40],
        ["reflect", "Combining e\u0301 and emoji 🙂🙂 on one line\nthen another"],
        ["feedback", "add", "Ça va 👍", "--received", "--from", "Daniel Okafor"],
    ):
        result = run("-j", str(root), *args, env=env)
        assert result.exit_code == 0, (args, result.stderr)
    return root


@pytest.mark.parametrize("line", READS, ids=" ".join)
def test_every_read_prints_what_rich_prints(
    run: Run, tmp_path: Path, line: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = odd_journal(run, tmp_path / "journal")
    goal = next(p.stem.rsplit("-", 1)[0] for p in sorted((root / "goals").glob("*.toml")))
    session = run("-j", str(root), "session", "list", "--json").json()["sessions"][-1]["handle"]
    arguments = [{"GOAL": goal, "SESSION": session}.get(word, word) for word in line]
    plain = run("-j", str(root), *arguments)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.strip()
    monkeypatch.setattr(console, "stream", lambda block: None)  # every block through Rich
    rich = run("-j", str(root), *arguments)
    assert (rich.exit_code, rich.stdout, rich.stderr) == (0, plain.stdout, plain.stderr)


def test_a_piped_read_loads_no_rich_console(tmp_path: Path) -> None:
    """What the plain layout is for: piped, the commands never import Rich's console (Rich's
    count of a wide character's cells is all they take of it)."""
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root)
    rich_layout = ("rich.console", "rich.table", "rich.text", "rich.style")
    for line in (["status"], ["session", "list"], ["goal", "list"], ["agenda"], ["stats"]):
        shown, loaded = imported_by(["-j", str(root), *line], rich_layout, {"MENTORLOG_PAGER": ""})
        assert shown.strip()
        assert loaded == [], line
