"""Hostile input, generated: no argument, standard input or hand-written file makes mentorlog
crash (exit 70 or a traceback), and every refusal leaves the journal as it was.

The commands run in-process (Typer's runner with catch_exceptions=False), so any exception a
command lets escape fails the test with its traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import snapshot
from mentorlog.cli import app

runner = CliRunner()
EXIT_CODES = {0, 1, 2, 3}

# What people type, and what someone trying to break it types.
words = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "-",
            "--",
            "0",
            "100",
            "101",
            "-5",
            "²",
            "５０",
            "50%",
            "1e3",
            "today",
            "friday",
            "next friday",
            "dec 3",
            "29 feb",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "in 99 weeks",
            "talk",
            "t",
            "alex",
            "a\x1b[2J",
            "line\nbreak",
            "\u202e",
            "../../etc",
            "x" * 300,
        ]
    ),
)
COMMANDS: list[tuple[str, ...]] = [
    ("goal", "add"),
    ("goal", "progress", "talk"),
    ("goal", "achieve", "talk"),
    ("goal", "milestone", "talk"),
    ("goal", "edit", "talk", "--due"),
    ("goal", "rename", "talk"),
    ("goal", "delete"),
    ("goal", "show"),
    ("goal", "pause", "talk", "--date"),
    ("session", "add", "--notes", "n", "--date"),
    ("session", "add", "--notes", "n", "--next"),
    ("session", "add", "--notes", "n", "--mentor"),
    ("session", "add", "--notes", "n", "--done"),
    ("session", "add", "--notes", "n", "--discussed"),
    ("session", "add", "--notes", "n", "--goal"),
    ("session", "show"),
    ("ask",),
    ("reflect",),
    ("action", "done"),
    ("feedback", "add", "--received", "--from"),
    ("mentor", "add"),
    ("mentor", "conclude"),
    ("report", "--since"),
    ("report", "--until"),
    ("report", "--period"),
    ("agenda", "--mentor"),
    ("timeline", "--kind"),
    ("timeline", "--since"),
    ("search",),
    ("goal", "list", "--tag"),
    ("session", "list", "--since"),
    ("log", "--limit"),
    ("-j",),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small journal with one of each thing, made once and copied for every example."""
    root = tmp_path_factory.mktemp("seed") / "journal"
    for args in (
        ("init", str(root), "--owner", "Sam", "--mentor", "Alex Chen"),
        ("-j", str(root), "goal", "add", "Talk", "--measure", "m", "-m", "Outline"),
        (
            "-j",
            str(root),
            "session",
            "add",
            "--notes",
            "n",
            "--action",
            "Send it",
            "--goal",
            "talk",
        ),
        ("-j", str(root), "ask", "Slides?"),
    ):
        result = runner.invoke(
            app, list(args), catch_exceptions=False, env={"MENTORLOG_TODAY": "2026-11-23"}
        )
        assert result.exit_code == 0, result.stderr
    return root


def fresh_copy(seeded: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(seeded, target)
    return target


def run(journal: Path, args: list[str], stdin: Any = None) -> int:
    before = snapshot(journal)
    result = runner.invoke(
        app,
        ["-j", str(journal), *args],
        input=stdin,
        catch_exceptions=False,
        env={"MENTORLOG_TODAY": "2026-11-23"},
    )
    assert result.exit_code in EXIT_CODES, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert (result.stdout if args[0] == "check" else result.stderr).strip(), args  # why
        assert snapshot(journal) == before, args
    return result.exit_code


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(COMMANDS), values=st.lists(words, min_size=1, max_size=2))
def test_any_argument_is_handled(
    seeded: Path, tmp_path: Path, command: tuple[str, ...], values: list[str]
) -> None:
    journal = fresh_copy(seeded, tmp_path, "args")
    if command == ("-j",):
        result = runner.invoke(app, ["-j", values[0], "status"], catch_exceptions=False)
        assert result.exit_code in EXIT_CODES
        return
    run(journal, [*command, *values])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(st.binary(max_size=200), st.text(max_size=200)),
    command=st.sampled_from(
        [
            ("reflect", "-"),
            ("session", "add", "--notes", "-"),
            ("mentor", "conclude", "alex", "--retrospective", "-"),
        ]
    ),
)
def test_any_standard_input_is_handled(
    seeded: Path, tmp_path: Path, data: bytes | str, command: tuple[str, ...]
) -> None:
    run(fresh_copy(seeded, tmp_path, "stdin"), list(command), stdin=data)


toml_values = st.recursive(
    st.one_of(
        st.text(max_size=15),
        st.integers(),
        st.booleans(),
        st.floats(allow_nan=False),
        st.dates(),
        st.datetimes(),
        st.times(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    "id",
    "date",
    "created",
    "text",
    "title",
    "slug",
    "status",
    "entry",
    "change",
    "progress",
    "milestones",
    "checkins",
    "actions",
    "goals",
    "goal",
    "session",
    "discussed",
    "due",
    "mentor",
    "private",
    "tags",
    "format",
    "owner",
    "mentors",
]
documents = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), toml_values, max_size=8)
PLACES = [
    "questions/hand.toml",
    "goals/hand.toml",
    "sessions/2026/hand.toml",
    "reflections/hand.toml",
    "feedback/hand.toml",
    "changes/goals/2026/hand.toml",
    "changes/sessions/2026/hand.toml",
    "changes/mentors/2026/hand.toml",
    "private/questions/hand.toml",
    "mentorlog.toml",
]


READERS = [
    ["status"],
    ["agenda"],
    ["report", "--period", "year"],
    ["timeline"],
    ["search", "a"],
    ["goal", "list", "--all"],
    ["goal", "show", "talk"],
    ["milestones"],
    ["stats"],
    ["action", "list", "--all"],
    ["mentor", "list"],
    ["ask", "Still writable?"],
]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    place=st.sampled_from(PLACES),
    document=documents,
    raw=st.one_of(st.none(), st.binary(max_size=120)),
    commands=st.lists(st.sampled_from(READERS), min_size=2, max_size=3, unique_by=str),
)
def test_any_hand_written_file_is_read_or_reported(
    seeded: Path,
    tmp_path: Path,
    place: str,
    document: dict[str, Any],
    raw: bytes | None,
    commands: list[list[str]],
) -> None:
    import tomli_w

    journal = fresh_copy(seeded, tmp_path, "files")
    path = journal / place
    path.parent.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        path.write_bytes(raw)
    else:
        base = {"id": "handwritten01", "created": "2026-11-20T10:00:00Z"}
        try:
            path.write_text(tomli_w.dumps({**base, **document}), encoding="utf-8")
        except (TypeError, ValueError):  # a value tomli-w cannot write (a time with an offset)
            return
    for args in [["check"], *commands]:
        run(journal, args)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab \n\r\t\u2028\x85\x0b\x1c─é")), max_size=200),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=8),
)
def test_piped_output_written_as_it_comes_is_the_trimmed_text(text: str, cuts: list[int]) -> None:
    """Piped, a screen is written as it is drawn (render.console.TrimmedWriter): whatever the
    pieces it comes in, what reaches the pipe is what trimming the whole text gives (each line
    without trailing spaces, no blank lines at the end, one newline after all)."""
    import io

    from mentorlog.render.console import TrimmedWriter, _trimmed

    out = io.StringIO()
    writer = TrimmedWriter(out)
    writer.BLOCK = 7  # several blocks even for short text
    start = 0
    for cut in sorted(cuts):
        writer.write(text[start:cut])
        start = max(start, cut)
    writer.write(text[start:])
    writer.close()
    assert out.getvalue() == _trimmed(text)
