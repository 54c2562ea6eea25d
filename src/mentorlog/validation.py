"""Checking a file's data (or a new entry's) against its class, with pydantic-core.

Each class of mentorlog.model declares its fields as annotations; this module turns those
declarations into pydantic-core schemas (the compiled half of pydantic, the same checks and
the same error messages as pydantic's models) when a class is first validated in a run.
pydantic's Python half is never imported (it cost 0.04-0.06 s of every write), and nothing is
kept between runs. The names model.py gives its constrained values (Id, Slug, Percent…) mean
the constraints in CONSTRAINTS.

This module does not import mentorlog.model: the classes come as arguments, so the model can
ask for validation without a circle of imports.
"""

from __future__ import annotations

import datetime as dt
import sys
import typing
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

P = TypeVar("P")


class _Constraint:
    """A name from model.py's annotations that stands for a constrained type (a class, so
    that `Percent | None` reads as a union)."""

    name = ""


# What each constrained name checks (see model.py, where they are plain types).
CONSTRAINTS: dict[str, tuple[str, dict[str, Any]]] = {
    "Id": ("str", {"pattern": r"^[0-9a-z][0-9a-z_-]{2,63}$"}),
    "Slug": ("str", {"pattern": r"^[0-9a-z][0-9a-z-]{0,63}$"}),
    "Text": ("str", {}),
    "Name": ("str", {"min_length": 1}),
    "Percent": ("int", {"ge": 0, "le": 100}),
    "Minutes": ("int", {"ge": 0, "le": 24 * 60}),
    "Days": ("int", {"ge": 1, "le": 3650}),
    "Rating": ("int", {"ge": 1, "le": 5}),
    "FormatVersion": ("int", {"ge": 1}),
    "ReviewEvery": ("int", {"ge": 1, "le": 100}),
}

_VALIDATORS: dict[type, SchemaValidator] = {}


def _is_part(value: Any) -> bool:
    return isinstance(value, type) and hasattr(value, "_fields") and hasattr(value, "construct")


def _hints(cls: type) -> dict[str, Any]:
    """The class's annotations, resolved in its module, the constrained names as markers."""
    names: dict[str, Any] = {
        name: type(name, (_Constraint,), {"name": name}) for name in CONSTRAINTS
    }
    module = vars(sys.modules[cls.__module__])
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            if name in cls._fields:  # type: ignore[attr-defined]
                text = annotation if isinstance(annotation, str) else None
                # Our own annotations, never a journal's text.
                hints[name] = eval(text, module, names) if text else annotation
    return hints


def _schema(annotation: Any) -> Any:
    from pydantic_core import core_schema as cs

    if isinstance(annotation, type) and issubclass(annotation, _Constraint):
        base, constraints = CONSTRAINTS[annotation.name]
        return cs.str_schema(**constraints) if base == "str" else cs.int_schema(**constraints)
    if annotation is str:
        return cs.str_schema()
    if annotation is bool:
        return cs.bool_schema()
    if annotation is int:
        return cs.int_schema()
    if annotation is dt.datetime:
        return cs.datetime_schema()
    if annotation is dt.date:
        return cs.date_schema()
    if _is_part(annotation):
        return _part_schema(annotation)
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        return cs.list_schema(_schema(arguments[0]))
    if origin is Literal:
        return cs.literal_schema(list(arguments))
    if type(None) in arguments:  # X | None
        (inner,) = [a for a in arguments if a is not type(None)]
        return cs.nullable_schema(_schema(inner))
    raise TypeError(f"no schema for {annotation!r}")  # pragma: no cover - a new field type


def _part_schema(cls: Any) -> Any:
    """A part as a typed dict: its fields (alias and name both accepted), defaults, and any
    unknown key kept."""
    from pydantic_core import core_schema as cs

    hints = _hints(cls)
    fields = {}
    for name in cls._fields:
        inner = _schema(hints[name])
        required = name not in cls._defaults
        if not required:
            default = cls._defaults[name]
            inner = (
                cs.with_default_schema(inner, default_factory=list)
                if default == []
                else cs.with_default_schema(inner, default=default)
            )
        alias = cls._aliases.get(name)
        fields[name] = cs.typed_dict_field(
            inner,
            required=required,
            validation_alias=[[alias], [name]] if alias else None,
        )
    return cs.no_info_after_validator_function(
        lambda data: _plain(cls, data),
        cs.typed_dict_schema(fields, extra_behavior="allow", total=False),
    )


def _plain(cls: Any, data: dict[str, Any]) -> Any:
    """The validated dict (a new one, every field in it) as the plain class: its fields in
    place, other keys kept as `_extra`."""
    part = object.__new__(cls)
    if len(data) > len(cls._fields):
        fields = cls._fields
        extra = {key: data.pop(key) for key in [k for k in data if k not in fields]}
        part.__dict__ = data
        part._extra = extra
    else:
        part.__dict__ = data
    return part


def _validator(cls: type) -> SchemaValidator:
    found = _VALIDATORS.get(cls)
    if found is None:
        from pydantic_core import SchemaValidator

        found = _VALIDATORS[cls] = SchemaValidator(_part_schema(cls))
    return found


def new(cls: type[P], values: dict[str, Any]) -> P:
    """A new part made by a command from these values (parts among them as their data),
    validated like a file's."""
    return validate(cls, {key: as_data(value) for key, value in values.items()})


def validate(cls: type[P], data: Any) -> P:
    """`data` (a file's table) as a `cls`, or pydantic-core's ValidationError naming what is
    wrong.

    A `created` written without a UTC offset is read as UTC, and the part remembers it (check
    reports it)."""
    naive = (
        "created" in cls._fields  # type: ignore[attr-defined]
        and isinstance(data, dict)
        and _without_offset(data.get("created"))
    )
    if naive:
        data = {**data, "created": _as_utc(data["created"])}
    part: P = _validator(cls).validate_python(data)
    if naive:
        part._created_without_offset = True  # type: ignore[attr-defined]
    return part


def as_data(value: Any) -> Any:
    """A value with every part in it as the data it holds, lists included."""
    if hasattr(value, "as_dict") and hasattr(type(value), "_fields"):
        return value.as_dict()
    if type(value) is list:
        return [as_data(item) for item in value]
    return value


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
