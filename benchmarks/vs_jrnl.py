"""mentorlog beside jrnl, in one run on one machine, at equal entry counts.

    python3 dev.py bench --vs-jrnl [--quick] [--sizes 1000 10000] [--runs 7]

jrnl goes into a virtual environment of its own (benchmarks/.jrnl-venv; never a dependency of
mentorlog). Both tools get a journal of the same number of entries, made from the same words;
each pair of commands runs interleaved (one of each, in turn), warm, and the table shows
medians, the ratio (mentorlog / jrnl) and peak memory (the largest resident size of any run).
`--quick` runs 1,000 and 10,000 entries with 3 runs each, in about two minutes.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import WORDS, generate  # noqa: E402

JRNL_VENV = HERE / ".jrnl-venv"
JRNL_VERSION = "4.6"
MENTORLOG = str(Path(sys.executable).parent / "mentorlog")

# (what, mentorlog's command, jrnl's nearest one)
PAIRS = [
    ("status / -n 10", ["status"], ["-n", "10"]),
    ("agenda / -n 10", ["agenda"], ["-n", "10"]),
    ("goal show / -contains", ["goal", "show", "GOAL"], ["-contains", "plan", "-n", "50"]),
    ("timeline / -n 10", ["timeline", "--since", "SINCE"], ["-n", "10"]),
    ("search / -contains", ["search", "deadline"], ["-contains", "deadline"]),
    ("session list --json / --export json", ["session", "list", "--json"], ["--export", "json"]),
    (
        "session add / add",
        ["session", "add", "--notes", "Benchmark session", "--mentor", "ana"],
        ["Benchmark entry. It has a body."],
    ),
    ("--help / --version", ["--help"], ["--version"]),
]


def jrnl_command() -> list[str]:
    """jrnl in its own environment, installed on first use."""
    binary = JRNL_VENV / "bin" / "jrnl"
    if not binary.exists():
        print(f"Installing jrnl {JRNL_VERSION} into {JRNL_VENV} ...", flush=True)
        venv.create(JRNL_VENV, with_pip=True)
        subprocess.run(
            [
                str(JRNL_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"jrnl=={JRNL_VERSION}",
            ],
            check=True,
        )
    return [str(binary)]


def jrnl_journal(folder: Path, entries: int, seed: int = 7) -> Path:
    """A plain-text jrnl journal of `entries` entries, with its config file."""
    rng = random.Random(seed)
    start = date.today() - timedelta(days=max(365, entries // 4))
    lines = []
    for number in range(entries):
        day = start + timedelta(days=number * max(365, entries // 4) // entries)
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        lines.append(f"[{day.isoformat()} 09:00:00 AM] {title}.\n{body}.\n\n")
    journal = folder / "journal.txt"
    journal.write_text("".join(lines))
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\njournals:\n  default:\n"
        f"    journal: {journal}\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        f"timeformat: '%F %r'\nversion: v{JRNL_VERSION}\n"
    )
    return config


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


def run_size(size: int, runs: int, jrnl: list[str], base: Path) -> list[tuple[str, ...]]:
    folder = base / str(size)
    folder.mkdir()
    journal = folder / "mentorlog"
    generate(journal, size)
    config = jrnl_journal(folder, size)
    env = {
        **os.environ,
        "MENTORLOG_CACHE_DIR": str(folder / "cache"),
        "XDG_STATE_HOME": str(folder / "state"),
        "MENTORLOG_PAGER": "",
        "NO_COLOR": "1",
    }
    goal = next((journal / "goals").glob("*.toml")).stem.rsplit("-", 1)[0]
    since = (date.today() - timedelta(days=30)).isoformat()
    rows = []
    for what, ours, theirs in PAIRS:
        mine = [
            MENTORLOG,
            "-j",
            str(journal),
            *[goal if a == "GOAL" else since if a == "SINCE" else a for a in ours],
        ]
        if ours == ["--help"]:
            mine = [MENTORLOG, "--help"]
        other = [*jrnl, "--config-file", str(config), *theirs]
        timed(mine, env)  # warm: the cache is built, files are in the page cache
        timed(other, env)
        times: dict[str, list[float]] = {"mine": [], "other": []}
        memory = {"mine": 0, "other": 0}
        for _ in range(runs):
            for key, command in (("mine", mine), ("other", other)):
                seconds, mib = timed(command, env)
                times[key].append(seconds)
                memory[key] = max(memory[key], mib)
        ours_s, theirs_s = statistics.median(times["mine"]), statistics.median(times["other"])
        rows.append(
            (
                f"{size:,}",
                what,
                f"{ours_s:.3f}",
                f"{theirs_s:.3f}",
                f"{ours_s / theirs_s:.2f}x",
                f"{memory['mine']}",
                f"{memory['other']}",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--runs", type=int)
    options = parser.parse_args()
    sizes = options.sizes or ([1000, 10000] if options.quick else [1000, 10000, 100000])
    runs = options.runs or (3 if options.quick else 7)
    jrnl = jrnl_command()
    base = Path(tempfile.mkdtemp(prefix="mentorlog-vs-jrnl-"))
    try:
        print(
            f"mentorlog beside jrnl {JRNL_VERSION}, {date.today().isoformat()}, "
            f"{os.cpu_count()} cores, medians of {runs} warm runs, interleaved\n"
        )
        print(
            "| entries | mentorlog / jrnl | mentorlog s | jrnl s | ratio | mentorlog MiB "
            "| jrnl MiB |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for size in sizes:
            for row in run_size(size, runs, jrnl, base):
                print("| " + " | ".join(row) + " |", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
