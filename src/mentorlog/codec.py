"""Entries and changes as JSON text (what the index keeps), and back: plain data, so nothing
read from the index can run code.

A part is a JSON object of its instance's values (its fields, and what the loader and the fold
set on it, such as `_by` or `_edits`) with its class's name under "~". Reading it back builds
only the classes of mentorlog.model (any other name: the index is damaged, and made again),
turning the values its annotations say are dates, instants or tuples back into them. Unknown
keys a file holds (`_extra`) may be of any TOML type: they are kept as one JSON string of
their own, each value tagged with its type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from mentorlog import model
from mentorlog.model import Part

TAG = "~"


class Damaged(ValueError):
    """What the index holds is not what it writes."""


def _classes() -> dict[str, type[Part]]:
    found: dict[str, type[Part]] = {}
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, Part) and value is not Part:
            found[value.__name__] = value
    return found


CLASSES = _classes()


def _converters(cls: type[Part]) -> dict[str, Callable[[Any], Any]]:
    """For each value of the class read back as something JSON does not have, its name and
    how to make it (annotations are strings here: `from __future__ import annotations`)."""
    found: dict[str, Callable[[Any], Any]] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            text = str(annotation)
            if text.startswith("ClassVar") or name in ("_extra",):
                continue
            if "dt.datetime" in text:
                found[name] = dt.datetime.fromisoformat
            elif "dt.date" in text:
                found[name] = dt.date.fromisoformat
            elif text.startswith("tuple["):
                found[name] = tuple
            else:
                found.pop(name, None)
    return found


_CONVERT = {name: _converters(cls) for name, cls in CLASSES.items()}
# The values of each class written as ISO text (the rest JSON has as they are).
_DATES = {
    cls: [name for name, convert in _CONVERT[name_].items() if convert is not tuple]
    for name_, cls in CLASSES.items()
}
_new = object.__new__


def _default(value: Any) -> Any:
    if isinstance(value, Part):
        values = dict(value.__dict__)
        for name in _DATES[type(value)]:
            moment = values.get(name)
            if moment is not None:
                values[name] = moment.isoformat()
        extra = values.get("_extra")
        if extra is not None:
            values["_extra"] = json.dumps(_tagged(dict(extra)), ensure_ascii=False)
        values[TAG] = type(value).__name__
        return values
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    raise TypeError(f"not kept in the index: {type(value).__name__}")


_ENCODER = json.JSONEncoder(
    default=_default, ensure_ascii=False, separators=(",", ":"), check_circular=False
)


def encode(item: Part) -> str:
    return _ENCODER.encode(item)


def _hook(values: dict[str, Any]) -> Any:
    name = values.pop(TAG, None)
    if name is None:
        raise Damaged("an object without its class")
    cls = CLASSES.get(name)
    if cls is None:
        raise Damaged(f"an unknown class {name!r}")
    for field, convert in _CONVERT[name].items():
        value = values.get(field)
        if value is not None:
            values[field] = convert(value)
    extra = values.get("_extra")
    if extra is not None:
        values["_extra"] = _untagged(json.loads(extra))
    part = _new(cls)
    part.__dict__.update(values)
    return part


def decode(text: str) -> Any:
    """The part encoded in `text`; Damaged when it is not what `encode` writes."""
    try:
        return json.loads(text, object_hook=_hook)
    except (ValueError, TypeError, KeyError) as error:
        raise Damaged(str(error)) from None


# Unknown keys' values, tagged: [type, value], so a table that holds a "~" stays a table.
def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        return ["t", [[key, _tagged(item)] for key, item in value.items()]]
    if isinstance(value, list):
        return ["l", [_tagged(item) for item in value]]
    if isinstance(value, dt.datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, dt.time):
        return ["tm", value.isoformat()]
    return ["v", value]


def _untagged(value: Any) -> Any:
    kind, held = value
    if kind == "t":
        return {key: _untagged(item) for key, item in held}
    if kind == "l":
        return [_untagged(item) for item in held]
    if kind == "dt":
        return dt.datetime.fromisoformat(held)
    if kind == "d":
        return dt.date.fromisoformat(held)
    if kind == "tm":
        return dt.time.fromisoformat(held)
    if kind == "v":
        return held
    raise Damaged(f"an unknown value tag {kind!r}")
