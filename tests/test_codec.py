"""The index's JSON (codec.py): every entry and change, folded as the index keeps them, reads
back as it was written, whichever JSON reader the process has; what is not a part is Damaged."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest

from conftest import EXAMPLE
from mentorlog import codec, reading
from mentorlog.fold import fold
from mentorlog.model import ENTRY_KINDS, Answer, CheckIn, Part


def plain(value: Any) -> Any:
    """A part as its class and every value it holds, the fold's too, for comparing."""
    if isinstance(value, Part):
        return (type(value).__name__, {key: plain(v) for key, v in value.__dict__.items()})
    if isinstance(value, list | tuple):
        return (type(value).__name__, [plain(v) for v in value])
    if isinstance(value, dict):
        return {key: plain(v) for key, v in value.items()}
    if isinstance(value, dt.datetime):  # equal instants in two zones are not the same value
        return (value, value.utcoffset())
    return value


def folded_example() -> list[Any]:
    items: list[Any] = []
    for model in ENTRY_KINDS.values():
        loaded = reading.read_all(EXAMPLE, [model])
        fold(loaded.entries, loaded.changes)
        items += loaded.entries + loaded.changes
    return items


def test_every_folded_entry_and_change_reads_back_as_it_was() -> None:
    items = folded_example()
    assert any(getattr(item, "_edits", ()) for item in items)  # the fold's values among them
    assert any(getattr(item, "checkins", []) for item in items)
    for item in items:
        assert plain(codec.decode(codec.encode(item))) == plain(item), item.path


def test_text_json_and_pydantic_core_would_refuse_reads_back() -> None:
    answer = Answer.construct(prompt="lone \udcff surrogate", answer='esc \x1b "q" \u2028 é ~')
    check_in = CheckIn.construct(date=dt.date(2026, 1, 2), progress=40, note="tab\there \udcff")
    check_in._at = dt.datetime(2026, 1, 2, 9, 30, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    check_in._extra = {"~": {"x": [1, 2.5, float("inf")]}, "at": dt.time(10, 0), "on": True}
    for part in (answer, check_in):
        assert plain(codec.decode(codec.encode(part))) == plain(part)


def test_a_process_that_never_loaded_pydantic_core_reads_the_same() -> None:
    items = folded_example()
    texts = [codec.encode(item) for item in items]
    script = (
        "import json, sys\n"
        "from mentorlog import codec\n"
        "texts = json.load(sys.stdin)\n"
        "parts = [codec.decode(text) for text in texts]\n"
        "assert 'pydantic_core' not in sys.modules\n"
        "print(json.dumps([codec.encode(p) for p in parts]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    again = json.loads(done.stdout)
    assert [plain(codec.decode(t)) for t in again] == [plain(item) for item in items]


@pytest.mark.parametrize(
    "text",
    ["[1]", "{}", '{"~": "Nope"}', "not json", '{"~": "Answer", "x": [{"a": 1}]}', '"text"'],
)
def test_what_encode_never_writes_is_damaged(text: str) -> None:
    with pytest.raises(codec.Damaged):
        codec.decode(text)
