"""Time whole-process runs of mentorlog on generated journals; report medians and budgets.

    python benchmarks/bench.py [--runs 9] [--sizes 100 10000] [--keep]

Budgets (development machine): --help < 0.15 s; session add < 0.25 s at every size;
status, goal show and every report (agenda, report, milestones, timeline, search, stats)
< 1 s at 10,000 entries. Runs are on a warm cache (the first run of a
read command builds it and is reported apart as "cold").
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BUDGETS = {"--help": 0.15, "session add": 0.25, "status": 1.0, "goal show": 1.0}
# The reports, each read-only over the whole journal; all under the same 1 s budget.
REPORTS = {
    "agenda": ["agenda"],
    "report (year)": ["report", "--period", "year"],
    "report --format markdown": ["report", "--format", "markdown"],
    "milestones": ["milestones"],
    "timeline": ["timeline"],
    "search (a few hits)": ["search", "deadline 160"],
    "search (7,300 hits)": ["search", "stakeholder"],  # a word in most generated entries
    "stats": ["stats"],
}
BUDGETS.update(dict.fromkeys(REPORTS, 1.0))


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()}")
    return elapsed


def median_of(command: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(timed(command, env) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--keep", action="store_true", help="keep the generated journals")
    args = parser.parse_args()

    exe = shutil.which("mentorlog", path=str(Path(sys.executable).parent)) or "mentorlog"
    work = Path(tempfile.mkdtemp(prefix="mentorlog-bench-"))
    env = {**os.environ, "MENTORLOG_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    env.pop("MENTORLOG_JOURNAL", None)
    rows: list[tuple[str, int | None, float, float | None]] = []
    baseline = median_of([sys.executable, "-c", "pass"], env, args.runs)
    rows.append(("python -c pass", None, baseline, None))
    rows.append(("--help", None, median_of([exe, "--help"], env, args.runs), BUDGETS["--help"]))
    for size in args.sizes:
        journal = work / f"journal-{size}"
        generate(journal, size)
        goal = sorted((journal / "goals").glob("*.toml"))[0]
        slug = goal.read_text().split('slug = "')[1].split('"')[0]
        j = ["-j", str(journal)]
        add = [
            exe,
            *j,
            "session",
            "add",
            "--notes",
            "Benchmark notes",
            "--topic",
            "speed",
            "--action",
            "Measure again",
            "--goal",
            slug,
            "--duration",
            "30",
        ]
        rows.append(("session add", size, median_of(add, env, args.runs), BUDGETS["session add"]))
        cold = timed([exe, *j, "status"], env)
        rows.append(("status (cold cache)", size, cold, None))
        rows.append(
            ("status", size, median_of([exe, *j, "status"], env, args.runs), BUDGETS["status"])
        )
        rows.append(
            (
                "goal show",
                size,
                median_of([exe, *j, "goal", "show", slug], env, args.runs),
                BUDGETS["goal show"],
            )
        )
        for name, command in REPORTS.items():
            rows.append((name, size, median_of([exe, *j, *command], env, args.runs), BUDGETS[name]))
        rows.append(("check", size, median_of([exe, *j, "check"], env, 3), None))
    print(f"\nmedians of {args.runs} whole-process runs (python -c pass = {baseline:.3f} s)\n")
    print(f"{'command':<26}{'entries':>8}{'median s':>10}{'budget s':>10}{'ratio':>8}")
    failed = False
    for name, size, seconds, budget in rows:
        ratio = f"{seconds / budget:.2f}" if budget else ""
        over = budget is not None and seconds > budget
        failed |= over
        print(
            f"{name:<26}{size or '':>8}{seconds:>10.3f}{budget or '':>10}{ratio:>8}"
            f"{'  OVER BUDGET' if over else ''}"
        )
    if args.keep:
        print(f"\njournals kept in {work}")
    else:
        shutil.rmtree(work)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
