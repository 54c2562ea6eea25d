"""Private stays private: a public entry never points at a private one.

A clone without private/ (the mentor's) would find a broken link there, and the link itself
would tell that a hidden entry exists. So when a public entry is about a private goal or
session, the link is written as a private `link` change to the public entry instead
(private/changes/…): the owner's reports show it, a shared clone never sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mentorlog.model import Entry

E = TypeVar("E", bound=Entry)


def split_links(private_entry: bool, targets: Sequence[E]) -> tuple[list[E], list[E]]:
    """(links the entry's own file may hold, links to keep on the private side)."""
    if private_entry:
        return list(targets), []
    return [t for t in targets if not t.private], [t for t in targets if t.private]
