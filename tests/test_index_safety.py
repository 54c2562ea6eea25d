"""The index is safe by construction: nothing read from the cache folder runs code, a cache
folder others could tamper with is never used, no command leaves a process behind, and every
way the index can fail still gives what the files say, with at most one line on stderr."""

from __future__ import annotations

import ast
import json
import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run

SRC = Path(__file__).resolve().parent.parent / "src" / "mentorlog"
OFF = {"MENTORLOG_NO_CACHE": "1"}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "journal"
    shutil.copytree(EXAMPLE, copy)
    return copy


def _cache(isolated_user: Path) -> Path:
    return isolated_user / "cache" / "mentorlog"


class _Touch:
    """Unpickled, it makes a file: proof that something ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_files_crafted_to_run_code_never_run(
    run: Run, example: Path, isolated_user: Path, tmp_path: Path
) -> None:
    """Every file in the cache folder replaced by a pickle that runs a command when loaded,
    and more planted beside them under the names the old engine read: the next commands show
    what the files say, and nothing ran."""
    expected = run("-j", str(example), "status", "--json", env=OFF).stdout
    assert run("-j", str(example), "status", "--json").stdout == expected
    cache = _cache(isolated_user)
    marker = tmp_path / "it-ran"
    payload = pickle.dumps(_Touch(marker))
    names = [p.name for p in cache.iterdir()]
    names += ["validators.pickle", "goals.pickle", "x-sessions.2026.pickle", "x-watch.sock"]
    for name in names:
        (cache / name).write_bytes(payload)
    for command in (["status", "--json"], ["ask", "Safe?"], ["search", "migration"]):
        result = run("-j", str(example), *command)
        assert result.exit_code == 0, result.stderr
        assert len(result.stderr.splitlines()) <= 1
    assert not marker.exists()
    assert run("-j", str(example), "goal", "list", "--json").json() == json.loads(
        run("-j", str(example), "goal", "list", "--json", env=OFF).stdout
    )


def test_a_database_that_would_call_code_is_not_believed(
    run: Run, example: Path, isolated_user: Path
) -> None:
    """A database of the right name, planted with a view and a trigger that call functions,
    and rows claiming other text: not of this version, so it is made again from the files."""
    expected = run("-j", str(example), "goal", "list", "--json", env=OFF).stdout
    run("-j", str(example), "status")
    (database,) = _cache(isolated_user).glob("*-index.sqlite")
    database.unlink()
    planted = sqlite3.connect(database)
    planted.executescript(
        "CREATE TABLE meta(key, value); INSERT INTO meta VALUES ('stamp', 'forged');"
        "CREATE TABLE entries(path, data); INSERT INTO entries VALUES ('x', 'Planted');"
        "CREATE VIEW v AS SELECT load_extension('/tmp/evil');"
        "CREATE TRIGGER t AFTER INSERT ON entries BEGIN SELECT load_extension('/tmp/evil'); END;"
    )
    planted.commit()
    planted.close()
    result = run("-j", str(example), "goal", "list", "--json")
    assert result.exit_code == 0 and result.stdout == expected
    assert "Planted" not in result.stdout


def test_a_symbolic_link_where_the_database_goes_is_never_followed(
    run: Run, example: Path, isolated_user: Path, tmp_path: Path
) -> None:
    run("-j", str(example), "status")
    (database,) = _cache(isolated_user).glob("*-index.sqlite")
    target = tmp_path / "someone-elses.sqlite"
    target.write_bytes(b"precious")
    database.unlink()
    database.symlink_to(target)
    result = run("-j", str(example), "status", "--json")
    assert result.exit_code == 0
    assert result.stdout == run("-j", str(example), "status", "--json", env=OFF).stdout
    assert target.read_bytes() == b"precious"
    assert not database.is_symlink()


@pytest.mark.parametrize("why", ["others can write", "inside a git work tree", "a link"])
def test_a_cache_folder_others_could_tamper_with_is_not_used(
    run: Run, example: Path, tmp_path: Path, why: str
) -> None:
    if why == "others can write":
        folder = tmp_path / "shared-cache"
        folder.mkdir(mode=0o777)
        folder.chmod(0o777)
    elif why == "inside a git work tree":
        clone = tmp_path / "some-clone"
        (clone / ".git").mkdir(parents=True)
        folder = clone / "cache"
    else:
        real = tmp_path / "real-cache"
        real.mkdir(mode=0o700)
        folder = tmp_path / "linked-cache"
        folder.symlink_to(real)
    env = {"MENTORLOG_CACHE_DIR": str(folder)}
    result = run("-j", str(example), "status", "--json", env=env)
    assert result.exit_code == 0
    assert result.stdout == run("-j", str(example), "status", "--json", env=OFF).stdout
    assert len(result.stderr.splitlines()) == 1
    assert "is not used" in result.stderr
    assert not list(folder.glob("*.sqlite*")) if folder.is_dir() else True


def test_a_disk_that_fills_while_the_index_is_written(
    run: Run, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite runs out of room (a database held to a few pages): the files are read, and one
    line says the index could not be written."""
    from mentorlog.index import db

    real = db._prepare

    def cramped(connection: sqlite3.Connection, root: Path, fresh: bool) -> None:
        real(connection, root, fresh)
        connection.execute("PRAGMA max_page_count = 40")

    monkeypatch.setattr(db, "_prepare", cramped)
    result = run("-j", str(example), "status", "--json")
    assert result.exit_code == 0
    monkeypatch.setattr(db, "_prepare", real)
    assert result.stdout == run("-j", str(example), "status", "--json", env=OFF).stdout
    assert len(result.stderr.splitlines()) == 1
    assert "could not be written" in result.stderr


def _mentorlog(*arguments: str, code: str = "", env: dict[str, str] | None = None) -> str:
    """mentorlog in a process of its own (`code` run first), its standard output."""
    program = f"{code}\nimport runpy, sys\nsys.argv = ['mentorlog', *sys.argv[1:]]\n"
    program += "runpy.run_module('mentorlog', run_name='__main__')\n"
    result = subprocess.run(
        [sys.executable, "-c", program, *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) <= 1, result.stderr
    return result.stdout


def test_a_python_without_sqlite3_reads_every_file(example: Path) -> None:
    without = "import sys\nsys.modules['sqlite3'] = None\nsys.modules['_sqlite3'] = None"
    for command in (["status", "--json"], ["search", "migration", "--json"]):
        assert _mentorlog("-j", str(example), *command, code=without) == _mentorlog(
            "-j", str(example), *command, env=OFF
        )


def _processes_of(marker: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in command and "pytest" not in command:
            found.append(command)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_no_command_leaves_a_process_behind(example: Path, tmp_path: Path) -> None:
    goal = sorted((example / "goals").glob("*.toml"))[0].stem.rsplit("-", 1)[0]
    env = {"MENTORLOG_CACHE_DIR": str(tmp_path / "own-cache")}
    for command in (
        ["status"],
        ["ask", "Anyone left?"],
        ["goal", "progress", goal, "70"],
        ["action", "add", "Tidy up"],
        ["search", "migration"],
        ["goal", "delete", goal, "--force"],
    ):
        _mentorlog("-j", str(example), *command, env=env)
        assert _processes_of(str(example)) == [], command


def _imports(path: Path) -> set[str]:
    """The mentorlog modules a source file imports, at its top or inside functions."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    if path.name == "__init__.py":
        package = package.rsplit(".", 1)[0] if "." in package else package
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                parent = package.rsplit(".", node.level - (path.name == "__init__.py"))[0]
                base = f"{parent}.{node.module}"
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("mentorlog")}


def test_no_import_circle_anywhere_in_src() -> None:
    """Every import counts, lazy ones too; a package's __init__ importing its own modules does
    not."""
    modules = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        name = name.removesuffix(".__init__")
        modules[name] = path
    graph = {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    for name in graph:  # a package's face importing its own modules is not a circle
        if modules[name].name == "__init__.py":
            graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for other in sorted(graph[node]):
            if seen.get(other) == 1:
                cycle = [*trail[trail.index(other) :], other] if other in trail else [other]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if other not in seen:
                visit(other, [*trail, other])
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [name])


def test_every_sql_statement_lives_in_the_index_package() -> None:
    import re

    sql = re.compile(r"import sqlite3|[\"'](SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA) ")
    outside = [
        path
        for path in SRC.rglob("*.py")
        if "index" not in path.relative_to(SRC).parts and sql.search(path.read_text())
    ]
    assert outside == []
    assert sum(len(p.read_text().splitlines()) for p in (SRC / "index").glob("*.py")) <= 1500


def test_a_file_name_that_is_not_utf8_is_named_and_every_file_read(run: Run, example: Path) -> None:
    """The index cannot hold such a name: each command reads every file instead, says which
    file once, and shows what a read without the index shows; writes still work."""
    folder = os.fsencode(example / "reflections")
    try:
        with open(os.path.join(folder, b"\xff-odd.toml"), "wb") as odd:
            odd.write(b'text = "not a whole reflection"\n')
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    j = ("-j", str(example))
    for command in (["status", "--json"], ["timeline", "--json"], ["goal", "list", "--json"]):
        indexed, plain = run(*j, *command), run(*j, *command, env=OFF)
        assert indexed.exit_code == plain.exit_code == 0, indexed.stderr
        assert indexed.stdout == plain.stdout
        # Goals never meet the reflections' folder: their index is used, and says nothing.
        said = 0 if command[0] == "goal" else 1
        assert indexed.stderr.count("is not UTF-8") == said, indexed.stderr
        assert indexed.stderr.count("reflections/\\xff-odd.toml") == said
        assert "Traceback" not in indexed.stderr
    # `check` in a process of its own: the name is written as its standard output writes it.
    checked, plain = (
        subprocess.run(
            [sys.executable, "-m", "mentorlog", *j, "check"],
            capture_output=True,
            env={**os.environ, **extra},
            timeout=120,
        )
        for extra in ({}, OFF)
    )
    assert checked.returncode == plain.returncode == 3, checked.stderr
    assert checked.stdout == plain.stdout and b"-odd.toml" in checked.stdout
    assert b"Traceback" not in checked.stderr
    added = run(*j, "reflect", "Written beside an odd name")
    assert added.exit_code == 0, added.stderr
    rows = run(*j, "timeline", "--json").json()["entries"]
    assert "Written beside an odd name" in [row["title"] for row in rows]
