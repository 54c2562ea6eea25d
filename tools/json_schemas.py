"""docs/schemas/: a JSON Schema (2020-12) for every `--json` shape, made from the typed shapes.

    python3 dev.py docs    rewrite docs/schemas/ (with docs/json.md and the rest)

Each reading command's View names its TypedDict in `mentorlog.report.shapes`; pydantic writes
that TypedDict's schema. `export --format json` is made of the entry models in
`mentorlog.model`, read here the same way. Every object is closed (`additionalProperties:
false`) except in an export, where entries keep the unknown keys of hand-written files.
`tests/test_json_shapes.py` checks that the files are what this makes, and validates every
command's real output against its schema.
"""

from __future__ import annotations

import json
import sys
import typing
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMAND_MODULES = (
    "actions",
    "check",
    "feedback",
    "goals",
    "mentors",
    "reports",
    "roster",
    "sessions",
    "sharing",
    "status",
)


def views() -> dict[str, tuple[str, int]]:
    """Every shape a command prints as JSON: its id -> (TypedDict name, version)."""
    from mentorlog.output import View

    found: dict[str, tuple[str, int]] = {}
    modules = [f"mentorlog.cli.{name}" for name in COMMAND_MODULES]
    modules += [f"mentorlog.reads.{name}" for name in ("status", "reports", "lists")]
    for name in modules:
        module = import_module(name)
        for value in vars(module).values():
            if isinstance(value, View) and value.shape:
                found[value.shape_id] = (value.shape, value.version)
    return dict(sorted(found.items()))


def _closed(node: Any) -> None:
    """Every object schema with properties closed to other keys, in place."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def _headed(schema: dict[str, Any], shape: str, version: int, title: str) -> dict[str, Any]:
    schema["properties"] = {
        "shape": {"const": shape, "description": "Which shape this document is."},
        "shape_version": {
            "const": version,
            "description": "The shape's version: raised when a key changes meaning or goes.",
        },
        **schema["properties"],
    }
    schema["required"] = ["shape", "shape_version", *schema.get("required", [])]
    return {
        "$schema": DRAFT,
        "$id": f"{shape}.schema.json",
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def shape_schema(name: str, shape: str, version: int) -> dict[str, Any]:
    from pydantic import TypeAdapter

    from mentorlog.report import shapes

    schema = TypeAdapter(getattr(shapes, name)).json_schema(mode="serialization")
    _closed(schema)
    return _headed(schema, shape, version, f"mentorlog {shape} --json")


# --- export: the entry models --------------------------------------------------------------------


def _typed(cls: type, made: dict[type, Any]) -> Any:
    """A TypedDict with a model class's fields (those with a default not required), its parts
    made the same way; for pydantic to describe."""
    from typing import NotRequired

    from typing_extensions import TypedDict

    from mentorlog import model

    if cls in made:
        return made[cls]
    hints = typing.get_type_hints(cls, vars(model))

    def convert(annotation: Any) -> Any:
        if isinstance(annotation, type) and issubclass(annotation, model.Part):
            return _typed(annotation, made)
        origin = typing.get_origin(annotation)
        if origin is None:
            return annotation
        args = tuple(convert(a) for a in typing.get_args(annotation))
        if origin in (list, tuple):
            return list[args[0]]  # type: ignore[valid-type]
        if origin is typing.Literal:
            return annotation
        return typing.Union[args]  # noqa: UP007 - built from a tuple of members

    fields: dict[str, Any] = {}
    for name in cls._fields:  # type: ignore[attr-defined]
        key = cls._aliases.get(name, name)  # type: ignore[attr-defined]
        kind = convert(hints[name])
        fields[key] = NotRequired[kind] if name in cls._defaults else kind  # type: ignore[attr-defined]
    typed = TypedDict(cls.__name__, fields)  # type: ignore[misc]
    made[cls] = typed
    return typed


def export_schema(version: int) -> dict[str, Any]:
    from pydantic import TypeAdapter
    from typing_extensions import TypedDict

    from mentorlog import model

    made: dict[type, Any] = {}
    classes = {cls.folder: cls for cls in model.ENTRY_KINDS.values()}
    rows = {}
    for folder, cls in classes.items():
        entry = _typed(cls, made)
        rows[folder] = TypedDict(  # type: ignore[operator]
            f"{cls.__name__}Row", {"kind": str, "path": str, **entry.__annotations__}
        )
    document = TypedDict(
        "Export",
        {
            "owner": str,
            "today": date,
            "mentors": list[_typed(model.Mentor, made)],  # type: ignore[misc]
            **{folder: list[row] for folder, row in rows.items()},  # type: ignore[valid-type]
        },
    )
    schema = TypeAdapter(document).json_schema(mode="serialization")
    # Entries, and every table in them, keep the unknown keys of hand-written files: only the
    # document itself is closed.
    schema["additionalProperties"] = False
    return _headed(schema, "export", version, "mentorlog export --format json")


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every shape."""
    from mentorlog.report.export import EXPORT_VERSION

    out = {
        f"{shape}.schema.json": shape_schema(name, shape, version)
        for shape, (name, version) in views().items()
    }
    out["export.schema.json"] = export_schema(EXPORT_VERSION)
    return out


def text_of(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = all_schemas()
    for stale in OUT.glob("*.schema.json"):
        if stale.name not in wanted:
            stale.unlink()
    for name, schema in wanted.items():
        (OUT / name).write_text(text_of(schema), encoding="utf-8")
    print(f"wrote {len(wanted)} schemas to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
