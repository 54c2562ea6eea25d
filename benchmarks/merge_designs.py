"""How three ways of storing changes survive two clones changing one journal on the same day.

    python benchmarks/merge_designs.py [--checkins 1000]

Each design starts from one journal (a goal with two milestones, a session with an action item,
one mentor) in a bare remote and two clones. On each clone, the same day's work: a check-in, a
milestone added, the same milestone reached on a different date, the same action done on a
different date, the goal's due date changed, a mentor added. Clone A pushes; clone B runs a plain
`git pull`. Counted: files git left conflicted, and files that no longer parse as TOML.

- rewrite: format 1 (mentorlog 0.2): each command rewrites the entry's file, with the same
  serializer mentorlog uses.
- union: the same files with `merge=union` in .gitattributes (no conflict markers: both sides'
  lines are kept).
- change files: format 2, the installed mentorlog (every change a new file).

A merge driver would merge like "change files" only in clones that configured it with
`git config merge.<name>.driver`; in any other clone (a mentor's fresh clone) it merges like
"rewrite", so it is not measured apart.

It then times the cost of the chosen design for reading: `goal show` (whole process, warm cache,
median of 5) on a goal with N check-ins kept in its own file against N change files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mentorlog import store

MENTORLOG = str(Path(sys.executable).parent / "mentorlog")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
}


def git(folder: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    if check and result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout + result.stderr


def mentorlog(journal: Path, *args: str) -> None:
    env = {**os.environ, "MENTORLOG_TODAY": "2026-11-23", "MENTORLOG_AUTHOR": "Bench", **GIT_ENV}
    result = subprocess.run(
        [MENTORLOG, "-j", str(journal), *args], capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        raise SystemExit(f"mentorlog {' '.join(args)} failed: {result.stderr}")


# --- format 1: files rewritten in place ------------------------------------------------------


def _rewrite(path: Path, change: Any) -> None:
    document = tomllib.loads(path.read_text())
    change(document)
    path.write_text(store.dumps(document))


def seed_rewrite(root: Path) -> None:
    (root / "goals").mkdir(parents=True)
    (root / "sessions").mkdir()
    (root / "mentorlog.toml").write_text(
        store.dumps(
            {
                "format": 1,
                "owner": "Priya",
                "mentors": [{"name": "Dan", "started": datetime(2026, 1, 1).date(), "cadence": 30}],
            }
        )
    )
    (root / "goals" / "talk-aaaaaaaaaaaa.toml").write_text(
        store.dumps(
            {
                "id": "aaaaaaaaaaaa",
                "slug": "talk",
                "title": "Give a talk",
                "status": "active",
                "due": datetime(2027, 1, 31).date(),
                "created": datetime(2026, 11, 1, tzinfo=UTC),
                "milestones": [{"title": "Outline"}, {"title": "Slides"}],
                "checkins": [{"date": datetime(2026, 11, 2).date(), "progress": 10}],
            }
        )
    )
    (root / "sessions" / "2026-11-02-bbbbbbbbbbbb.toml").write_text(
        store.dumps(
            {
                "id": "bbbbbbbbbbbb",
                "date": datetime(2026, 11, 2).date(),
                "title": "Kick-off",
                "created": datetime(2026, 11, 2, tzinfo=UTC),
                "actions": [{"id": "cccccccccccc", "text": "Send the CFP"}],
            }
        )
    )


def day_rewrite(root: Path, side: int) -> None:
    goal = root / "goals" / "talk-aaaaaaaaaaaa.toml"
    day = datetime(2026, 11, 20 + side).date()
    _rewrite(goal, lambda d: d["checkins"].append({"date": day, "progress": 30 + side}))
    _rewrite(goal, lambda d: d["milestones"].append({"title": f"Dry run {side}"}))
    _rewrite(goal, lambda d: d["milestones"][0].update(done=day))
    _rewrite(goal, lambda d: d.update(due=datetime(2027, 2 + side, 1).date()))
    _rewrite(
        root / "sessions" / "2026-11-02-bbbbbbbbbbbb.toml",
        lambda d: d["actions"][0].update(done=day),
    )
    _rewrite(
        root / "mentorlog.toml",
        lambda d: d["mentors"].append({"name": f"Mentor {side}", "started": day, "cadence": 14}),
    )


# --- format 2: the installed mentorlog -----------------------------------------------------------


def seed_changes(root: Path) -> None:
    subprocess.run(
        [MENTORLOG, "init", str(root), "--owner", "Priya", "--mentor", "Dan"],
        check=True,
        capture_output=True,
        env={**os.environ, "MENTORLOG_TODAY": "2026-11-01"},
    )
    mentorlog(
        root, "goal", "add", "Give a talk", "--due", "2027-01-31", "-m", "Outline", "-m", "Slides"
    )
    mentorlog(
        root,
        "session",
        "add",
        "--date",
        "2026-11-02",
        "--title",
        "Kick-off",
        "--notes",
        "n",
        "--action",
        "Send the CFP",
    )


def day_changes(root: Path, side: int) -> None:
    day = f"2026-11-2{side}"
    mentorlog(root, "goal", "progress", "give-a-talk", str(30 + side), "--date", day)
    mentorlog(root, "goal", "milestone", "give-a-talk", f"Dry run {side}")
    mentorlog(root, "goal", "achieve", "give-a-talk", "1", "--date", day)
    mentorlog(root, "goal", "edit", "give-a-talk", "--due", f"2027-0{2 + side}-01")
    mentorlog(root, "action", "done", "send the", "--date", day)
    mentorlog(root, "mentor", "add", f"Mentor {side}", "--cadence", "14")


# --- one design, two clones ----------------------------------------------------------------------


def try_design(base: Path, seed: Any, day: Any, attributes: str = "") -> dict[str, Any]:
    remote, a, b = base / "remote.git", base / "a", base / "b"
    git(base, "init", "--quiet", "--bare", str(remote))
    a.mkdir()
    seed(a)
    if attributes:
        (a / ".gitattributes").write_text(attributes)
    git(a, "init", "--quiet")
    git(a, "add", "-A")
    git(a, "commit", "--quiet", "-m", "seed")
    git(a, "push", "--quiet", str(remote), "HEAD:main")
    git(base, "clone", "--quiet", str(remote), "b")
    for side, clone in ((1, a), (2, b)):
        day(clone, side)
        git(clone, "add", "-A")
        git(clone, "commit", "--quiet", "-m", f"side {side}", check=False)
    git(a, "push", "--quiet", str(remote), "HEAD:main")
    git(b, "pull", "--no-edit", "origin", "main", check=False)
    conflicted = [p for p in git(b, "diff", "--name-only", "--diff-filter=U").splitlines() if p]
    unreadable = []
    for path in b.rglob("*.toml"):
        try:
            tomllib.loads(path.read_text())
        except tomllib.TOMLDecodeError:
            unreadable.append(path.relative_to(b).as_posix())
    return {"conflicted": len(conflicted), "unreadable": len(set(unreadable) - set(conflicted))}


# --- reading cost --------------------------------------------------------------------------------


def median_run(journal: Path, *args: str, runs: int = 5) -> float:
    env = {**os.environ, "MENTORLOG_TODAY": "2026-11-23"}
    command = [MENTORLOG, "-j", str(journal), *args]
    subprocess.run(command, capture_output=True, env=env, check=True)  # warms the cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reading_cost(base: Path, checkins: int) -> tuple[float, float]:
    one_file, many = base / "one-file", base / "change-files"
    for root in (one_file, many):
        subprocess.run(
            [MENTORLOG, "init", str(root), "--owner", "Priya"], check=True, capture_output=True
        )
        mentorlog(root, "goal", "add", "Give a talk", "--due", "2027-01-31")
    goal = next((one_file / "goals").glob("*.toml"))
    _rewrite(
        goal,
        lambda d: d.update(
            checkins=[
                {"date": datetime(2020, 1, 1).date().fromordinal(737425 + n), "progress": n % 101}
                for n in range(checkins)
            ]
        ),
    )
    goal_id = tomllib.loads(next((many / "goals").glob("*.toml")).read_text())["id"]
    folder = many / "changes" / "goals" / "2026"
    folder.mkdir(parents=True)
    for n in range(checkins):
        change_id = f"c{n:011d}"
        (folder / f"2026-11-01-{change_id}.toml").write_text(
            store.dumps(
                {
                    "id": change_id,
                    "entry": goal_id,
                    "change": "checkin",
                    "date": datetime(2020, 1, 1).date().fromordinal(737425 + n),
                    "progress": n % 101,
                    "created": datetime(2026, 11, 1, tzinfo=UTC),
                }
            )
        )
    return (
        median_run(one_file, "goal", "show", "give-a-talk"),
        median_run(many, "goal", "show", "give-a-talk"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkins", type=int, default=1000)
    options = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="mentorlog-merge-"))
    try:
        designs = {
            "rewrite (format 1)": (seed_rewrite, day_rewrite, ""),
            "rewrite + merge=union": (seed_rewrite, day_rewrite, "*.toml merge=union\n"),
            "change files (format 2)": (seed_changes, day_changes, ""),
        }
        print("| design | files conflicted | files that no longer parse |")
        print("| --- | --- | --- |")
        for name, (seed, day, attributes) in designs.items():
            folder = base / name.split()[0] / str(len(attributes))
            folder.mkdir(parents=True)
            found = try_design(folder, seed, day, attributes)
            print(f"| {name} | {found['conflicted']} | {found['unreadable']} |")
        one, many = reading_cost(base, options.checkins)
        print(
            f"\n`goal show` with {options.checkins:,} check-ins, warm, median of 5: "
            f"{one:.3f} s in one file, {many:.3f} s as change files ({many / one:.2f}x)"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
