"""docs/json.md's examples are the example journal's real output, cut short: this makes them.

    python3 dev.py docs    rewrite every example in docs/json.md from the example journal

`tests/test_json_shapes.py` compares each example with the output of the installed command, so
the page cannot drift from what mentorlog prints.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "json.md"
# Given relative to the project, as the README does, so the page holds no machine's own path.
EXAMPLE_ARG = "examples/journal"
# A section's own ```json block: the body may not run into the next section.
SECTION = re.compile(
    r"^## `mentorlog (?P<command>[^`]+)`\n(?P<body>(?:(?!^## ).)*?)"
    r"```json\n(?P<json>.*?)```",
    re.S | re.M,
)
# Lists in the examples keep this many items; the rest are left out to keep the page short.
SHOWN_ITEMS = 2
# The day each example is made on: the agenda is shown before the next meeting.
DAYS = {"agenda": "2026-12-20"}
DEFAULT_DAY = "2026-11-23"


def documented() -> list[tuple[str, Any]]:
    """Each documented command with the JSON the page shows for it."""
    return [(m["command"], json.loads(m["json"])) for m in SECTION.finditer(DOC.read_text())]


def day_for(command: str) -> str:
    return DAYS.get(shlex.split(command)[0], DEFAULT_DAY)


def cut(document: Any) -> Any:
    """The document with every list cut to its first SHOWN_ITEMS items."""
    if isinstance(document, dict):
        return {key: cut(value) for key, value in document.items()}
    if isinstance(document, list):
        return [cut(item) for item in document[:SHOWN_ITEMS]]
    return document


def as_shown(document: Any) -> str:
    return json.dumps(cut(document), indent=2, ensure_ascii=False) + "\n"


def real_output(command: str) -> Any:
    mentorlog = Path(sys.executable).parent / "mentorlog"
    env = {**os.environ, "MENTORLOG_TODAY": day_for(command), "NO_COLOR": "1"}
    result = subprocess.run(
        [str(mentorlog), "-j", EXAMPLE_ARG, *shlex.split(command)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)


def regenerate() -> None:
    text = DOC.read_text()

    def replace(match: re.Match[str]) -> str:
        fresh = as_shown(real_output(match["command"]))
        return match[0][: match.start("json") - match.start()] + fresh + "```"

    DOC.write_text(SECTION.sub(replace, text))


if __name__ == "__main__":
    regenerate()
