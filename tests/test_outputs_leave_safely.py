"""Output made to leave the machine: every Markdown document read by a CommonMark parser and
every CSV by the csv module, over a journal whose every text field holds several lines that
would start blocks, spreadsheet formulas, and private entries.

Markdown shows a person's words and never turns them into structure; CSV cells never start a
formula; private rows stay out of both unless --include-private."""

from __future__ import annotations

import csv
import io
import shlex
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import Run

# Each line would start a block of its own in Markdown; the first is a spreadsheet formula.
HOSTILE = (
    '=HYPERLINK("http://evil.example","x")\n\n## Fake heading\n- fake item\n> fake quote\n'
    "1. fake order\n***\n+SUM(A1)"
)
SECRET = "SECRET-words"


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from mentorlog.cli import app

    root = tmp_path_factory.mktemp("leave") / "j"
    runner = CliRunner()
    env = {"MENTORLOG_TODAY": "2026-11-23"}

    def run(*args: str) -> None:
        result = runner.invoke(app, ["-j", str(root), *args], env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)

    runner.invoke(app, ["init", str(root), "--owner", "Sam Lee", "--mentor", "Ana Ruiz"])
    run("goal", "add", HOSTILE, "--what", HOSTILE, "--measure", HOSTILE, "--why", HOSTILE,
        "--due", "2026-12-31", "-m", "Step one@2026-11-01")  # fmt: skip
    handles = {g["title"]: g["handle"] for g in _json(root, "goal", "list")["goals"]}
    goal = handles[HOSTILE]
    run("goal", "milestone", goal, HOSTILE, "--due", "2026-12-01")
    run("goal", "progress", goal, "30", "--note", HOSTILE)
    run("goal", "add", f"{SECRET} goal", "--measure", "m", "--private")
    run("session", "add", "--date", "2026-11-20", "--title", HOSTILE, "--notes", HOSTILE,
        "--topic", HOSTILE, "--action", HOSTILE, "--goal", goal)  # fmt: skip
    run("session", "add", "--date", "2026-11-21", "--notes", f"{SECRET} session", "--private",
        "--action", f"{SECRET} action")  # fmt: skip
    run("action", "add", f"{SECRET} on a private goal", "--goal", f"{SECRET.lower()}-goal",
        "--session", _json(root, "session", "list")["sessions"][0]["handle"])  # fmt: skip
    run("reflect", HOSTILE, "--goal", goal)
    run("reflect", f"{SECRET} reflection", "--private")
    run("feedback", "add", "--received", "--from", "Ana Ruiz", "--situation", HOSTILE,
        "--behaviour", HOSTILE, "--impact", HOSTILE, "--strength", HOSTILE,
        "--improve", HOSTILE, HOSTILE)  # fmt: skip
    run("ask", HOSTILE, "--goal", goal)
    run("ask", f"{SECRET} question", "--private")
    run("win", HOSTILE)
    return root


def _json(root: Path, *args: str) -> dict:  # type: ignore[type-arg]
    import json

    from typer.testing import CliRunner

    from mentorlog.cli import app

    result = CliRunner().invoke(
        app, ["-j", str(root), *args, "--json"], env={"MENTORLOG_TODAY": "2026-11-23"}
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


MARKDOWN_COMMANDS = [
    "status", "agenda", "report", "milestones", "timeline", "search fake", "stats", "goal list",
    "goal show {goal}", "session list", "session show {session}", "action list --all",
    "feedback list", "mentor list",
]  # fmt: skip


def _args(journal: Path, command: str) -> list[str]:
    goals = _json(journal, "goal", "list")["goals"]
    goal = next(g["handle"] for g in goals if "Fake" in g["title"])
    session = _json(journal, "session", "list")["sessions"][0]["handle"]
    return shlex.split(command.format(goal=goal, session=session))


def _structure(text: str) -> list[str]:
    """What the document is built of, block by block, as a reader sees it: each heading's,
    list item's and quote's text."""
    tokens = MarkdownIt("commonmark").parse(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "list_item_open", "blockquote_open"):
            inline = next(t for t in tokens[index:] if t.type == "inline")
            found.append(f"{token.type}:{inline.content}")
        elif token.type in ("hr", "ordered_list_open"):
            found.append(token.type)
    return found


@pytest.mark.parametrize("command", MARKDOWN_COMMANDS)
@pytest.mark.parametrize("private", [False, True])
def test_markdown_shows_words_never_structure(
    run: Run, journal: Path, command: str, private: bool
) -> None:
    extra = ["--include-private"] if private else []
    result = run("-j", str(journal), *_args(journal, command), "--format", "markdown", *extra)
    assert result.exit_code == 0, result.stderr
    blocks = _structure(result.stdout)
    made = [b for b in blocks if any(w in b.split(":", 1)[-1].lstrip("\\ ")[:14] for w in (
        "Fake heading", "fake item", "fake quote", "fake order"))]  # fmt: skip
    assert made == [], (command, made, result.stdout)
    assert "hr" not in blocks and "ordered_list_open" not in blocks, (command, result.stdout)
    assert all(not b.startswith("heading_open:Fake") for b in blocks)
    if not private:
        assert SECRET not in result.stdout, command


CSV_COMMANDS = [
    "milestones", "timeline", "search fake", "goal list", "goal show {goal}", "session list",
    "session show {session}", "action list --all", "feedback list", "search SECRET",
]  # fmt: skip


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_cells_never_start_a_formula_and_keep_private_rows_out(
    run: Run, journal: Path, command: str
) -> None:
    result = run("-j", str(journal), *_args(journal, command), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in table for cell in row]
    formulas = [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not _number(c))]
    assert formulas == [], (command, formulas)
    assert not any(SECRET in c for c in cells), command
    if command not in ("stats", "milestones", "search SECRET"):
        assert any("HYPERLINK" in c for c in cells), command  # the words are there, shown
    with_private = run(
        "-j", str(journal), *_args(journal, command), "--format", "csv", "--include-private"
    )
    assert with_private.exit_code == 0, with_private.stderr
    if command in ("timeline", "goal list", "action list --all", "search SECRET"):
        assert SECRET in with_private.stdout, command


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("kind", ["goal", "session", "reflection", "feedback", "question", "win"])
def test_export_csv_is_formula_safe(run: Run, journal: Path, kind: str) -> None:
    result = run("-j", str(journal), "export", "--format", "csv", "--kind", kind)
    assert result.exit_code == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert any("HYPERLINK" in c for c in cells), kind
    assert not any(c[:1] in ("=", "+", "@") for c in cells), kind
    assert not any(SECRET in c for c in cells), kind
