"""The format on disk: exact bytes, stable re-saves, unknown fields kept, broken files."""

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, Run, edit_keeping_size_and_time, only_file, snapshot
from mentorlog import store
from mentorlog.model import Goal, Session
from mentorlog.reading import load_file

GOAL_TOML = '''id = "abc1234def56"
slug = "talk"
title = "Give a talk"
status = "active"
what = """
Two lines
of what"""
measure = "delivered"
due = 2027-01-10
created = 2026-11-01 09:30:00+01:00
tags = [
    "speaking",
]

[[milestones]]
title = "Outline"
due = 2026-12-01

[[checkins]]
date = 2026-11-02
progress = 10
note = "pitch sent"
'''


def test_exact_bytes_of_a_goal_file(tmp_path: Path) -> None:
    path = tmp_path / "goals" / "talk-abc1234def56.toml"
    path.parent.mkdir()
    path.write_text(GOAL_TOML)
    goal = load_file(tmp_path, path, Goal)
    assert store.dumps(store.to_document(goal)) == GOAL_TOML


def test_resaving_unchanged_data_leaves_the_file_untouched(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk", "--measure", "m", "--due", "2027-01-01", "-m", "Outline")
    path = only_file(journal / "goals")
    before = path.read_bytes()
    stat = path.stat()
    goal = load_file(journal, path, Goal)
    assert store.replace_file(path, store.dumps(store.to_document(goal))) is False
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_same_entry_same_bytes_whatever_the_key_order(tmp_path: Path) -> None:
    shuffled = (
        'due = 2027-01-10\ntitle = "Give a talk"\nzeta = 1\nalpha = "kept"\n'
        'created = 2026-11-01T09:30:00+01:00\nslug = "talk"\nid = "abc1234def56"\n'
    )
    path = tmp_path / "g.toml"
    path.write_text(shuffled)
    text = store.dumps(store.to_document(load_file(tmp_path, path, Goal)))
    assert text == (
        'id = "abc1234def56"\nslug = "talk"\ntitle = "Give a talk"\n'
        'status = "active"\ndue = 2027-01-10\ncreated = 2026-11-01 09:30:00+01:00\n'
        'alpha = "kept"\nzeta = 1\n'
    )


def test_a_change_never_rewrites_the_entry_file(jrun: Run, journal: Path) -> None:
    goal_file = journal / "goals" / "talk-abc1234def56.toml"
    goal_file.write_text(
        GOAL_TOML.replace('measure = "delivered"\n', 'measure = "delivered"\nmood = "keen"\n')
        + "energy = 7\n"
    )
    before = goal_file.read_bytes()
    assert jrun("goal", "progress", "talk", "50", "--note", "half").exit_code == 0
    assert goal_file.read_bytes() == before
    change = only_file(journal / "changes" / "goals")
    assert change.parent.name == "2026" and change.name.startswith("2026-11-23-")
    text = change.read_text()
    assert (
        'entry = "abc1234def56"\nchange = "checkin"\ndate = 2026-11-23\nprogress = 50\n'
        'note = "half"\ncreated = 2026-11-23 ' in text
    )
    shown = jrun("goal", "show", "talk", "--json").json()
    assert [c["progress"] for c in shown["checkins"]] == [10, 50]
    assert shown["progress"] == 50


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()),
    notes=st.text(max_size=200),
    topics=st.lists(st.text(max_size=20), max_size=3),
)
def test_any_text_round_trips_through_a_file(
    tmp_path_factory, title: str, notes: str, topics: list[str]
) -> None:
    root = tmp_path_factory.mktemp("rt")
    session = Session.validate(
        {
            "id": "abc1234def56",
            "created": "2026-11-01T09:30:00+01:00",
            "date": "2026-11-01",
            "title": title,
            "notes": notes,
            "topics": topics,
        }
    )
    path = root / "s.toml"
    text = store.dumps(store.to_document(session))
    path.write_text(text, encoding="utf-8")
    again = load_file(root, path, Session)
    assert again.as_dict() == session.as_dict()
    assert store.dumps(store.to_document(again)) == text


BROKEN = 'id = "abc1234def56"\ndate = 2026-11-01\nnotes = "unterminated\n'


def test_a_broken_file_is_named_skipped_with_one_warning_and_never_rewritten(
    jrun: Run, journal: Path
) -> None:
    jrun("session", "add", "--notes", "fine")
    broken = journal / "sessions" / "2026" / "2026-11-01-abc1234def56.toml"
    broken.write_text(BROKEN)
    before = snapshot(journal)
    for command in (["status"], ["session", "list"], ["action", "list"], ["goal", "list"]):
        result = jrun(*command)
        assert result.exit_code == 0, command
        if command != ["goal", "list"]:
            assert result.stderr.count("Warning: skipped") == 1
            assert f"{broken}:3" in result.stderr
    assert "fine" in jrun("session", "list").stdout
    assert snapshot(journal) == before
    check = jrun("check")
    assert check.exit_code == 3
    assert "sessions/2026/2026-11-01-abc1234def56.toml:3: not valid TOML" in check.stdout
    assert snapshot(journal) == before


def test_check_names_path_line_and_field(jrun: Run, journal: Path) -> None:
    (journal / "goals" / "talk-abc1234def56.toml").write_text(
        GOAL_TOML.replace("progress = 10", "progress = 140").replace(
            "due = 2027-01-10", 'due = "next year"'
        )
    )
    result = jrun("check", "--json")
    assert result.exit_code == 3
    problems = {(p["path"], p["line"], p["field"]) for p in result.json()["problems"]}
    assert ("goals/talk-abc1234def56.toml", 9, "due") in problems
    assert ("goals/talk-abc1234def56.toml", 21, "checkins.0.progress") in problems


def test_check_finds_missing_fields_bad_links_and_leaks(jrun: Run, journal: Path) -> None:
    (journal / "questions" / "q.toml").write_text(
        'id = "qqq111"\ndate = 2026-11-01\n'
        "created = 2026-11-01T10:00:00Z\n"
        'text = "Why?"\ngoal = "ghost"\n'
    )
    (journal / "reflections" / "r.toml").write_text('date = 2026-11-01\ntext = "no id"\n')
    (journal / "feedback" / "f.toml").write_text(
        'id = "fff111"\ndate = 2026-11-01\ndirection = "received"\nprivate = true\n'
        'created = 2026-11-01T10:00:00Z\ntext = "secret"\n'
    )
    out = jrun("check").stdout
    assert "questions/q.toml: goal: links to an unknown goal 'ghost'" in out
    assert "reflections/r.toml: id: is required but missing" in out
    assert "feedback/f.toml: private: marked private but stored outside private/" in out


def test_the_example_journal_passes_check(run: Run) -> None:
    result = run("-j", str(EXAMPLE), "check")
    assert result.exit_code == 0, result.stdout
    assert "no problems" in result.stdout


def test_hand_written_files_with_slug_links_are_read(jrun: Run, journal: Path) -> None:
    (journal / "goals" / "mine.toml").write_text(
        'id = "hand01"\nslug = "hand"\ntitle = "Handwritten"\ncreated = 2026-10-01T09:00:00Z\n'
    )
    (journal / "sessions" / "by-hand.toml").write_text(
        'id = "sess01"\ndate = 2026-10-02\nmentor = "Ana"\ngoals = ["hand"]\n'
        'created = 2026-10-02T09:00:00Z\nnotes = "typed by hand"\n'
    )
    assert jrun("check").exit_code == 0
    linked = jrun("goal", "show", "hand", "--json").json()["linked"]
    assert [e["id"] for e in linked] == ["sess01"]


def test_newer_format_is_refused_clearly(jrun: Run, journal: Path) -> None:
    config = journal / "mentorlog.toml"
    config.write_text(config.read_text().replace("format = 3", "format = 99"))
    result = jrun("status")
    assert result.exit_code == 1
    assert "mentorlog.toml:1: format:" in result.stderr and "upgrade" in result.stderr


def test_the_index_follows_hand_edits(jrun: Run, journal: Path) -> None:
    jrun("goal", "add", "Talk")
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Talk"
    path = only_file(journal / "goals")
    path.write_text(path.read_text().replace('title = "Talk"', 'title = "Keynote talk"'))
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Keynote talk"


def test_the_index_sees_a_same_size_edit_with_the_time_put_back(jrun: Run, journal: Path) -> None:

    jrun("goal", "add", "Talk")
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Talk"
    edit_keeping_size_and_time(only_file(journal / "goals"), 'title = "Talk"', 'title = "Tale"')
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Tale"


def test_the_index_sees_same_size_edits_of_the_configuration_and_relationship_changes(
    jrun: Run, journal: Path
) -> None:
    """mentorlog.toml and changes/mentors go through the index too (every command reads them)."""
    assert jrun("mentor", "add", "Dana Koch", "--cadence", "14").exit_code == 0
    status = jrun("status", "--json").json()
    assert status["owner"] == "Sam Lee"
    assert {m["mentor"] for m in status["meetings"]} == {"Ana Ruiz", "Dana Koch"}
    edit_keeping_size_and_time(journal / "mentorlog.toml", '"Sam Lee"', '"Sam Lea"')
    edit_keeping_size_and_time(
        only_file(journal / "changes" / "mentors"), '"Dana Koch"', '"Dina Koch"'
    )
    status = jrun("status", "--json").json()
    assert status["owner"] == "Sam Lea"
    assert {m["mentor"] for m in status["meetings"]} == {"Ana Ruiz", "Dina Koch"}


def test_the_index_follows_a_git_checkout_of_the_configuration(
    jrun: Run, journal: Path, git: Any
) -> None:
    git(journal, "init", "--quiet")
    git(journal, "add", "-A")
    git(journal, "commit", "--quiet", "-m", "one")
    config = journal / "mentorlog.toml"
    config.write_text(config.read_text().replace('"Sam Lee"', '"Sam Lea"'))
    git(journal, "commit", "--quiet", "-am", "two")
    assert jrun("status", "--json").json()["owner"] == "Sam Lea"
    git(journal, "checkout", "--quiet", "HEAD~1")
    assert jrun("status", "--json").json()["owner"] == "Sam Lee"


def test_the_index_follows_a_git_checkout(jrun: Run, journal: Path, git: Any) -> None:
    git(journal, "init", "--quiet")
    jrun("goal", "add", "Talk")
    git(journal, "add", "-A")
    git(journal, "commit", "--quiet", "-m", "one")
    path = only_file(journal / "goals")
    path.write_text(path.read_text().replace('title = "Talk"', 'title = "Tale"'))
    git(journal, "commit", "--quiet", "-am", "two")
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Tale"
    git(journal, "checkout", "--quiet", "HEAD~1")
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Talk"


@pytest.mark.parametrize(
    "damage",
    [
        "{ not json",
        "[]",
        '{"stamp": 1, "files": []}',
        '{"stamp": "3:x", "files": {"a": [1]}}',
        "\x00\xff",
        "[" * 5000 + "]" * 5000,
    ],
)
def test_a_damaged_index_of_any_shape_is_made_again(
    jrun: Run, journal: Path, isolated_user: Path, damage: str
) -> None:
    jrun("goal", "add", "Talk")
    jrun("status")
    caches = list((isolated_user / "cache" / "mentorlog").glob("*-index.sqlite*"))
    assert caches
    for cache in caches:
        cache.write_text(damage, encoding="utf-8", errors="surrogateescape")
    for _ in range(2):
        result = jrun("goal", "list", "--json")
        assert result.exit_code == 0 and result.stderr == ""
        assert result.json()["goals"][0]["title"] == "Talk"


def test_a_pipe_where_the_index_goes_blocks_nothing(
    jrun: Run, journal: Path, isolated_user: Path
) -> None:
    import os

    jrun("goal", "add", "Talk")
    jrun("status")
    for cache in (isolated_user / "cache" / "mentorlog").glob("*-index.sqlite*"):
        cache.unlink()
        os.mkfifo(cache)
    result = jrun("goal", "list", "--json")
    assert result.exit_code == 0 and result.json()["goals"][0]["title"] == "Talk"


def test_check_names_links_folders_and_pipes_among_entries(
    jrun: Run, journal: Path, tmp_path: Path
) -> None:
    import os

    jrun("ask", "Real?")
    outside = tmp_path / "outside.toml"
    outside.write_text(
        'id = "zzzzzzzzzzzz"\ndate = 2026-11-20\ntext = "elsewhere"\n'
        "created = 2026-11-20T10:00:00Z\n"
    )
    (journal / "questions" / "link.toml").symlink_to(outside)
    (journal / "goals" / "folder.toml").mkdir()
    os.mkfifo(journal / "sessions" / "pipe.toml")
    result = jrun("check")
    assert result.exit_code == 3
    for path, what in (
        ("questions/link.toml", "symbolic link"),
        ("goals/folder.toml", "folder named like an entry file"),
        ("sessions/pipe.toml", "not a regular file"),
    ):
        assert f"{path}: a {what}" in result.stdout or f"{path}: {what}" in result.stdout
    status = jrun("status", "--json")
    assert status.exit_code == 0
    assert [q["text"] for q in status.json()["questions"]] == ["Real?"]


# Any TOML document a person could write by hand: every key TOML allows, nested tables, lists
# of tables, and date-times to the microsecond with or without an offset.
toml_keys = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
toml_scalars = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(min_value=date(1, 1, 1)),
    st.times(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    ),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(toml_keys, inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    document=st.dictionaries(toml_keys, toml_values, max_size=6),
    blocks=st.lists(st.dictionaries(toml_keys, toml_scalars, min_size=1, max_size=3), max_size=3),
)
def test_any_document_round_trips_through_the_writer(document: dict, blocks: list) -> None:
    import tomllib

    if blocks:
        document = {**document, "milestones": blocks}
    assert tomllib.loads(store.dumps(document)) == document


def test_files_get_the_usual_mode_and_rewrites_keep_theirs(
    run: Run, fixture_journal: Path, jrun: Run, journal: Path
) -> None:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    assert jrun("ask", "Mode?").exit_code == 0
    assert only_file(journal / "questions").stat().st_mode & 0o777 == 0o666 & ~mask
    config = fixture_journal / "mentorlog.toml"
    config.chmod(0o640)
    assert run("-j", str(fixture_journal), "upgrade").exit_code == 0
    assert "format = 3" in config.read_text()
    assert config.stat().st_mode & 0o777 == 0o640


def test_many_files_that_do_not_load_are_one_summary(jrun: Run, journal: Path) -> None:
    for number in range(40):
        (journal / "questions" / f"2026-01-01-a{number:011d}.toml").write_text("")
    (journal / "questions" / "2026-01-01-bbbbbbbbbbbb.toml").write_text("text = [\n")
    result = jrun("status")
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 6, lines
    assert "the file is empty" in lines[0]
    assert "36 more files do not load" in lines[-1] and "mentorlog check" in lines[-1]
    listed = jrun("check")
    assert listed.stdout.count("2026-01-01-a") >= 40  # check still names every one


@pytest.mark.parametrize("length", [0, 1, 4095, 4096, 4097, 70_000])
def test_a_file_is_read_whole_whatever_size_its_stat_gave(tmp_path: Path, length: int) -> None:
    """The index reads a file by the size a stat gave: one grown or shrunk since is still read
    whole, to its end."""
    path = tmp_path / "entry.toml"
    path.write_bytes(bytes(range(256)) * (length // 256) + b"x" * (length % 256))
    for size in (length, 0, max(length - 10, 0), length + 10, length * 2):
        assert store.read_bytes(str(path), size) == path.read_bytes()
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    assert store.read_bytes(str(link), length) is None  # never through a symbolic link
