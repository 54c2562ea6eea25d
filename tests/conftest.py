"""Fixtures: a fresh, isolated user (data, cache, today) and a journal made by the real CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from mentorlog.cli import app

TODAY = "2026-11-23"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "journal"

# In CI the property and fuzz tests replay the same examples every run (a new bug they find
# shows up on a developer's machine, not as a flaky CI run); locally they explore.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("MENTORLOG_CACHE_DIR", str(home / "cache" / "mentorlog"))
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY)
    monkeypatch.delenv("MENTORLOG_JOURNAL", raising=False)
    monkeypatch.delenv("MENTORLOG_DEBUG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A screen's size comes from its terminal (pytest-xdist's workers set these two).
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def run() -> Run:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def journal(tmp_path: Path, run: Run) -> Path:
    root = tmp_path / "journal"
    result = run("init", str(root), "--owner", "Sam Lee", "--mentor", "Ana Ruiz", "--cadence", "30")
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def jrun(run: Run, journal: Path) -> Run:
    """Run a command against the test journal."""

    def invoke(*args: str, **kwargs: Any) -> Result:
        return run("-j", str(journal), *args, **kwargs)

    return invoke


@pytest.fixture
def history(run: Run, tmp_path: Path) -> Path:
    """The hand-worked journal of tests/builders.py."""
    from builders import build_history  # builders imports this module

    return build_history(run, tmp_path / "history")


def screen_env(columns: int) -> dict[str, str]:
    """A screen of this many columns (FORCE_COLOR draws as on a terminal): see `unstyled`."""
    return {"FORCE_COLOR": "1", "COLUMNS": str(columns), "TERM": "xterm-256color"}


_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def unstyled(text: str) -> str:
    """A screen's text without its colours (what a person reads)."""
    return _STYLE.sub("", text)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a journal and its bytes, to prove a command changed nothing."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def current(root: Path, kind: str, private: bool = True) -> list[Any]:
    """The entries of one kind as the journal says they are now (their files, then changes)."""
    from mentorlog.journal import Journal

    return Journal(root).load([kind], use_cache=False, include_private=private).of_kind(kind)


def only_file(folder: Path) -> Path:
    files = [p for p in folder.rglob("*.toml")]
    assert len(files) == 1, files
    return files[0]


# --- git ---------------------------------------------------------------------------------------

Git = Callable[..., str]


@pytest.fixture
def git(isolated_user: Path) -> Git:
    """Run real git in a folder; an identity and a main branch come from the test's own HOME."""
    import subprocess

    (isolated_user / ".gitconfig").write_text(
        "[user]\n\tname = Test Person\n\temail = test@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n[advice]\n"
        "\tdetachedHead = false\n"
    )

    def invoke(folder: Path, *args: str, check: bool = True) -> str:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
        if check:
            assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stdout + result.stderr

    return invoke


FORMAT_1 = Path(__file__).resolve().parent / "fixtures" / "format1-journal"


@pytest.fixture
def fixture_journal(tmp_path: Path) -> Path:
    """A copy of the example journal as mentorlog 0.2 wrote it (format 1)."""

    target = tmp_path / "format1"
    shutil.copytree(FORMAT_1, target)
    return target


def writers_at_once(root: Path, commands: list[list[str]]) -> None:
    """Each command as a mentorlog process of its own, all started at once; every one must exit
    0."""
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    env = {**os.environ, "MENTORLOG_TODAY": TODAY}

    def launch(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mentorlog", "-j", str(root), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        results = list(pool.map(launch, commands))
    assert [r.returncode for r in results] == [0] * len(commands), [
        r.stderr for r in results if r.returncode
    ]


def imported_by(
    arguments: list[str], names: tuple[str, ...], env: dict[str, str]
) -> tuple[str, list[str]]:
    """Run `mentorlog ARGUMENTS` in a fresh Python, as the installed command starts, and give
    its standard output and which of the modules `names` (or their submodules) it imported."""
    import subprocess

    program = (
        "import json, sys; from mentorlog import launch; "
        f"sys.argv = ['mentorlog', *{arguments!r}]; launch.main(); "
        "print(json.dumps(sorted(m for m in sys.modules if any("
        f"m == n or m.startswith(n + '.') for n in {names!r}))), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_TODAY": TODAY, **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stderr.strip().splitlines()[-1])
    return result.stdout, loaded


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Edit a file in place to the same size and put its modification time back: only its
    change time (and its text) tells a cache it changed."""
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns


def template_editor(
    folder: Path, old: str = "", new: str = "", seen: Path | None = None
) -> dict[str, str]:
    """The environment of a `session add --edit` whose $EDITOR replaces the first `old` in the
    template with `new` and adds a line of notes; with `seen`, it keeps the template it was
    shown there."""
    import sys

    script = folder / "editor.py"
    keep = f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n" if seen else ""
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"{keep}"
        f"t = p.read_text().replace({old!r}, {new!r}, 1)\n"
        "p.write_text(t + '\\nWe met.\\n')\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def two_clones(
    run: Run,
    git: Git,
    folder: Path,
    owner: tuple[str, str],
    mentor: str,
    goal: list[str],
    other: tuple[str, str],
) -> tuple[Path, Path]:
    """The owner's journal (with one goal, pushed to a bare remote) and a second clone of it,
    each with its person's name in git: `owner` and `other` are (folder name, person)."""
    remote = folder / "remote.git"
    git(folder, "init", "-q", "--bare", str(remote))
    first = folder / owner[0]
    made = run("init", str(first), "--owner", owner[1], "--mentor", mentor, "--git")
    assert made.exit_code == 0, made.stderr
    git(first, "config", "user.name", owner[1])
    git(first, "remote", "add", "origin", str(remote))
    assert run("-j", str(first), "goal", "add", *goal).exit_code == 0
    assert run("-j", str(first), "sync").exit_code == 0
    second = folder / other[0]
    git(folder, "clone", "-q", str(remote), str(second))
    git(second, "config", "user.name", other[1])
    return first, second


@pytest.fixture
def pair(tmp_path: Path, run: Run, git: Git) -> tuple[Path, Path]:
    """Priya's journal (pushed to a bare remote, with one goal) and Daniel's clone of it, each
    with the name of its own person."""
    return two_clones(
        run,
        git,
        tmp_path,
        ("priya", "Priya Shah"),
        "Daniel Okafor",
        ["Give a talk", "--measure", "given"],
        ("daniel", "Daniel Okafor"),
    )
