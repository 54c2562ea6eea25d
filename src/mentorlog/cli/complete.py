"""Shell completion of what the journal in use holds: goal slugs, entry ids, mentor names.

Each completer reads as little as it can (the goals, or mentorlog.toml), and never fails: in a
folder with no journal, or a journal that does not load, it offers nothing and the shell falls
back to commands and options.
"""

from __future__ import annotations

from typing import Any

import typer

from mentorlog.kinds import ENTRY_KINDS, EVENT_KINDS

KINDS = (*ENTRY_KINDS, *EVENT_KINDS)


def _journal(ctx: typer.Context) -> Any:
    from mentorlog.journal import Journal, find_journal

    root = ctx.find_root()
    option = root.params.get("journal") if root is not None else None
    return Journal(find_journal(option))


def _safely(make: Any) -> list[str]:
    try:
        return list(make())
    except Exception:  # completion must never print a traceback into a shell
        return []


def goals(ctx: typer.Context, incomplete: str) -> list[str]:
    def make() -> list[str]:
        loaded = _journal(ctx).load(["goal"])
        return [g.slug for g in loaded.goals if g.slug.startswith(incomplete)]

    return _safely(make)


def mentors(ctx: typer.Context, incomplete: str) -> list[str]:
    def make() -> list[str]:
        return [
            m.name
            for m in _journal(ctx).config.mentors
            if m.name.casefold().startswith(incomplete.casefold())
        ]

    return _safely(make)


def _ids(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    from mentorlog.handles import short_id

    def make() -> list[str]:
        loaded = _journal(ctx).load([kind])
        return [short_id(e.id) for e in loaded.of_kind(kind) if e.id.startswith(incomplete)]

    return _safely(make)


def sessions(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, incomplete, "session")


def actions(ctx: typer.Context, incomplete: str) -> list[str]:
    from mentorlog.handles import short_id

    def make() -> list[str]:
        loaded = _journal(ctx).load(["session"])
        return [
            short_id(a.id)
            for s in loaded.sessions
            for a in s.actions
            if a.is_open and a.id.startswith(incomplete)
        ]

    return _safely(make)


def kinds(incomplete: str) -> list[str]:
    return [k for k in KINDS if k.startswith(incomplete)]
