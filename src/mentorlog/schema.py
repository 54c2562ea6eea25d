"""The pydantic model of each class in mentorlog.model, built from its declarations.

Each pydantic model is made with its fields, defaults and aliases taken from the plain class
and its types from the same annotations, with the constraints below in place of the plain names
model.py gives them. What validation.py uses is their core schemas (`core_schemas`), which it
keeps in the cache folder: this module, and with it pydantic, is imported only when they are
not kept yet (or are stale).
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

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


def core_schemas() -> dict[str, Any]:
    """Every class's core schema, by class name, as validation.py keeps them: plain data, each
    model's class given by its name (validation.py puts a stand-in there), without pydantic's
    metadata (functions for JSON schemas, which validation never uses)."""
    schemas = {}
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, Part) and cls is not Part:
            validated = model_of(cls)
            validated.model_rebuild(force=True)
            schemas[cls.__name__] = _as_kept(validated.__pydantic_core_schema__)
    return schemas


def _as_kept(node: Any) -> Any:
    if isinstance(node, dict):
        kept = {key: _as_kept(value) for key, value in node.items() if key != "metadata"}
        if node.get("type") == "model":
            kept["cls"] = _PLAIN[node["cls"]].__name__
        return kept
    if isinstance(node, list):
        return [_as_kept(item) for item in node]
    return node
