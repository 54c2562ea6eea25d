"""Every fact can be corrected: `edit ENTRY` (and `session edit`) for a session, reflection,
feedback, question, win or review, with options or in $EDITOR; each correction is a change
file (the entry's own file untouched), merges from another clone, and shows in the history."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from conftest import Git, Run, snapshot


def handle_of(jrun: Run, kind: str, title: str | None = None) -> str:
    rows = jrun("timeline", "--kind", kind, "--json").json()["entries"]
    return str(next(r for r in reversed(rows) if title is None or r["title"] == title)["handle"])


@pytest.mark.parametrize(
    ("kind", "add", "fix", "field", "value"),
    [
        ("session", ["session", "add", "--notes", "teh plan"], ["--notes", "the plan"], "notes",
         "the plan"),
        ("reflection", ["reflect", "Learnt alot"], ["--text", "Learnt a lot"], "text",
         "Learnt a lot"),
        ("question", ["ask", "How to negociate?"], ["--text", "How to negotiate?"], "text",
         "How to negotiate?"),
        ("win", ["win", "Shiped it"], ["--text", "Shipped it"], "text", "Shipped it"),
        ("feedback", ["feedback", "add", "--received", "--from", "Ana Ruiz", "Good"],
         ["--set", "from=Ana R. Ruiz"], "from", "Ana R. Ruiz"),
    ],
)  # fmt: skip
def test_each_kind_is_corrected_by_a_change(
    jrun: Run, journal: Path, kind: str, add: list[str], fix: list[str], field: str, value: str
) -> None:
    assert jrun(*add).exit_code == 0
    handle = handle_of(jrun, kind)
    own_files = {p: p.read_bytes() for p in journal.rglob("*.toml") if "changes" not in p.parts}
    result = jrun("edit", handle, *fix)
    assert result.exit_code == 0, result.stderr
    assert f"Updated {kind} {handle}: {field}" in result.stdout
    # The entry's own file is never rewritten: the correction is a change file of its own.
    assert {p: p.read_bytes() for p in own_files} == own_files
    (change,) = list((journal / "changes").rglob("*.toml"))
    written = tomllib.loads(change.read_text())
    assert written["change"] == "edit" and written[field] == value
    assert "author" in written
    exported = jrun("export", "--format", "json").json()
    group = "feedback" if kind == "feedback" else f"{kind}s"
    (entry,) = [e for e in exported[group] if e["id"].startswith(handle)]
    assert entry[field] == value
    history = jrun("timeline", "--kind", "edit", "--json").json()["entries"]
    assert [h["handle"] for h in history] == [handle]


def test_session_edit_in_the_editor_and_its_history(jrun: Run, tmp_path: Path) -> None:
    assert jrun("session", "add", "--notes", "Talked", "--duration", "30").exit_code == 0
    handle = handle_of(jrun, "session")
    seen = tmp_path / "seen.toml"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
        f"open({str(seen)!r}, 'w').write(text)\n"
        "text = text.replace('duration = 30', 'duration = 45')\n"
        "text = text.replace('notes = \"Talked\"\\n', '')\n"
        "open(path, 'w').write(text)\n"
    )
    env = {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    # Off a terminal the editor is never started without being asked: options say what to set.
    refused = jrun("session", "edit", handle)
    assert refused.exit_code == 2 and "--notes" in refused.stderr
    edited = jrun("session", "edit", handle, "--resume", env=env)
    assert edited.exit_code == 1 and "no kept edit" in edited.stderr
    from terminal import Terminal

    journal_env = {**env, "MENTORLOG_JOURNAL": str(tmp_path / "journal")}
    screen = Terminal("session", "edit", handle, env=journal_env, cwd=tmp_path)
    assert screen.finish() == 0, screen.screen
    assert "duration = 30" in seen.read_text() and 'notes = "Talked"' in seen.read_text()
    shown = jrun("session", "show", handle, "--json").json()
    assert shown["duration"] == 45 and shown["notes"] == ""
    assert [(e["field"], e["old"], e["new"]) for e in shown["edits"]] == [
        ("duration", "30", "45"),
        ("notes", "Talked", ""),
    ]
    assert "Corrected" in jrun("session", "show", handle).stdout


def test_bad_corrections_are_refused_and_write_nothing(jrun: Run, journal: Path) -> None:
    assert jrun("reflect", "Some words").exit_code == 0
    assert jrun("goal", "add", "Speak up").exit_code == 0
    handle = handle_of(jrun, "reflection")
    before = snapshot(journal)
    for args, code, said in (
        (["--set", "rating=3"], 2, "no field rating"),
        (["--set", "date=2026-13-01"], 2, "date"),
        (["--text", "Some words"], 2, "already says"),
        (["--set", "goal=no-such-goal"], 1, "no-such-goal"),
        (["--set", "nonsense"], 2, "FIELD=VALUE"),
    ):
        result = jrun("edit", handle, *args)
        assert result.exit_code == code and said in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    goal = jrun("edit", "speak-up", "--text", "x")
    assert goal.exit_code == 2 and "goal edit speak-up" in goal.stderr
    unknown = jrun("edit", "zzzzzzz", "--text", "x")
    assert unknown.exit_code == 1 and "zzzzzzz" in unknown.stderr
    assert snapshot(journal) == before


def test_privacy_of_a_correction(jrun: Run, journal: Path) -> None:
    assert jrun("reflect", "Private thoughts", "--private").exit_code == 0
    private = handle_of(jrun, "reflection")
    assert jrun("edit", private, "--text", "Still private").exit_code == 0
    assert list((journal / "private" / "changes").rglob("*.toml"))
    assert not (journal / "changes").exists() or not list((journal / "changes").rglob("*.toml"))
    # A public reflection tied to a private goal: the link stays on the private side.
    assert jrun("goal", "add", "Secret plan", "--private").exit_code == 0
    assert jrun("reflect", "Public words").exit_code == 0
    public = handle_of(jrun, "reflection", "Public words")
    linked = jrun("edit", public, "--set", "goal=secret-plan", "--text", "Public, corrected")
    assert linked.exit_code == 0, linked.stderr
    shared = [p.read_text() for p in (journal / "changes").rglob("*.toml")]
    assert shared and all("Secret" not in text for text in shared)
    assert any("Public, corrected" in text for text in shared)
    assert jrun("timeline", "--goal", "secret-plan", "--json").json()["entries"]


def test_a_correction_from_the_mentors_clone_merges(run: Run, tmp_path: Path, git: Git) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    mine = tmp_path / "mine"
    assert (
        run(
            "init", str(mine), "--owner", "Priya Shah", "--mentor", "Daniel Okafor", "--git"
        ).exit_code
        == 0
    )
    git(mine, "config", "user.name", "Priya Shah")
    git(mine, "remote", "add", "origin", str(remote))
    assert run("-j", str(mine), "session", "add", "--notes", "We agreed on Q1").exit_code == 0
    assert run("-j", str(mine), "sync").exit_code == 0
    theirs = tmp_path / "theirs"
    git(tmp_path, "clone", "-q", str(remote), str(theirs))
    git(theirs, "config", "user.name", "Daniel Okafor")
    handle = run("-j", str(theirs), "session", "list", "--json").json()["sessions"][0]["handle"]
    fixed = run("-j", str(theirs), "session", "edit", handle, "--notes", "We agreed on Q2")
    assert fixed.exit_code == 0, fixed.stderr
    assert "edit: session" in git(theirs, "log", "-1", "--format=%s")
    assert "Q2" not in git(theirs, "log", "-1", "--format=%B")  # no text in the commit
    assert run("-j", str(mine), "session", "add", "--notes", "Another").exit_code == 0
    assert run("-j", str(theirs), "sync").exit_code == 0
    assert run("-j", str(mine), "sync").exit_code == 0
    shown = run("-j", str(mine), "session", "show", handle, "--json").json()
    assert shown["notes"] == "We agreed on Q2"
    assert shown["edits"][0]["author"] == "Daniel Okafor"
    assert run("-j", str(mine), "check").exit_code == 0


def test_check_names_a_public_file_that_links_to_a_private_goal(jrun: Run, journal: Path) -> None:
    """A link kept on the private side (a private change) is no problem; one written in a
    public file is, named with its file and field; the index and a read of every file agree."""
    assert jrun("goal", "add", "Secret plan", "--private").exit_code == 0
    assert jrun("reflect", "Public words").exit_code == 0
    public = handle_of(jrun, "reflection", "Public words")
    assert jrun("edit", public, "--set", "goal=secret-plan").exit_code == 0
    for env in ({}, {"MENTORLOG_NO_CACHE": "1"}):
        clean = jrun("check", env=env)
        assert clean.exit_code == 0 and "links to the private goal" not in clean.stdout
    day = journal / "reflections" / "2026"
    day.mkdir(parents=True, exist_ok=True)
    (day / "2026-03-01-open-note-opn0000000a1.toml").write_text(
        'id = "opn0000000a1"\ndate = 2026-03-01\ntext = "Open note"\ngoal = "secret-plan"\n'
        'author = "Sam Lee"\ncreated = 2026-03-01T10:00:00+00:00\n'
    )
    outputs = []
    for env in ({}, {"MENTORLOG_NO_CACHE": "1"}):
        found = jrun("check", env=env)
        assert found.exit_code == 3  # problems found
        assert "2026-03-01-open-note-opn0000000a1.toml" in found.stdout
        assert "links to the private goal 'secret-plan'" in found.stdout
        assert found.stdout.count("links to the private goal") == 1
        outputs.append(found.stdout)
    assert outputs[0] == outputs[1]
