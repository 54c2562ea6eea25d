"""pydantic's own models of mentorlog's classes, built from the same declarations: the
reference tests/test_validation.py holds mentorlog's pydantic-core schemas (validation.py)
against."""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from mentorlog import model
from mentorlog.model import Part

CONSTRAINTS: dict[str, Any] = {
    "Id": Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z_-]{2,63}$")],
    "Slug": Annotated[str, StringConstraints(pattern=r"^[0-9a-z][0-9a-z-]{0,63}$")],
    "Text": str,
    "Percent": Annotated[int, Field(ge=0, le=100)],
    "Minutes": Annotated[int, Field(ge=0, le=24 * 60)],
    "Days": Annotated[int, Field(ge=1, le=3650)],
    "Rating": Annotated[int, Field(ge=1, le=5)],
    "Name": Annotated[str, Field(min_length=1)],
    "FormatVersion": Annotated[int, Field(ge=1)],
    "ReviewEvery": Annotated[int, Field(ge=1, le=100)],
}


class Validated(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


_MODELS: dict[type[Part], type[Validated]] = {}
_PLAIN: dict[type[Validated], type[Part]] = {}


class _Names(Mapping[str, Any]):
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


def plain_class(validated: type[Validated]) -> type[Part]:
    return _PLAIN[validated]
