"""Validation: the pydantic model of each class in mentorlog.model, built from its declarations.

Only what reads a file (or makes a new entry) imports this module, and with it pydantic; what
the cache holds is validated already. Each pydantic model is made on first use, with its
fields, defaults and aliases taken from the plain class and its types from the same
annotations, with the constraints below in place of the plain names model.py gives them. A
validated model is turned into the plain class at once (`validate`), nested parts included.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from mentorlog import model
from mentorlog.model import Part


def _without_plugins() -> None:
    """Give pydantic no plugins, without its search for them. Building its first validator, it
    looks for plugins among the entry points of every installed package, importing
    importlib.metadata to do so: 0.03-0.04 s of every command that validates (every write).
    mentorlog uses none, and wants none acting on a person's text. PYDANTIC_DISABLE_PLUGINS
    says the same, but only after that import; this module stands in for the one that searches
    (its only function, which pydantic calls when it builds a validator: a test runs a write and
    checks that importlib.metadata was never imported)."""
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name)
        loader.get_plugins = tuple  # type: ignore[attr-defined]
        sys.modules[name] = loader


_without_plugins()

# What the names in model.py's annotations mean when a value is validated.
CONSTRAINTS: dict[str, Any] = {
    "Id": Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z_-]{2,63}$")],
    "Slug": Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z-]{0,63}$")],
    "Percent": Annotated[int, Field(ge=0, le=100)],
    "Minutes": Annotated[int, Field(ge=0, le=24 * 60)],
    "Days": Annotated[int, Field(ge=1, le=3650)],
    "Rating": Annotated[int, Field(ge=1, le=5)],
    "Name": Annotated[str, Field(min_length=1)],
    "FormatVersion": Annotated[int, Field(ge=1)],
    "ReviewEvery": Annotated[int, Field(ge=1, le=100)],
}


class Validated(BaseModel):
    # defer_build: a model's validator is built when first used, so reading a journal builds
    # only the ones its uncached files need.
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


_MODELS: dict[type[Part], type[Validated]] = {}
# The other way: the plain class each pydantic model stands for.
_PLAIN: dict[type[Validated], type[Part]] = {}


class _Names(Mapping[str, Any]):
    """The names an annotation is read with, before model.py's own: the constraints, and each
    part class as its pydantic model (so list[Milestone] validates milestones)."""

    def __getitem__(self, name: str) -> Any:
        if name in CONSTRAINTS:
            return CONSTRAINTS[name]
        found = getattr(model, name, None)
        if isinstance(found, type) and issubclass(found, Part):
            return model_of(found)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(CONSTRAINTS)

    def __len__(self) -> int:
        return len(CONSTRAINTS)


def model_of(cls: type[Part]) -> type[Validated]:
    """The pydantic model validating `cls`, made once."""
    found = _MODELS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, localns=_Names(), include_extras=True)
        fields: dict[str, Any] = {}
        for name in cls._fields:
            default = cls._defaults.get(name, ...)
            alias = cls._aliases.get(name)
            fields[name] = (hints[name], Field(default, alias=alias) if alias else default)
        found = create_model(cls.__name__, __base__=Validated, __module__=__name__, **fields)
        _MODELS[cls] = found
        _PLAIN[found] = cls
    return found


P = TypeVar("P", bound=Part)


def validate(cls: type[P], data: Any) -> P:
    """`data` (a file's table) as a `cls`, or pydantic's ValidationError naming what is wrong.

    A `created` written without a UTC offset is read as UTC, and the part remembers it (check
    reports it)."""
    naive = issubclass(cls, model.Stamped) and _without_offset(
        data.get("created") if isinstance(data, dict) else None
    )
    if naive:
        data = {**data, "created": _as_utc(data["created"])}
    if isinstance(data, dict):  # parts given to a constructor (a new goal's milestones…)
        data = {key: model.as_data(value) for key, value in data.items()}
    part = _plain(model_of(cls).model_validate(data))
    if naive:
        part._created_without_offset = True  # type: ignore[attr-defined]
    return part  # type: ignore[return-value]


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
