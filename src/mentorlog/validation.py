"""Checking a file's data (or a new entry's) against its class, without importing pydantic.

pydantic turns each class's declarations into a core schema (schema.py): plain data that
pydantic-core, the compiled half of pydantic, validates with. Importing pydantic's Python half
to build those schemas took 0.04-0.06 s of every write, more than a third of `session add`.
So the schemas pydantic made are kept in the cache folder (`validators.pickle`, stamped with
the versions of mentorlog, its model and schema files, and pydantic-core), and a later run
gives them to pydantic-core directly: the same schema, so the same checks and the same errors.
Each validated object is a stand-in of its class (pydantic-core fills its fields as it would a
pydantic model's), turned into the plain class at once, nested parts included.

Anything odd about the kept file (missing, damaged, stale, another user's, or no cache to keep
it in) and pydantic makes the schemas again, as it always did.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mentorlog import __version__, model
from mentorlog.model import Part

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

NAME = "validators.pickle"

# Where the schemas are kept (the cache folder), set by the journal when its cache may be
# used; None: made by pydantic in each run, never written (MENTORLOG_NO_CACHE, a cache folder
# inside the journal).
kept_in: Path | None = None

P = TypeVar("P", bound=Part)


class Validated:
    """What pydantic-core makes of a model schema: an object with these four slots."""

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )
    __pydantic_extra__: dict[str, Any] | None


# By class name, the stand-in a schema names; and for each stand-in, the plain class.
_STANDINS: dict[str, type[Validated]] = {}
_PLAIN: dict[type[Validated], type[Part]] = {}
_VALIDATORS: dict[type[Part], SchemaValidator] = {}


def keep_schemas_in(folder: Path | None) -> None:
    global kept_in
    kept_in = folder


def keep_schemas_for(root: Path) -> None:
    """Keep schemas in the cache folder when the cache may be used for this journal."""
    from mentorlog import cache

    keep_schemas_in(cache.cache_dir() if cache.usable(root) else None)


def validate(cls: type[P], data: Any) -> P:
    """`data` (a file's table) as a `cls`, or pydantic-core's ValidationError (pydantic's) naming
    what is wrong.

    A `created` written without a UTC offset is read as UTC, and the part remembers it (check
    reports it)."""
    naive = issubclass(cls, model.Stamped) and _without_offset(
        data.get("created") if isinstance(data, dict) else None
    )
    if naive:
        data = {**data, "created": _as_utc(data["created"])}
    if isinstance(data, dict):  # parts given to a constructor (a new goal's milestones…)
        data = {key: model.as_data(value) for key, value in data.items()}
    part = _plain(_validator(cls).validate_python(data))
    if naive:
        part._created_without_offset = True  # type: ignore[attr-defined]
    return part  # type: ignore[return-value]


def prepare() -> None:
    """Import pydantic-core and read the kept schemas now (a write does it while a child
    process walks the goal files)."""
    import pydantic_core  # noqa: F401

    _kept()


def _validator(cls: type[Part]) -> SchemaValidator:
    found = _VALIDATORS.get(cls)
    if found is None:
        from pydantic_core import SchemaValidator

        schemas = _kept()
        if cls.__name__ not in schemas:
            from mentorlog import schema

            schemas.update(schema.core_schemas())
            _keep(schemas)
        found = SchemaValidator(_with_standins(schemas[cls.__name__]))
        _VALIDATORS[cls] = found
    return found


def _with_standins(node: Any) -> Any:
    """A schema as kept (each model's class by its name) with the stand-ins in their place."""
    if isinstance(node, dict):
        copied = {key: _with_standins(value) for key, value in node.items()}
        if copied.get("type") == "model" and isinstance(copied.get("cls"), str):
            copied["cls"] = _standin(copied["cls"])
        return copied
    if isinstance(node, list):
        return [_with_standins(item) for item in node]
    return node


def _standin(name: str) -> type[Validated]:
    found = _STANDINS.get(name)
    if found is None:
        plain = getattr(model, name)
        found = type(name, (Validated,), {"__slots__": (), "__module__": __name__})
        _STANDINS[name] = found
        _PLAIN[found] = plain
    return found


def _plain(validated: Validated) -> Part:
    cls = _PLAIN[type(validated)]
    part = object.__new__(cls)
    stores = part.__dict__
    values = validated.__dict__
    for name in cls._fields:
        value = values[name]
        if type(value) is list and value and isinstance(value[0], Validated):
            value = [_plain(item) for item in value]
        elif isinstance(value, Validated):
            value = _plain(value)
        stores[name] = value
    if validated.__pydantic_extra__:
        part._extra = dict(validated.__pydantic_extra__)
    return part


@functools.cache
def _stamp() -> str:
    from pydantic_core import __version__ as core_version

    files = [os.stat(model.__file__), os.stat(Path(model.__file__).with_name("schema.py"))]
    times = ":".join(f"{info.st_size}:{info.st_mtime_ns}" for info in files)
    return f"{__version__}:{core_version}:{times}"


_read: dict[str, Any] | None = None


def _kept() -> dict[str, Any]:
    """The schemas kept by an earlier run (read once a run), or none."""
    global _read
    if _read is None:
        _read = _read_kept() or {}
    return _read


def _read_kept() -> dict[str, Any] | None:
    from mentorlog import cache

    if kept_in is None:
        return None
    found = cache.read_stamped(kept_in / NAME, _stamp(), 1)
    return found[0] if found is not None and isinstance(found[0], dict) else None


def _keep(schemas: dict[str, Any]) -> None:
    from mentorlog import cache

    if kept_in is not None:
        cache.write_stamped(kept_in / NAME, _stamp(), [schemas])


def _without_offset(value: object) -> bool:
    return isinstance(value, dt.date) and (
        not isinstance(value, dt.datetime) or value.tzinfo is None
    )


def _as_utc(value: dt.date) -> dt.datetime:
    """A `created` written without an offset (or as a plain date) is read as UTC, the same on
    every machine, so every clone orders changes alike (`check` says so)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
