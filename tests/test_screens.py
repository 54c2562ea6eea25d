"""Screens as a person meets them: mentorlog in a real pseudo-terminal of 60, 80 and 120
columns. Lines fit; the marks that carry meaning (private, overdue) are never what is cut;
words are shortened with an ellipsis, never broken in two."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

import pytest

from conftest import EXAMPLE, TODAY

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
LONG_PRIVATE = (
    "A private reflection whose first line is long enough to run past any screen it is shown on"
)


def on_screen(columns: int, *arguments: str, env: dict[str, str] | None = None) -> str:
    """What mentorlog shows in a terminal `columns` wide (no pager), colours taken out."""
    leader, follower = pty.openpty()
    ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 200, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", "--no-pager", *arguments],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={
            **os.environ,
            "MENTORLOG_TODAY": TODAY,
            "TERM": "xterm-256color",
            **(env or {}),
        },
        close_fds=True,
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    assert process.returncode == 0, output.decode(errors="replace")
    return ANSI.sub("", output.decode("utf-8", errors="replace"))


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("screens") / "journal"
    shutil.copytree(EXAMPLE, root)
    env = {**os.environ, "MENTORLOG_TODAY": TODAY}
    for arguments in (
        ["reflect", LONG_PRIVATE, "--private"],
        ["ask", "A question nobody else may read, worded at some length too", "--private"],
    ):
        subprocess.run(
            [sys.executable, "-m", "mentorlog", "-j", str(root), *arguments],
            env=env,
            check=True,
            capture_output=True,
        )
    return root


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_lines_fit_and_the_private_mark_survives(journal: Path, columns: int) -> None:
    for command in (["status"], ["timeline"], ["agenda"]):
        shown = on_screen(columns, "-j", str(journal), *command)
        lines = shown.splitlines()
        assert all(len(line) <= columns for line in lines), (command, columns)
        private = [line for line in lines if "A private refle" in line]
        if command != ["agenda"]:
            assert private, command
        assert all(line.rstrip().endswith("(private)") or "(private)" in line for line in private)


@pytest.mark.parametrize("columns", [60, 80])
def test_table_words_are_shortened_never_broken(journal: Path, columns: int) -> None:
    """An action item's words wrap at spaces; a word too long for its column is cut with an
    ellipsis, never split over two lines ("go/no-" then "go")."""
    shown = on_screen(columns, "-j", str(journal), "action", "list")
    lines = [line.rstrip() for line in shown.splitlines()]
    assert not any(line.endswith(("go/no-", "(priva", "skip-leve")) for line in lines)
    assert "go/no-go" in shown or "go/no…" in shown or "go/…" in shown


def test_a_screen_wider_than_the_text_does_not_cut_it(journal: Path) -> None:
    shown = on_screen(200, "-j", str(journal), "timeline")
    assert LONG_PRIVATE in shown


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_roster_paths_can_always_be_copied(tmp_path: Path, columns: int) -> None:
    """The path is what a mentor types after -j: whole in the table when there is room, else
    also listed whole under it; the table's lines fit and no column is lost."""
    mentees = tmp_path / "mentees"
    shutil.copytree(EXAMPLE, mentees / "priya-shah-journal-clone")
    shown = on_screen(columns, "roster", "mentees")
    table, _, listing = shown.partition("Journals (-j):")
    assert all(len(line) <= columns for line in table.splitlines()), table
    assert "Questions" in table
    whole = "mentees/priya-shah-journal-clone"
    assert whole in table or whole in listing, shown
    if columns >= 120:
        assert whole in table and not listing
