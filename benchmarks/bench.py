"""mentorlog beside jrnl, in one run on one machine, at equal entry counts.

    python3 dev.py bench [--quick] [--sizes 1000 10000 100000] [--runs 7]
                         [--modes stress realistic] [--dir PATH] [--no-jrnl]

jrnl goes into a virtual environment of its own (benchmarks/.jrnl-venv; never a dependency of
mentorlog). Both tools get a journal of the same number of entries, made from the same words
(mentorlog's in the stress or the realistic shape of benchmarks/generate.py). Each pair of
commands runs interleaved (one of each, in turn), warm, and the table shows medians, the ratio
(mentorlog / jrnl), peak memory (the largest resident size of any run) and the budget of issue
27 each row is held to. Then, for mentorlog alone: writes at every size from 100 entries (they
should not grow with the journal; the sizes are timed in turn, and the files the writes made are
removed after), the first run on a cold index and, at 100,000 entries, the warm dashboards, the
first run after 1,000 new files arrive (as after a `git pull`; three times, the files taken
away after each) and `check`.

`--quick` runs the main pairs (status, goal show, session list --json, --help) at 1,000 and
10,000 entries and the writes at 100 and 1,000, 3 runs each, in about two minutes. `--dir` keeps the
generated journals in PATH for the next run; a PATH that exists and was not made by this script
is refused. When jrnl cannot be installed, the script says why and times mentorlog alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from words import WORDS  # noqa: E402

# Journals are generated in a child process: on Linux a child's peak memory counts its
# parent's size at the fork, so this process must stay small for the figures to be true.
MODES = ("stress", "realistic")

JRNL_VENV = HERE / ".jrnl-venv"
JRNL_VERSION = "4.6"
MENTORLOG = str(Path(sys.executable).parent / "mentorlog")
# A folder this script made holds this file; no other folder is ever written to or removed.
MARKER = ".mentorlog-bench"


@dataclass(frozen=True)
class Pair:
    what: str
    mine: list[str]  # GOAL, SINCE and WORD are filled in per journal
    theirs: list[str]
    kind: str = "read"  # read, write or start-up: which budget holds
    main: bool = False  # also run at 10,000 entries by --quick


PAIRS = [
    Pair("status / -n 10", ["status"], ["-n", "10"], main=True),
    Pair("agenda / -n 10", ["agenda"], ["-n", "10"]),
    Pair(
        "goal show / -contains -n 50",
        ["goal", "show", "GOAL"],
        ["-contains", "plan", "-n", "50"],
        main=True,
    ),
    Pair("report / -from", ["report"], ["-from", "SINCE"]),
    Pair("timeline / -from", ["timeline", "--since", "SINCE"], ["-from", "SINCE"]),
    Pair("search / -contains", ["search", "WORD"], ["-contains", "WORD"]),
    Pair("milestones / -n 10", ["milestones"], ["-n", "10"]),
    Pair("stats / --tags", ["stats"], ["--tags"]),
    Pair("goal list / --format short", ["goal", "list"], ["--format", "short"]),
    Pair("session list / --format short", ["session", "list"], ["--format", "short"]),
    Pair("action list / --format short", ["action", "list"], ["--format", "short"]),
    Pair("feedback list / --format short", ["feedback", "list"], ["--format", "short"]),
    Pair(
        "session list --json / --export json",
        ["session", "list", "--json"],
        ["--export", "json"],
        main=True,
    ),
    Pair(
        "session add / add",
        ["session", "add", "--notes", "Benchmark session", "--mentor", "ana"],
        ["Benchmark entry. It has a body."],
        kind="write",
    ),
    Pair("ask / add", ["ask", "What should I measure next?"], ["A question."], kind="write"),
    Pair("--help / --version", ["--help"], ["--version"], kind="start-up", main=True),
    Pair("--version / --version", ["--version"], ["--version"], kind="start-up"),
]
# Writes for mentorlog alone, at every size from 100 entries: they should take the same time at
# any size. The sizes are timed in turn, one run at each, so that the machine's drift from one
# minute to the next is not taken for growth.
WRITES = {
    "session add": ["session", "add", "--notes", "Benchmark session", "--mentor", "ana"],
    "ask": ["ask", "What should I measure next?"],
    "goal progress": ["goal", "progress", "GOAL", "40"],
    "goal add": ["goal", "add", "Benchmark goal", "--measure", "one run"],
    "reflect": ["reflect", "What the benchmark taught me.", "--goal", "GOAL"],
    # Finds the latest session through the index.
    "action add": ["action", "add", "Benchmark action"],
    # Finds its item among every session's through the same index (WRITE_SETUP adds it).
    "action edit": ["action", "edit", "Benchmark item to edit", "--due", "2030-01-01"],
    # Counts the entries linking to its goal through the index (forced: the goal has
    # links); WRITE_AFTER brings the goal back, untimed, for the next run.
    "goal delete": ["goal", "delete", "GOAL", "--force"],
}
# What a write needs in the journal first, made once, untimed.
WRITE_SETUP = {"action edit": ["action", "add", "Benchmark item to edit"]}
# What undoes a write after each run, untimed.
WRITE_AFTER = {"goal delete": ["undo"]}
# The smallest journal writes are timed at (generated for them alone).
FIRST_WRITE_SIZE = 100
# Within this ratio of the smallest size's time, a write is flat.
FLAT = 1.3


def budget(pair: Pair, size: int, ratio: float | None, mib: int) -> str:
    """The budget of issue 27 for one row, and whether it holds."""
    notes = []
    if ratio is not None:
        read = 0.5 if size <= 1000 else (0.2 if pair.what.startswith("search") else 0.25)
        limit = {"read": read, "write": 0.6, "start-up": 0.5}[pair.kind]
        if pair.kind != "write" or size <= 1000:
            notes.append(f"≤{limit}x {'ok' if ratio <= limit else 'OVER'}")
    if size >= 10000 and pair.kind == "read":
        notes.append(f"≤40 MiB {'ok' if mib <= 40 else 'OVER'}")
    return ", ".join(notes)


def jrnl_command() -> list[str] | None:
    """jrnl in its own environment, installed on first use; None (said why) when it cannot be."""
    binary = JRNL_VENV / "bin" / "jrnl"
    if binary.exists():
        return [str(binary)]
    print(f"Installing jrnl {JRNL_VERSION} into {JRNL_VENV} ...", flush=True)
    try:
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
    except (OSError, subprocess.CalledProcessError) as error:
        print(
            f"jrnl {JRNL_VERSION} could not be installed ({error}); "
            "timing mentorlog alone (no ratios).",
            flush=True,
        )
        shutil.rmtree(JRNL_VENV, ignore_errors=True)
        return None
    return [str(binary)]


def jrnl_journal(folder: Path, entries: int, seed: int = 7) -> Path:
    """A plain-text jrnl journal of `entries` entries, with its config file."""
    rng = random.Random(seed)
    start = date.today() - timedelta(days=max(365, entries // 4))
    journal = folder / "journal.txt"
    # Written as it goes: this process stays small (see MODES above).
    with journal.open("w") as out:
        for number in range(entries):
            day = start + timedelta(days=number * max(365, entries // 4) // entries)
            title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
            out.write(f"[{day.isoformat()} 09:00:00 AM] {title}.\n{body}.\n\n")
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
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{error}")
    return elapsed, usage.ru_maxrss // 1024


def median(command: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    results = [timed(command, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


@dataclass
class Journals:
    """One size and shape: mentorlog's journal, jrnl's, and how to run each."""

    size: int
    mode: str
    folder: Path
    env: dict[str, str]

    @property
    def mentorlog(self) -> Path:
        return self.folder / "mentorlog"

    @property
    def jrnl_config(self) -> Path:
        return self.folder / "jrnl.yaml"

    def mine(self, arguments: list[str]) -> list[str]:
        goal = next((self.mentorlog / "goals").glob("*.toml")).stem.rsplit("-", 1)[0]
        since = (date.today() - timedelta(days=90)).isoformat()
        filled = [{"GOAL": goal, "SINCE": since, "WORD": "deadline"}.get(a, a) for a in arguments]
        if arguments[0].startswith("--"):
            return [MENTORLOG, *filled]
        return [MENTORLOG, "-j", str(self.mentorlog), *filled]

    def theirs(self, jrnl: list[str], arguments: list[str]) -> list[str]:
        since = (date.today() - timedelta(days=90)).isoformat()
        filled = [{"SINCE": since, "WORD": "deadline"}.get(a, a) for a in arguments]
        return [*jrnl, "--config-file", str(self.jrnl_config), *filled]


def make_journal(path: Path, size: int, mode: str, seed: int = 7) -> None:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            str(path),
            "--entries",
            str(size),
            "--mode",
            mode,
            "--seed",
            str(seed),
        ],
        check=True,
    )


def prepare(base: Path, size: int, mode: str) -> Journals:
    folder = base / f"{mode}-{size}"
    if (
        not (folder / "mentorlog" / "mentorlog.toml").exists()
        or not (folder / "jrnl.yaml").exists()
    ):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"Generating {size:,} entries ({mode}) for both tools ...", flush=True)
        make_journal(folder / "mentorlog", size, mode)
        jrnl_journal(folder, size)
    env = {
        k: v
        for k, v in os.environ.items()
        # Both tools run as installed, with compiled bytecode.
        if k not in ("PYTHONDONTWRITEBYTECODE", "MENTORLOG_JOURNAL")
    }
    env.update(
        {
            "MENTORLOG_CACHE_DIR": str(folder / "cache"),
            "XDG_STATE_HOME": str(folder / "state"),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "MENTORLOG_PAGER": "",
            "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
    )
    return Journals(size, mode, folder, env)


def side_by_side(
    journals: Journals, jrnl: list[str] | None, runs: int, quick: bool
) -> list[list[str]]:
    rows = []
    for pair in PAIRS:
        if quick and not pair.main and not (pair.kind == "write" and journals.size <= 1000):
            continue
        if pair.kind == "write" and journals.size > 1000:
            continue  # jrnl rewrites its whole file on add; writes are timed alone below
        mine = journals.mine(pair.mine)
        other = journals.theirs(jrnl, pair.theirs) if jrnl else None
        timed(mine, journals.env)  # warm: the index is built, files are in the page cache
        if other:
            timed(other, journals.env)
        times: dict[str, list[float]] = {"mine": [], "other": []}
        memory = {"mine": 0, "other": 0}
        for _ in range(runs):
            for key, command in (("mine", mine), ("other", other)):
                if command is None:
                    continue
                seconds, mib = timed(command, journals.env)
                times[key].append(seconds)
                memory[key] = max(memory[key], mib)
        ours = statistics.median(times["mine"])
        theirs = statistics.median(times["other"]) if times["other"] else None
        ratio = ours / theirs if theirs else None
        rows.append(
            [
                f"{journals.size:,} {journals.mode}",
                pair.what,
                f"{ours:.3f}",
                f"{theirs:.3f}" if theirs else "-",
                f"{ratio:.2f}x" if ratio else "-",
                str(memory["mine"]),
                str(memory["other"]) if theirs else "-",
                budget(pair, journals.size, ratio, memory["mine"]),
            ]
        )
        print("| " + " | ".join(rows[-1]) + " |", flush=True)
    return rows


def alone(journals: Journals, runs: int, quick: bool) -> None:
    """mentorlog by itself: the cold index, and the 100,000 budgets."""
    env = journals.env
    cache = journals.folder / "cache"
    colds = []
    for _ in range(1 if quick else 3):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(timed(journals.mine(["status"]), env))
    warm, warm_mib = median(journals.mine(["status"]), env, runs)
    cold = statistics.median(c[0] for c in colds)
    cold_budget = f"; < 10 s {'ok' if cold < 10 else 'OVER'}" if journals.size >= 100000 else ""
    print(
        f"| {journals.size:,} {journals.mode} | status, cold cache | {cold:.3f} | "
        f"{max(c[1] for c in colds)} MiB | warm {warm:.3f} s, {warm_mib} MiB{cold_budget} |",
        flush=True,
    )
    if journals.size < 100000:
        return
    for arguments in (["status"], ["agenda"], ["goal", "show", "GOAL"]):
        seconds, mib = median(journals.mine(arguments), env, runs)
        verdict = "ok" if seconds < 1.2 and mib <= 128 else "OVER"
        print(
            f"| {journals.size:,} {journals.mode} | {' '.join(arguments[:2])} (warm) | "
            f"{seconds:.3f} | {mib} MiB | < 1.2 s, ≤ 128 MiB {verdict} |",
            flush=True,
        )
    # 1,000 files arrive at once, as a `git pull` brings them: the first run reads them. Three
    # times (each a single run), with the files taken away again after each, so that the
    # journal keeps its size.
    firsts = []
    for attempt in range(1 if quick else 3):
        incoming = journals.folder / "incoming"
        shutil.rmtree(incoming, ignore_errors=True)
        make_journal(incoming, 1000, journals.mode, seed=1000 + attempt)
        arrived = []
        for path in incoming.rglob("*.toml"):
            if path.name != "mentorlog.toml":
                target = journals.mentorlog / path.relative_to(incoming)
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
                arrived.append(target)
        shutil.rmtree(incoming, ignore_errors=True)
        firsts.append(timed(journals.mine(["status"]), env))
        for path in arrived:
            path.unlink()
        timed(journals.mine(["status"]), env)  # the index again without them
    first = statistics.median(f[0] for f in firsts)
    each = ", ".join(f"{f[0]:.2f}" for f in firsts)
    verdict = "ok" if first < 2 * warm else "OVER"
    print(
        f"| {journals.size:,} {journals.mode} | status after 1,000 new files ({each}) | "
        f"{first:.3f} | {max(f[1] for f in firsts)} MiB | < 2x warm ({2 * warm:.3f}) {verdict} |",
        flush=True,
    )
    seconds, mib = timed(journals.mine(["check"]), env)
    print(
        f"| {journals.size:,} {journals.mode} | check | {seconds:.3f} | {mib} MiB | "
        f"< 5 s {'ok' if seconds < 5 else 'OVER'} |",
        flush=True,
    )


def writes(groups: list[list[Journals]], runs: int) -> None:
    """Each write at every size of a shape, the sizes in turn (see WRITES); the files the
    writes made are removed after, so a journal kept with --dir keeps its size."""
    for group in groups:
        for journals in group:
            files_now(journals, "list")
        for label, arguments in WRITES.items():
            commands = [(journals, journals.mine(arguments)) for journals in group]
            for journals, command in commands:
                if label in WRITE_SETUP:
                    timed(journals.mine(WRITE_SETUP[label]), journals.env)
                timed(command, journals.env)  # warm
                if label in WRITE_AFTER:
                    timed(journals.mine(WRITE_AFTER[label]), journals.env)
            times: dict[int, list[float]] = {journals.size: [] for journals in group}
            peaks = dict.fromkeys(times, 0)
            for _ in range(runs):
                for journals, command in commands:
                    seconds, mib = timed(command, journals.env)
                    times[journals.size].append(seconds)
                    peaks[journals.size] = max(peaks[journals.size], mib)
                    if label in WRITE_AFTER:
                        timed(journals.mine(WRITE_AFTER[label]), journals.env)
            first = statistics.median(times[group[0].size])
            for journals in group:
                seconds = statistics.median(times[journals.size])
                verdict = "ok" if seconds <= FLAT * first else "OVER"
                print(
                    f"| {journals.size:,} {journals.mode} | {label} | {seconds:.3f} | "
                    f"{peaks[journals.size]} MiB | flat ({seconds / first:.2f}x at "
                    f"{group[0].size:,}) {verdict} |",
                    flush=True,
                )
        for journals in group:
            files_now(journals, "remove-new")


# Lists a journal's entry files into a file, or removes those not in that list. In a child
# process: a set of 100,000 paths here would grow this process, and on Linux every child's
# peak memory counts its parent's size at the fork (see MODES).
FILES = """
import os, sys
journal, listing, action = sys.argv[1:]
found = set()
for folder, _, names in os.walk(journal):
    found.update(os.path.join(folder, n) for n in names if n.endswith(".toml"))
found.discard(os.path.join(journal, "mentorlog.toml"))
if action == "list":
    with open(listing, "w") as out:
        out.write("\\n".join(sorted(found)))
else:
    with open(listing) as given:
        before = set(given.read().split("\\n"))
    for path in found - before:
        os.unlink(path)
    os.unlink(listing)
"""


def files_now(journals: Journals, action: str) -> None:
    listing = journals.folder / "entry-files.txt"
    subprocess.run(
        [sys.executable, "-c", FILES, str(journals.mentorlog), str(listing), action], check=True
    )


def workspace(path: Path | None) -> tuple[Path, bool]:
    """Where journals go, and whether to remove it at the end. A given folder must be new, or
    one this script made before (it holds MARKER): nothing else is ever written to."""
    if path is None:
        return Path(tempfile.mkdtemp(prefix="mentorlog-bench-")), True
    if path.exists() and not (path / MARKER).exists():
        raise SystemExit(
            f"bench: {path} exists and was not made by this benchmark; "
            "give a new folder (or one it made before)."
        )
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).write_text("Journals generated by benchmarks/bench.py; safe to delete.\n")
    return path, False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="main pairs, 1,000 and 10,000, 3 runs")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--modes", nargs="+", choices=MODES)
    parser.add_argument("--dir", type=Path, help="keep the journals here for the next run")
    parser.add_argument("--no-jrnl", action="store_true", help="time mentorlog alone")
    parser.add_argument("--vs-jrnl", action="store_true", help=argparse.SUPPRESS)  # old name
    options = parser.parse_args()
    sizes = options.sizes or ([1000, 10000] if options.quick else [1000, 10000, 100000])
    runs = options.runs or (3 if options.quick else 7)
    modes = options.modes or (["stress"] if options.quick else list(MODES))
    base, temporary = workspace(options.dir)
    jrnl = None if options.no_jrnl else jrnl_command()
    try:
        print(
            f"\nmentorlog beside jrnl {JRNL_VERSION}, {date.today().isoformat()}, "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; medians of {runs} warm runs, interleaved\n"
        )
        print(
            "| entries | mentorlog / jrnl | mentorlog s | jrnl s | ratio | mentorlog MiB "
            "| jrnl MiB | budget |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        prepared = []
        for size in sizes:
            for mode in modes:
                journals = prepare(base, size, mode)
                prepared.append(journals)
                # jrnl reads its text file in seconds at 100,000; mentorlog's 100,000 are alone.
                if size <= 10000:
                    side_by_side(journals, jrnl, runs, options.quick)
        print("\nmentorlog alone\n")
        print("| entries | what | s | peak | budget |")
        print("| --- | --- | --- | --- | --- |")
        write_sizes = {FIRST_WRITE_SIZE, *(s for s in sizes if not options.quick or s <= 1000)}
        groups = [
            [
                next((j for j in prepared if (j.size, j.mode) == (size, mode)), None)
                or prepare(base, size, mode)
                for size in sorted(write_sizes)
            ]
            for mode in modes
        ]
        writes(groups, runs)
        for journals in prepared:
            alone(journals, runs, options.quick)
    finally:
        if temporary:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
