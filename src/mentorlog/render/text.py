"""A person's text made safe to show: it is displayed, never obeyed.

Journal text comes from other people (a mentor's clone, a file fixed by hand). A control
character in it (an escape sequence, a carriage return, a bidirectional override) could clear
the screen, retitle the window or hide lines, so each one is shown as a visible escape instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

# C0 and C1 controls and DEL, and the Unicode controls that reorder or hide text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_AND_BREAKS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\x85]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, one_line: bool = True) -> str:
    """The text with every control character shown as an escape (`\\x1b`); line breaks too
    when it must stay on one line."""
    pattern = _CONTROLS_AND_BREAKS if one_line else _CONTROLS
    return pattern.sub(_visible, text)


_HOLD_NO_TEXT = frozenset({int, float, bool, type(None), date, datetime})


def clean_data(value: Any) -> Any:
    """A report's data with every string cleaned (line breaks kept), for a screen or Markdown:
    one pass where the data meets the renderers, so no renderer can forget it.

    Dicts and lists are cleaned in place: the data is built for this one output, and a copy
    would double a long search's memory. Cleaning clean text changes nothing."""
    kind = type(value)
    # Printable ASCII holds no control character: most strings, returned without a search (a
    # dashboard's data at 100,000 entries holds ~100,000 of them).
    if kind is str and value.isascii() and value.isprintable():
        return value
    if kind in _HOLD_NO_TEXT:  # the rest of a row's values, before any slower test
        return value
    if isinstance(value, str):
        return clean(value, one_line=False)
    if kind is dict or isinstance(value, dict):
        for key, item in value.items():
            value[key] = clean_data(item)
        return value
    if kind is list or isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = clean_data(item)
        return value
    if isinstance(value, tuple):
        return [clean_data(item) for item in value]
    if isinstance(value, Iterator):  # rows made one at a time (search's hits): as they come
        return map(clean_data, value)
    return value
