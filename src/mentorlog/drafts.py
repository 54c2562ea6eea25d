"""Text a person typed that is not in the journal yet: a session template that could not be
saved, a reflection interrupted half-way. Kept on this machine, outside the journal (it may
be private), readable by its owner alone, until the command that resumes it writes it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mentorlog.writes import state_folder


def _path(root: Path, name: str) -> Path:
    return state_folder(root) / f"{name}.json"


def keep(root: Path, name: str, data: dict[str, Any]) -> None:
    """Keep `data` under `name` (replacing what was kept), all or nothing."""
    path = _path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape") as stream:
        stream.write(json.dumps(data, ensure_ascii=False))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temp, path)


def kept(root: Path, name: str) -> dict[str, Any] | None:
    """What was kept under `name`, if anything readable."""
    try:
        data = json.loads(_path(root, name).read_text(encoding="utf-8", errors="surrogateescape"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def forget(root: Path, name: str) -> None:
    _path(root, name).unlink(missing_ok=True)
