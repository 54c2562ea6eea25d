"""The cache only ever saves time: every reading command shows the same with it (built, then
warm) as without it, on generated journals of both shapes, after changes of every kind."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run, edit_keeping_size_and_time
from test_formats import reading_commands

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate


def arguments(command: str, journal: Path) -> list[str]:
    """What each reading command needs, taken from the generated journal itself."""
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    session = sorted((journal / "sessions").rglob("*.toml"))[0].stem.rsplit("-", 1)[1]
    extra = {
        "search": ["deadline"],
        "goal show": [goal],
        "session show": [session[:7]],
        "roster": [str(journal)],
    }.get(command, [])
    journal_option = [] if command == "roster" else ["-j", str(journal)]
    return [*journal_option, *shlex.split(command), *extra, "--format", "json"]


@pytest.mark.parametrize("mode", ["stress", "realistic"])
def test_every_reading_command_is_the_same_with_and_without_the_cache(
    run: Run, tmp_path: Path, isolated_user: Path, mode: str
) -> None:
    journal = tmp_path / "generated"
    generate(journal, 240, seed=11, mode=mode)
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    # Changes of several kinds, so the fold has work to do on top of the cached files.
    for change in (
        ["goal", "progress", goal, "55", "--note", "halfway"],
        ["goal", "milestone", goal, "Cached milestone", "--due", "in 2 weeks"],
        ["goal", "achieve", goal, "4"],
        ["ask", "Does the cache keep this?"],
        ["session", "add", "--notes", "After the cache was built", "--action", "Try again"],
        ["action", "edit", "Try again", "--text", "Try again, harder", "--due", "in 3 days"],
        ["goal", "edit", goal, "--title", "Edited after caching"],
        ["goal", "rename", goal, "renamed-after-caching"],
    ):
        assert run("-j", str(journal), *change).exit_code == 0, change
    commands = reading_commands()
    compared = []
    for command in commands:
        args = arguments(command, journal)
        without = run(*args, env={"MENTORLOG_NO_CACHE": "1"})
        built = run(*args)  # reads the files, writes the cache
        warm = run(*args)  # from the cache
        assert without.exit_code == built.exit_code == warm.exit_code, (command, without.stderr)
        if without.exit_code != 0:  # `log` outside git: the same refusal every time
            assert without.stderr == built.stderr == warm.stderr, command
            continue
        assert json.loads(without.stdout) == json.loads(built.stdout), command
        assert json.loads(built.stdout) == json.loads(warm.stdout), command
        compared.append(command)
    assert len(compared) >= 15
    assert list((isolated_user / "cache" / "mentorlog").glob("*.pickle"))


def test_no_cache_means_no_cache_file(jrun: Run, isolated_user: Path) -> None:
    off = {"MENTORLOG_NO_CACHE": "1"}
    assert jrun("ask", "Anything?", env=off).exit_code == 0
    assert jrun("status", env=off).exit_code == 0
    assert not list((isolated_user / "cache").rglob("*.pickle"))
    assert jrun("status").exit_code == 0
    assert list((isolated_user / "cache").rglob("*.pickle"))


def test_check_reads_again_what_changed_since_it_was_cached(jrun: Run, journal: Path) -> None:
    """`check` takes unchanged files from the cache (validated when cached) and reads every
    other one: a file broken after the cache was built is found, with its line."""
    assert jrun("goal", "add", "Speak at a meetup", "--measure", "one talk").exit_code == 0
    assert jrun("status").exit_code == 0  # builds the cache
    assert jrun("check").exit_code == 0
    goal = next((journal / "goals").glob("*.toml"))
    goal.write_text(goal.read_text().replace('title = "Speak', 'title = 12 "Speak'))
    for env in ({}, {"MENTORLOG_NO_CACHE": "1"}):
        result = jrun("check", env=env)
        assert result.exit_code == 3, env
        assert f"goals/{goal.name}:" in result.stdout, env


def test_a_cache_file_someone_else_owns_is_never_read(
    jrun: Run, journal: Path, isolated_user: Path
) -> None:
    """A pickle runs code when loaded: a cache file another user owns (a shared cache folder)
    is left alone and the files are read instead."""
    import os

    assert jrun("goal", "add", "Talk").exit_code == 0
    assert jrun("goal", "list").exit_code == 0
    cache = next((isolated_user / "cache" / "mentorlog").glob("*-goals.pickle"))
    # Poison it: a record claiming the goal's file holds another title.
    from mentorlog import cache as cache_module

    records = cache_module._read_cache(journal, "goals")
    assert records, "our own cache file is read"
    for _key, _kind, goal in records.values():
        goal.__dict__["title"] = "Planted"
    cache_module._write_cache(journal, "goals", records)
    assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Planted"  # ours: read
    if os.geteuid() == 0:
        os.chown(cache, 65534, 65534)  # now another user's
        assert jrun("goal", "list", "--json").json()["goals"][0]["title"] == "Talk"
    else:  # without root no file can be given away: ours is read, as above
        assert cache.stat().st_uid == os.geteuid()


def test_a_kinds_cache_is_kept_by_year_and_changes_go_to_its_delta(
    jrun: Run, journal: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sessions of two years: a first read writes a cache file per year; what changes after
    (a new session, a year's files removed) goes to the kind's delta, no year's file written,
    until the delta is full: then the years concerned are written once (a year left without
    sessions loses its file) and the delta goes. What is shown is always what the files say."""
    from mentorlog import cache

    for day in ("2024-03-01", "2025-03-01"):
        (journal / "sessions" / day[:4]).mkdir(parents=True, exist_ok=True)
        (journal / "sessions" / day[:4] / f"{day}-hand{day[:4]}.toml").write_text(
            f'id = "hand{day[:4]}"\ndate = {day}\nmentor = "Ana"\n'
            f'created = {day}T10:00:00Z\nnotes = "Met {day}"\n'
        )
    assert jrun("session", "list", "--json").exit_code == 0
    folder = isolated_user / "cache" / "mentorlog"

    def files() -> dict[str, tuple[int, int]]:
        return {
            p.name.split("-", 1)[1]: (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.glob("*-sessions*.pickle")
        }

    def dates() -> list[str]:
        listed = jrun("session", "list", "--json").json()["sessions"]
        return sorted(s["date"] for s in listed)

    years = files()
    assert set(years) == {"sessions.2024.pickle", "sessions.2025.pickle"}
    assert jrun("session", "add", "--date", "2025-05-01", "--notes", "Met again").exit_code == 0
    assert dates() == ["2024-03-01", "2025-03-01", "2025-05-01"]
    assert {k: v for k, v in files().items() if k != "sessions.delta.pickle"} == years
    assert "sessions.delta.pickle" in files()
    for path in (journal / "sessions" / "2024").glob("*.toml"):
        path.unlink()
    assert dates() == ["2025-03-01", "2025-05-01"]
    assert {k: v for k, v in files().items() if k != "sessions.delta.pickle"} == years
    assert dates() == ["2025-03-01", "2025-05-01"]  # warm, from the delta
    # A full delta: the years it touches are written, the one left empty removed.
    monkeypatch.setattr(cache, "DELTA_KEPT", 2)
    assert jrun("session", "add", "--date", "2025-06-01", "--notes", "Met once more").exit_code == 0
    assert dates() == ["2025-03-01", "2025-05-01", "2025-06-01"]
    after = files()
    assert set(after) == {"sessions.2025.pickle"}
    assert after["sessions.2025.pickle"] != years["sessions.2025.pickle"]
    assert dates() == ["2025-03-01", "2025-05-01", "2025-06-01"]
    with_cache = jrun("session", "list", "--json").stdout
    assert jrun("session", "list", "--json", env={"MENTORLOG_NO_CACHE": "1"}).stdout == with_cache


@pytest.mark.parametrize("kept", [3, 4096])
def test_files_changed_after_the_cache_was_built_read_the_same_through_its_delta(
    run: Run, tmp_path: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch, kept: int
) -> None:
    """After the cache was built, files change in every way, by mentorlog and by hand, in
    every year: every reading command shows what a read without the cache shows, built and
    warm, with the changes kept in the kinds' deltas (4,096) or the deltas filled and the
    years' files written again and again (3)."""
    import os
    import random

    from mentorlog import cache

    monkeypatch.setattr(cache, "DELTA_KEPT", kept)
    journal = tmp_path / "generated"
    generate(journal, 240, seed=13, mode="realistic")
    folder = isolated_user / "cache" / "mentorlog"
    commands = reading_commands()

    def compare() -> None:
        for command in commands:
            args = arguments(command, journal)
            without = run(*args, env={"MENTORLOG_NO_CACHE": "1"})
            built, warm = run(*args), run(*args)
            assert without.exit_code == built.exit_code == warm.exit_code, command
            if without.exit_code == 0:
                assert json.loads(without.stdout) == json.loads(built.stdout), command
                assert json.loads(built.stdout) == json.loads(warm.stdout), command

    assert run("-j", str(journal), "status").exit_code == 0  # builds the cache
    entries = sorted(
        p for p in journal.rglob("*.toml") if p.name != "mentorlog.toml" and p.parent != journal
    )
    # Several kinds, each kept by year (see cache._shard).
    assert len({(p.relative_to(journal).parts[0], p.name[:4]) for p in entries}) > 8
    picked = random.Random(3).sample(entries, 12)
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    # By mentorlog: a check-in, a session with an action item, a question.
    for change in (
        ["goal", "progress", goal, "45"],
        ["session", "add", "--notes", "After the cache", "--action", "Delta item"],
        ["ask", "Kept in the delta?"],
    ):
        assert run("-j", str(journal), *change).exit_code == 0, change
    assert run("-j", str(journal), "status").exit_code == 0
    # By hand, across the years: edited, removed, moved to another name, one broken, one
    # edited to the same size with its modification time put back.
    for path in picked[:4]:
        path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", "utf-8")
    for path in picked[4:6]:
        path.unlink()
    picked[6].rename(picked[6].with_name("2019-01-01-" + picked[6].name))
    picked[7].write_text("this is = = not toml\n", encoding="utf-8")
    same = picked[8]
    before = same.stat()
    text = same.read_text(encoding="utf-8")
    swapped = text.replace('"', "'", 2) if text.count('"') >= 2 else text + "#"
    same.write_text(swapped[: len(text)] if len(swapped) > len(text) else swapped, "utf-8")
    os.utime(same, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert run("-j", str(journal), "status").exit_code == 0
    compare()
    # Removed files come back (a `git checkout`), and mentorlog writes again.
    picked[4].write_text("", encoding="utf-8")
    picked[4].unlink()
    assert run("-j", str(journal), "ask", "And after that?").exit_code == 0
    compare()
    deltas = list(folder.glob("*.delta.pickle"))
    if kept == 4096:
        assert deltas  # the changes were kept there
    assert list(folder.glob("*-sessions.*.pickle"))  # the years' files are there too


def test_a_cache_of_another_version_is_written_again_not_kept_in_a_delta(
    run: Run, tmp_path: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another version's cache files are all stale: the first read reads every file anew and
    writes the years' files again, for the new version, rather than a delta as large as the
    journal beside years' files no one can read."""
    from mentorlog import cache

    journal = tmp_path / "generated"
    generate(journal, 240, seed=17, mode="realistic")
    assert run("-j", str(journal), "session", "list", "--json").exit_code == 0
    folder = isolated_user / "cache" / "mentorlog"
    years = sorted(p.name for p in folder.glob("*-sessions.*.pickle"))
    assert len(years) >= 2
    real = cache._stamp()
    monkeypatch.setattr(cache, "_stamp", lambda: real + ":another")
    listed = run("-j", str(journal), "session", "list", "--json").stdout
    assert not list(folder.glob("*.delta.pickle"))
    assert sorted(p.name for p in folder.glob("*-sessions.*.pickle")) == years
    sessions = cache._read_kind(journal, "sessions")
    assert len(sessions) == len(list((journal / "sessions").rglob("*.toml")))
    without = run("-j", str(journal), "session", "list", "--json", env={"MENTORLOG_NO_CACHE": "1"})
    assert json.loads(listed) == json.loads(without.stdout)


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05K\x01."])
def test_a_damaged_delta_only_means_reading_its_files_again(
    run: Run, tmp_path: Path, isolated_user: Path, damage: bytes
) -> None:
    """A delta emptied, overwritten or of another shape is left aside: the files it held are
    read again, what is shown is what they say, and the next delta is whole."""
    from mentorlog import cache

    journal = tmp_path / "generated"
    generate(journal, 240, seed=19, mode="realistic")
    assert run("-j", str(journal), "status").exit_code == 0  # years' files
    sessions = sorted((journal / "sessions").rglob("*.toml"))
    sessions[0].write_text(
        sessions[0].read_text(encoding="utf-8").replace('notes = "', 'notes = "Edited. '),
        encoding="utf-8",
    )
    sessions[1].unlink()
    assert run("-j", str(journal), "session", "list", "--json").exit_code == 0
    delta = next((isolated_user / "cache" / "mentorlog").glob("*-sessions.delta.pickle"))
    assert len(cache._read_delta(journal, "sessions").files) == 1
    delta.write_bytes(damage)
    listed = run("-j", str(journal), "session", "list", "--json")
    without = run("-j", str(journal), "session", "list", "--json", env={"MENTORLOG_NO_CACHE": "1"})
    assert listed.exit_code == 0 and json.loads(listed.stdout) == json.loads(without.stdout)
    again = cache._read_delta(journal, "sessions")
    assert list(again.files) == [sessions[0].relative_to(journal).as_posix()]
    assert again.gone == {sessions[1].relative_to(journal).as_posix()}


def test_a_change_to_one_cached_part_touches_no_other(
    jrun: Run, journal: Path, isolated_user: Path
) -> None:
    """The cache makes parts with equal private values (who set them, from which change file)
    share them: a change to one milestone, action or goal loaded from the cache must leave every
    other as its files say, warm exactly as without the cache."""
    (journal / "goals" / "talk-hand01.toml").write_text(
        'id = "hand01talk"\nslug = "talk"\ntitle = "Give a talk"\n'
        "created = 2026-09-01T09:00:00Z\n"
        '[[milestones]]\ntitle = "Outline"\ndone = 2026-10-01\n'
        '[[milestones]]\ntitle = "Draft"\ndone = 2026-10-05\n'
        '[[milestones]]\ntitle = "Rehearse"\n'
    )
    (journal / "goals" / "blog-hand02.toml").write_text(
        'id = "hand02blog"\nslug = "blog"\ntitle = "Write a post"\n'
        "created = 2026-09-01T09:00:00Z\n"
        '[[milestones]]\ntitle = "Pick a topic"\ndone = 2026-10-02\n'
    )
    assert (
        jrun(
            "session",
            "add",
            "--notes",
            "Plan",
            "--action",
            "Book a room",
            "--action",
            "Ask for slides",
        ).exit_code
        == 0
    )
    assert jrun("status").exit_code == 0  # the cache now holds all of it
    for change in (
        ["goal", "achieve", "talk", "3"],
        ["goal", "edit", "talk", "--title", "Give a great talk"],
        ["goal", "rename", "blog", "writing"],
        ["action", "edit", "Book a room", "--text", "Book the big room"],
    ):
        assert jrun(*change).exit_code == 0, change
    session = jrun("session", "list", "--json").json()["sessions"][0]["id"]
    for command in (
        ["session", "show", session],
        ["timeline"],
        ["goal", "show", "talk"],
        ["goal", "show", "writing"],
        ["action", "list", "--all"],
        ["status"],
    ):
        args = [*command, "--format", "json"]
        without = jrun(*args, env={"MENTORLOG_NO_CACHE": "1"})
        assert without.exit_code == 0, (command, without.stderr)
        for _ in range(2):  # building the cache, then warm
            assert jrun(*args).json() == without.json(), command
    rows = jrun("timeline", "--json").json()["entries"]
    reached = {r["title"]: r["path"] for r in rows if r["kind"] == "milestone"}
    assert reached["Give a great talk: reached 'Outline'"] == "goals/talk-hand01.toml"
    assert reached["Write a post: reached 'Pick a topic'"] == "goals/blog-hand02.toml"
    assert reached["Give a great talk: reached 'Rehearse'"].startswith("changes/goals/")
    actions = jrun("session", "show", session, "--json").json()["actions"]
    assert [len(a["history"]) for a in actions] == [1, 0]


# Runs mentorlog in this process, then says which validation modules it imported.
IMPORTS_OF_A_RUN = """
import runpy, sys
sys.argv = ["mentorlog", *sys.argv[1:]]
try:
    runpy.run_module("mentorlog", run_name="__main__")
except SystemExit as exit:
    print("exit:", exit.code, file=sys.stderr)
found = {name.split(".")[0] for name in sys.modules} & {"pydantic", "pydantic_core"}
print("imported:", sorted(found), file=sys.stderr)
"""


# Runs mentorlog in this process, then says whether pydantic searched for plugins.
PLUGIN_SEARCH_OF_A_RUN = """
import runpy, sys
sys.argv = ["mentorlog", *sys.argv[1:]]
try:
    runpy.run_module("mentorlog", run_name="__main__")
except SystemExit as exit:
    print("exit:", exit.code, file=sys.stderr)
print("validated:", "pydantic_core" in sys.modules, file=sys.stderr)
print("searched:", "importlib.metadata" in sys.modules, file=sys.stderr)
"""


def test_validation_never_searches_for_pydantic_plugins(tmp_path: Path) -> None:
    """pydantic's search for plugins (every installed package's entry points) cost a tenth of
    a write; mentorlog gives it none (schema._without_plugins), and still validates."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    bad = journal / "questions" / "2026-11-20-badvalue0001.toml"
    for arguments in (
        ["goal", "progress", goal, "30"],
        ["ask", "Anything else?"],
        ["status"],  # reads the files anew: the cache is cold
    ):
        run = subprocess.run(
            [sys.executable, "-c", PLUGIN_SEARCH_OF_A_RUN, "-j", str(journal), *arguments],
            capture_output=True,
            text=True,
            env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
            timeout=60,
        )
        assert "exit: 0" in run.stderr or "exit:" not in run.stderr, run.stderr
        assert "validated: True" in run.stderr, arguments
        assert "searched: False" in run.stderr, (arguments, run.stderr)
    # Validation still refuses what it must, naming the field.
    bad.write_text('id = "badvalue0001"\ncreated = 2026-11-20T10:00:00Z\ndate = "soon"\n')
    check = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-j", str(journal), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
        timeout=60,
    )
    assert check.returncode != 0
    assert "2026-11-20-badvalue0001.toml" in check.stdout + check.stderr
    assert "date" in check.stdout + check.stderr


def test_a_warm_read_never_imports_pydantic(tmp_path: Path) -> None:
    """Files are validated once, when cached; a read of cached files holds plain objects only.
    A file changed since is validated again (and its new text shown)."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)

    def status() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", IMPORTS_OF_A_RUN, "-j", str(journal), "status", "--json"],
            capture_output=True,
            text=True,
            env={**os.environ, "MENTORLOG_TODAY": "2026-11-23"},
            timeout=60,
        )

    building, warm = status(), status()
    assert "imported: ['pydantic', 'pydantic_core']" in building.stderr
    assert "imported: []" in warm.stderr
    assert json.loads(warm.stdout) == json.loads(building.stdout)
    question = sorted((journal / "questions").glob("*.toml"))[-1]
    text = question.read_text(encoding="utf-8")
    old = text.split('text = "', 1)[1].split('"', 1)[0]
    question.write_text(text.replace(old, "Rewritten by hand?"), encoding="utf-8")
    changed = status()
    # Validated by pydantic-core with the schemas the first run kept (see validation.py).
    assert "imported: ['pydantic_core']" in changed.stderr
    assert "Rewritten by hand?" in {q["text"] for q in json.loads(changed.stdout)["questions"]}


def test_text_the_cache_keeps_packed_reads_as_the_file_says(
    jrun: Run, journal: Path, isolated_user: Path
) -> None:
    """The cache packs the fields dashboards never read (a session's notes, a reflection's
    text…) and unpacks them when asked: each shows as its file says, warm as without the
    cache, and a value set on an entry before its packed fields were read is never undone by
    them."""
    import pickle

    from mentorlog.journal import Journal

    for command in (
        [
            "session",
            "add",
            "--title",
            "Packed title",
            "--notes",
            "Notes\nin two lines",
            "--topic",
            "cache",
            "--tag",
            "kept",
            "--rating",
            "4",
            "--action",
            "Stay open",
        ],
        ["reflect", "What I learnt about caches", "--tag", "kept"],
        [
            "feedback",
            "add",
            "--received",
            "--from",
            "Ana",
            "--situation",
            "At the demo",
            "--behaviour",
            "Slides were clear",
            "--strength",
            "clarity",
        ],
        ["ask", "Is the cache ever wrong?"],
    ):
        assert jrun(*command).exit_code == 0, command
    commands = [
        ["session", "list", "--json"],
        ["search", "cache", "--json"],
        ["search", "clarity", "--json"],
        ["timeline", "--json"],
        ["feedback", "list", "--json"],
        ["export", "--format", "json"],
    ]
    without = [jrun(*c, env={"MENTORLOG_NO_CACHE": "1"}).json() for c in commands]
    assert without[-1]["sessions"][0]["notes"] == "Notes\nin two lines"
    jrun("status")  # builds the cache
    assert [jrun(*c).json() for c in commands] == without  # warm

    sessions = Journal(journal).load(["session"], packed=True).sessions  # from the cache
    assert "notes" not in vars(sessions[-1])
    assert sessions[-1].notes == "Notes\nin two lines"  # unpacked on first read
    reflection = Journal(journal).load(["reflection"], packed=True).reflections[-1]
    assert "text" not in vars(reflection)
    reflection.text = "Set before reading"
    assert reflection.tags == ["kept"]  # unpacks…
    assert reflection.text == "Set before reading"  # …without undoing what was set
    again = pickle.loads(pickle.dumps(reflection))
    assert again.fields() == reflection.fields()
    assert Journal(journal).load(["reflection"]).reflections[-1].text == (
        "What I learnt about caches"
    )


def test_a_large_journal_walked_by_a_second_process_reads_the_same(
    run: Run, tmp_path: Path, isolated_user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a size, a forked child walks the folders while the cache is read (walk_ahead.py):
    every dashboard then shows what a read without the cache shows, after files changed,
    appeared and went since the cache was written."""
    from mentorlog import cache, walk_ahead

    journal = tmp_path / "generated"
    generate(journal, 240, seed=5, mode="realistic")
    monkeypatch.setattr(cache, "WALK_AHEAD_FROM", 0)  # this journal is small
    monkeypatch.setattr(walk_ahead, "_cores", lambda: 2)  # and CI may have one processor
    taken: list[str] = []
    real_take = walk_ahead.WalkAhead.take

    def take(self: walk_ahead.WalkAhead, folder: str) -> walk_ahead.Walked | None:
        found = real_take(self, folder)
        if found is not None:
            taken.append(folder)
        return found

    monkeypatch.setattr(walk_ahead.WalkAhead, "take", take)
    goal = sorted((journal / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    commands = [["status"], ["agenda"], ["goal", "show", goal], ["timeline"], ["report"]]

    def compare() -> None:
        for command in commands:
            args = ["-j", str(journal), *command, "--format", "json"]
            without = run(*args, env={"MENTORLOG_NO_CACHE": "1"})
            assert without.exit_code == 0, without.stderr
            assert json.loads(run(*args).stdout) == json.loads(without.stdout), command

    assert run("-j", str(journal), "status").exit_code == 0  # builds the cache
    compare()
    assert "sessions" in taken and "changes/goals" in taken
    # Changed since: one session rewritten, one removed, a question and a check-in added.
    sessions = sorted((journal / "sessions").rglob("*.toml"))
    text = sessions[0].read_text(encoding="utf-8")
    sessions[0].write_text(text.replace('mentor = "', 'mentor = "Re'), encoding="utf-8")
    sessions[1].unlink()
    assert run("-j", str(journal), "ask", "Walked ahead?").exit_code == 0
    assert run("-j", str(journal), "goal", "progress", goal, "40").exit_code == 0
    taken.clear()
    compare()
    assert taken
    # One processor: the child would only take turns with this process, so none is made.
    monkeypatch.setattr(walk_ahead, "_cores", lambda: 1)
    taken.clear()
    compare()
    assert not taken


def test_the_walk_ahead_finds_what_the_walk_here_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child's report of a folder (paths in order, each file's stat) equals the walk done
    in this process, names that are not UTF-8 and private files included; a report that does
    not parse is none at all (the caller then walks the folder itself)."""
    from mentorlog import cache, walk_ahead

    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    odd = os.fsencode(journal / "questions") + b"/2026-01-01-\xff\xfename.toml"
    with open(odd, "wb") as file:
        file.write(b'id = "x"\n')
    private = journal / "private" / "questions"
    private.mkdir(parents=True)
    (private / "2026-02-02-hidden.toml").write_text('id = "y"\n', encoding="utf-8")
    folders = ["goals", "questions", "sessions", "changes/goals", "nothing-here"]
    monkeypatch.setattr(walk_ahead, "_cores", lambda: 2)  # CI may have one processor
    ahead = walk_ahead.WalkAhead(journal, folders, True, cache.stat_key, 32)
    try:
        for folder in folders:
            here = list(walk_ahead.walk(journal, folder, True, cache.stat_key))
            taken = ahead.take(folder)
            assert taken is not None, folder
            assert list(zip(*taken, strict=True)) == here, folder
        questions = [p for p, _ in walk_ahead.walk(journal, "questions", True, cache.stat_key)]
        assert "private/questions/2026-02-02-hidden.toml" in questions
        assert any("\udcff\udcfename" in path for path in questions)
    finally:
        ahead.close()
    assert walk_ahead._parse(b"\x05\x00garbage", ["goals"], 32) == {}
    assert walk_ahead._parse(b"", ["goals"], 32) == {}


@pytest.mark.parametrize("ways", [2, 3, 4])
def test_children_walking_their_shares_find_what_one_walk_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ways: int
) -> None:
    """Children walking a share of the folders each (WalkAhead's `ways`) report every file
    once, with its stat, as one walk here does: files at the top of a folder, in sub-folders
    at any depth (many sub-folders split between them, a few walked by each, its share of
    their files), private ones, and a name that is not UTF-8."""
    from mentorlog import cache, store, walk_ahead

    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal)
    for year in range(2000, 2031):
        folder = journal / "sessions" / str(year) / "deeper"
        folder.mkdir(parents=True)
        (folder.parent / f"{year}-01-01-a.toml").write_text('id = "a"\n')
        (folder / f"{year}-01-02-b.toml").write_text('id = "b"\n')
    (journal / "sessions" / "at-the-top.toml").write_text('id = "c"\n')
    odd = os.fsencode(journal / "sessions") + b"/\xff\xfe-odd"
    os.mkdir(odd)
    with open(odd + b"/2026-01-01-odd.toml", "wb") as file:
        file.write(b'id = "x"\n')
    private = journal / "private" / "sessions" / "2026"
    private.mkdir(parents=True)
    (private / "2026-02-02-hidden.toml").write_text('id = "y"\n')
    # A folder of a few sub-folders: each child walks each of them, its share of their files.
    for n in range(40):
        (private / f"2026-03-{n:02}-many.toml").write_text(f'id = "m{n}"\n')
    (journal / "private" / "sessions" / "top.toml").write_text('id = "z"\n')
    folders = ["sessions", "changes/sessions", "nothing-here"]
    monkeypatch.setattr(walk_ahead, "_cores", lambda: 2)  # CI may have one processor
    ahead = walk_ahead.WalkAhead(journal, folders, True, cache.stat_key, 32, False, ways)
    try:
        for folder in folders:
            here = list(walk_ahead.walk(journal, folder, True, cache.stat_key))
            taken = ahead.take(folder)
            assert taken is not None, folder
            paths, keys = taken
            assert len(paths) == len(set(paths)) == len(here), folder
            assert dict(zip(paths, keys, strict=True)) == dict(here), folder
    finally:
        ahead.close()
    assert len(dict(walk_ahead.walk(journal, "sessions", True, cache.stat_key))) > 60
    # Each share has its part of the many files of one folder, and of the many year folders.
    shares = [
        [path for path, _ in store.walk_entry_files(journal, "sessions", True, False, (k, ways))]
        for k in range(ways)
    ]
    # (Some of each, not a set number: a file's share is its name's hash(), whose seed
    # changes from run to run.)
    for share in shares:
        assert any(path.startswith("private/sessions/2026/") for path in share)
        assert any(path.startswith("sessions/20") for path in share)
    assert sorted(p for share in shares for p in share) == sorted(
        path for path, _ in store.walk_entry_files(journal, "sessions")
    )


def test_entries_recorded_twice_are_found_without_unpacking_their_text(
    jrun: Run, journal: Path, isolated_user: Path
) -> None:
    """A session, reflection or feedback saved twice (two machines before a sync) is found from
    the cache as without it, a copy's text differing only by spaces around it; entries of the
    same day that differ stay apart, and a dashboard's read leaves their text packed."""
    from mentorlog.journal import Journal

    day = "--date=2026-11-20"
    assert jrun("session", "add", day, "--title", "Twice", "--notes", "Same notes").exit_code == 0
    assert jrun("session", "add", day, "--title", "Twice", "--notes", "Other notes").exit_code == 0
    assert jrun("reflect", "Same thought", day).exit_code == 0
    assert jrun("reflect", "Another thought", day).exit_code == 0
    feedback = ["feedback", "add", "--received", "--from", "Ana", day, "--situation", "Demo"]
    for behaviour in ("Clear slides", "Clear slides", "Rushed the end"):
        assert jrun(*feedback, "--behaviour", behaviour).exit_code == 0
    for folder, said in (("sessions", "Same notes"), ("reflections", "Same thought")):
        original = next(p for p in (journal / folder).rglob("*.toml") if said in p.read_text())
        entry_id = original.stem.rsplit("-", 1)[1]
        text = original.read_text(encoding="utf-8").replace(entry_id, "copy0twice00")
        copy = original.with_name(original.name.replace(entry_id, "copy0twice00"))
        copy.write_text(text.replace(said, f"  {said}\\n"), encoding="utf-8")

    def duplicates(**env: str) -> list[str]:
        warnings = jrun("status", "--json", env=env).json()["warnings"]
        return sorted(w["message"] for w in warnings if w["kind"] == "duplicate")

    without = duplicates(MENTORLOG_NO_CACHE="1")
    assert [m.split(" of ")[0] for m in without] == ["A feedback", "A reflection", "A session"]
    assert duplicates() == without  # builds the cache
    assert duplicates() == without  # warm
    entries = Journal(journal).load(packed=True)
    assert [s.title for s in entries.sessions] == ["Twice", "Twice"]
    assert len(entries.reflections) == 2
    kept_packed = [e for e in (*entries.sessions, *entries.reflections) if e._packed is not None]
    assert len(kept_packed) == 2  # the two that have no copy were never unpacked


def test_kinds_the_dashboard_only_counts_are_read_from_a_summary_only_while_it_is_true(
    run: Run, tmp_path: Path, isolated_user: Path
) -> None:
    """`status` reads reflections and feedback from a summary kept beside the cache (how many,
    the latest, who wrote them, which were recorded twice) while it describes exactly the
    files there are and no change file changes them: after every kind of change it shows what
    a read without the cache shows, and the summary is used again once rewritten."""
    from mentorlog.journal import LATEST_KEPT, Journal
    from mentorlog.report.status import COUNTED, RECENT

    assert RECENT <= LATEST_KEPT  # the summary keeps what recent activity can show
    journal = tmp_path / "generated"
    generate(journal, 240, seed=3, mode="stress")
    cache_folder = isolated_user / "cache" / "mentorlog"

    goals = sorted((journal / "goals").glob("*.toml"))
    linked = next(
        g
        for g in goals
        if any(g.stem[-12:] in r.read_text() for r in (journal / "reflections").rglob("*.toml"))
    )
    goal = linked.stem.rsplit("-", 1)[0]

    def status(**env: str) -> tuple[int, dict[str, object], str]:
        result = run("-j", str(journal), "status", "--json", env=env)
        shown = run("-j", str(journal), "goal", "show", goal, "--json", env=env)
        assert shown.exit_code == 0, shown.stderr
        return result.exit_code, {**json.loads(result.stdout), "goal": shown.json()}, result.stderr

    def summarized() -> bool:
        entries = Journal(journal).load(packed=True, counted=COUNTED)
        read = len(entries.reflections) < entries.count("reflection")
        return read and len(entries.feedback) < entries.count("feedback")

    def compare(uses_summary: bool = True) -> dict[str, object]:
        without = status(MENTORLOG_NO_CACHE="1")
        assert status() == without  # what changed is read, the summary written anew
        assert status() == without  # from the summary where it is true
        assert summarized() is uses_summary
        return without[1]

    first = compare()
    counts = first["counts"]
    assert isinstance(counts, dict) and counts["reflections"] > LATEST_KEPT
    assert list(cache_folder.glob("*-summary-reflections.pickle"))
    linked_kinds = [row["kind"] for row in first["goal"]["linked"]]  # type: ignore[index]
    assert "reflection" in linked_kinds  # goal show finds them through the summary

    # A reflection linked by hand with the goal's slug.
    assert run("-j", str(journal), "reflect", "Linked by hand").exit_code == 0
    by_hand = next(
        r for r in (journal / "reflections").rglob("*.toml") if "Linked by hand" in r.read_text()
    )
    by_hand.write_text(by_hand.read_text() + f'goal = "{goal}"\n')
    by_hand_shown = compare()
    titles = [row["title"] for row in by_hand_shown["goal"]["linked"]]  # type: ignore[index]
    assert "Linked by hand" in titles
    counts = by_hand_shown["counts"]
    assert isinstance(counts, dict)

    # A new reflection: the latest, shown in recent activity.
    assert run("-j", str(journal), "reflect", "Counted after the summary").exit_code == 0
    shown = compare()
    assert shown["counts"]["reflections"] == counts["reflections"] + 1  # type: ignore[index]
    latest = max((journal / "reflections").rglob("*.toml"), key=os.path.getmtime)

    # Edited in place to the same size with its modification time put back.
    edit_keeping_size_and_time(latest, "Counted after", "Counted later")
    compare()
    kept = Journal(journal).load(packed=True, counted=COUNTED).reflections  # the summary's
    assert "Counted later the summary" in [reflection.text for reflection in kept]

    # Removed; a feedback recorded twice; a private reflection.
    latest.unlink()
    original = sorted((journal / "feedback").rglob("*.toml"))[-1]
    entry_id = original.stem.rsplit("-", 1)[1]
    copy = original.with_name(original.name.replace(entry_id, "copy0twice00"))
    copy.write_text(original.read_text().replace(entry_id, "copy0twice00"))
    assert run("-j", str(journal), "reflect", "Mine alone", "--private").exit_code == 0
    shown = compare()
    assert shown["counts"] == {**counts, "reflections": counts["reflections"] + 1}
    assert any(w["kind"] == "duplicate" for w in shown["warnings"])  # type: ignore[attr-defined]

    # A change to a reflection (a public one linked to a private goal): read whole while it is.
    assert run("-j", str(journal), "goal", "add", "Hidden", "--private").exit_code == 0
    assert run("-j", str(journal), "reflect", "Linked", "--goal", "hidden").exit_code == 0
    assert list((journal / "private" / "changes" / "reflections").rglob("*.toml"))
    compare(uses_summary=False)
    shutil.rmtree(journal / "private" / "changes" / "reflections")

    # A reflection that does not load is named every time, never hidden by the summary.
    broken = journal / "reflections" / "2020" / "2020-01-01-broken0000000.toml"
    broken.parent.mkdir(exist_ok=True)
    broken.write_text('text = "unterminated\n')
    code, _, said = status()
    assert code == 0 and "2020-01-01-broken0000000.toml" in said
    assert status() == status(MENTORLOG_NO_CACHE="1")
    broken.unlink()
    compare()

    # A copy filed under another year's name (a date edited by hand): the summary's parts
    # then share days, and the kind is read whole, its copy found.
    original = sorted((journal / "reflections").rglob("*.toml"))[0]
    entry_id = original.stem.rsplit("-", 1)[1]
    moved = journal / "reflections" / "2031-01-01-copy0twice01.toml"
    moved.write_text(original.read_text().replace(entry_id, "copy0twice01"))
    shown = compare(uses_summary=False)
    copies = [w["subject"] for w in shown["warnings"] if w["kind"] == "duplicate"]  # type: ignore[attr-defined]
    assert entry_id in copies or "copy0twice01" in copies
    moved.unlink()
    compare()

    # A damaged summary is rebuilt without a word.
    summary = next(cache_folder.glob("*-summary-feedback.pickle"))
    summary.write_bytes(b"garbage")
    assert status()[2] == ""
    compare()


@pytest.mark.parametrize(("cores", "shares"), [(2, 2), (3, 2), (4, 3), (5, 4), (64, 4)])
def test_a_large_kind_is_walked_in_shares_by_the_processors_free(
    monkeypatch: pytest.MonkeyPatch, cores: int, shares: int
) -> None:
    """Two children on two processors; one per processor this process leaves free, up to
    four, on more."""
    from mentorlog import walk_ahead

    monkeypatch.setattr(walk_ahead, "_cores", lambda: cores)
    assert walk_ahead.shares() == shares
