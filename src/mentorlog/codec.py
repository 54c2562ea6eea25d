"""Entries and changes as JSON text (what the index keeps), and back: plain data, so nothing
read from the index can run code.

A part is a JSON object of its instance's values (its fields, and what the loader and the fold
set on it, such as `_by` or `_edits`) with its class's name under "~". Reading it back builds
only the classes of mentorlog.model (any other name: the index is damaged, and made again),
turning the values its annotations say are dates, instants or tuples back into them. Unknown
keys a file holds (`_extra`) may be of any TOML type: they are kept as one JSON string of
their own, each value tagged with its type.

Each class's annotations say once which of its values JSON holds as they are (strings,
numbers, lists of them): only the others are made plain, or read back, one by one. The text is
written by pydantic-core's JSON writer (compiled, three times quicker than json's), and read
by its reader where the process has loaded it, else by json's.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import json
import re
import sys
import typing
from collections.abc import Callable
from typing import Any, Literal

from mentorlog import model
from mentorlog.digest import blake2b
from mentorlog.entries import duplicate_key
from mentorlog.model import Entry, Part

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
_ATOMS = (str, int, bool, float)
# What pydantic-core writes as ISO text and arrays, read back by _CONVERT.
_WRITTEN = ("dt.date", "dt.datetime", "tuple")


def _as_is(name: str, written: bool = False) -> bool:
    """Whether a name in an annotation stands for a value JSON holds as it is (`written`: that
    pydantic-core writes as it is; dates, instants and tuples it writes in ISO text and as
    arrays, and they are read back by _CONVERT): an atom, a list of them, a Literal, or a name
    of model.py's for one of these (Id, Percent, GoalStatus…)."""
    if name in ("None", "list", "Literal") or (written and name in _WRITTEN):
        return True
    found = getattr(builtins, name, None) or getattr(model, name, None)
    if typing.get_origin(found) is Literal:
        return all(isinstance(value, _ATOMS) for value in typing.get_args(found))
    return found in _ATOMS


class Names(typing.NamedTuple):
    """A class's annotated names: those whose values JSON holds as they are, and the others
    (made plain, or read back, one by one)."""

    plain: frozenset[str]
    others: tuple[str, ...]

    @property
    def known(self) -> frozenset[str]:
        return self.plain | set(self.others)


def _names(cls: type[Part], written: bool = False) -> Names:
    """Names, for what pydantic-core writes (`written`) or for what JSON reads back."""
    plain: dict[str, bool] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            text = re.sub(r"\"[^\"]*\"|'[^']*'", "", str(annotation))
            names = re.findall(r"[A-Za-z_][\w.]*", text)
            if "ClassVar" not in names:
                plain[name] = all(_as_is(word, written) for word in names) and name != "_extra"
    return Names(
        frozenset(name for name, as_is in plain.items() if as_is),
        tuple(name for name, as_is in plain.items() if not as_is),
    )


_READ = {name: _names(cls) for name, cls in CLASSES.items()}
_WRITE = {name: _names(cls, written=True) for name, cls in CLASSES.items()}
# Every name a class annotates: a value under any other name (none is written today) is
# made plain, or read back, the slow way.
_KNOWN = {name: names.known for name, names in _READ.items()}
_new = object.__new__


def _tree(part: Part) -> dict[str, Any]:
    """A part as plain data: its values, each made plain where JSON does not hold it as it is,
    and its class's name under TAG."""
    cls = type(part)
    name = cls.__name__
    values = dict(part.__dict__)
    for key in _WRITE[name].others:
        value = values.get(key)
        if value is None or type(value) is str:
            continue
        if key == "_extra":
            values[key] = json.dumps(_tagged(dict(value)), ensure_ascii=False)
        else:
            values[key] = _plain_value(value)
    if not values.keys() <= _KNOWN[name]:
        for key in values.keys() - _KNOWN[name]:
            values[key] = _plain_value(values[key])
    values[TAG] = name
    return values


def _plain_value(value: Any) -> Any:
    kind = type(value)
    if kind is list or kind is tuple:
        return [_plain_value(item) for item in value]
    if isinstance(value, Part):
        return _tree(value)
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if kind is dict:
        return {key: _plain_value(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    raise TypeError(f"not kept in the index: {kind.__name__}")


# For what pydantic-core will not write: escaped, a lone surrogate is still plain ASCII text.
# (What JSON has no type for in a tree is a date: _plain_value writes it as ISO text.)
_ENCODER = json.JSONEncoder(default=_plain_value, separators=(",", ":"), check_circular=False)


def _compiled() -> Any:
    """pydantic-core, for its JSON writer (three times quicker than json's), imported at first
    use: what writes to the index has validated a file or a new entry, and loaded it already."""
    global _COMPILED
    if _COMPILED is None:
        import pydantic_core

        _COMPILED = pydantic_core
    return _COMPILED


_COMPILED: Any = None


def encode(item: Part) -> str:
    tree = _tree(item)
    try:
        text: str = _compiled().to_json(tree).decode()
        return text
    except ValueError:  # what it refuses (a lone surrogate), json writes
        return _ENCODER.encode(tree)


def same_digest(entry: Entry) -> str:
    """A digest of what copies of an entry share (entries.duplicate_key, with privacy): equal
    for two entries of a kind exactly when they are one recorded twice."""
    values = (entry.private, *duplicate_key(entry))
    try:  # plain values (strings, numbers, dates, tuples of them): JSON tells them apart
        key: bytes = _compiled().to_json(values)
    except ValueError:  # a lone surrogate
        key = repr(values).encode("utf-8", "surrogatepass")
    return blake2b(key, digest_size=16).hexdigest()


def _part(values: dict[str, Any]) -> Any:
    name = values.pop(TAG, None)
    if name is None:
        raise Damaged("an object without its class")
    cls = CLASSES.get(name)
    if cls is None:
        raise Damaged(f"an unknown class {name!r}")
    convert = _CONVERT[name]
    for key in _READ[name].others:
        value = values.get(key)
        if value is None:
            continue
        if key == "_extra":
            values[key] = _untagged(json.loads(value))
            continue
        value = _parts_in(value)
        values[key] = convert[key](value) if key in convert else value
    if not values.keys() <= _KNOWN[name]:
        for key in values.keys() - _KNOWN[name]:
            values[key] = _parts_in(values[key])
    part = _new(cls)
    part.__dict__.update(values)
    return part


def _parts_in(value: Any) -> Any:
    """A value read back from JSON with each object in it made the part it was."""
    kind = type(value)
    if kind is dict:
        return _part(value)
    if kind is list:
        return [_parts_in(item) for item in value]
    return value


def decode(text: str) -> Any:
    """The part encoded in `text`; Damaged when it is not what `encode` writes.

    Read by pydantic-core's JSON reader (twice as quick as json's) when this process has
    loaded it already, else by json's: a read from the index alone never imports it (17 ms)."""
    compiled = sys.modules.get("pydantic_core")
    try:
        found = None
        if compiled is not None:
            with contextlib.suppress(ValueError, TypeError):  # a lone surrogate: json reads it
                found = compiled.from_json(text, cache_strings="keys")
        if found is None:
            found = json.loads(text)
        if type(found) is not dict:
            raise TypeError(f"not a part: {type(found).__name__}")
        return _part(found)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
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
