"""What an install brings: the command, and its manual page where `man` looks for it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_installs_the_man_page(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("mentorlog-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    (page,) = [n for n in names if n.endswith("/data/share/man/man1/mentorlog.1")]
    text = zipfile.ZipFile(wheel).read(page).decode()
    assert text == (ROOT / "docs" / "mentorlog.1").read_text()
    assert ".SH NAME" in text and "mentorlog" in text
