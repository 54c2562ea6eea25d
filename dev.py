#!/usr/bin/env python3
"""Set-up and chores with nothing but python3: makes .venv, installs, runs.

python3 dev.py demo    install mentorlog and show the example journal
python3 dev.py test    install the test tools and run the test suite
python3 dev.py lint    ruff and mypy
python3 dev.py bench   mentorlog beside jrnl at 1,000, 10,000 and 100,000 entries (--quick: 2 min)
python3 dev.py docs    rewrite docs/json.md's examples, docs/commands.md and the man page
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXAMPLE = ROOT / "examples" / "journal"


def run(*command: str | Path, **env: str) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env={**os.environ, **env})
    if result.returncode != 0:
        sys.exit(result.returncode)


def install(extras: str = "") -> None:
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    marker = VENV / f".installed{extras}"
    stamp = (ROOT / "pyproject.toml").stat().st_mtime_ns
    if marker.exists() and marker.read_text() == str(stamp):
        return
    print(f"Installing mentorlog{extras} into .venv ...", flush=True)
    run(
        BIN / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-e",
        f".{extras}",
    )
    marker.write_text(str(stamp))


def demo() -> None:
    install()
    mentorlog = BIN / "mentorlog"
    print("\n$ mentorlog -j examples/journal status\n", flush=True)
    run(mentorlog, "-j", EXAMPLE, "status")
    print(
        "\n$ mentorlog -j examples/journal goal show lead-the-billing-service-migration\n",
        flush=True,
    )
    run(mentorlog, "-j", EXAMPLE, "goal", "show", "lead-the-billing-service-migration")
    print("\n$ mentorlog -j examples/journal agenda\n", flush=True)
    run(mentorlog, "-j", EXAMPLE, "agenda")


def test() -> None:
    install("[dev]")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


def lint() -> None:
    install("[dev]")
    run(BIN / "ruff", "check", "src", "tests", "benchmarks", "tools", "dev.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "benchmarks", "tools", "dev.py")
    run(BIN / "mypy")


def bench() -> None:
    install("[dev]")
    run(BIN / "python", "benchmarks/bench.py", *sys.argv[2:])


def docs() -> None:
    install()
    run(BIN / "python", "tools/json_docs.py")
    run(BIN / "python", "tools/json_schemas.py")
    run(BIN / "python", "tools/cli_docs.py")


COMMANDS = {"demo": demo, "test": test, "lint": lint, "bench": bench, "docs": docs}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
