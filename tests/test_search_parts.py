"""Search names what a person reads: each hit in a check-in, a milestone or an action item is
dated by that part and labelled by what it is, milestone notes are searched, and an action
item kept private is a private hit."""

from __future__ import annotations

from pathlib import Path

from conftest import Run


def _journal(jrun: Run) -> None:
    for step in (
        ("goal", "add", "Learn Rust"),
        ("goal", "progress", "learn-rust", "20", "--note", "Borrow checker clicked",
         "--date", "2026-11-10"),
        ("goal", "milestone", "learn-rust", "Finish the book", "--due", "2026-12-01"),
        ("goal", "achieve", "learn-rust", "1", "--note", "The borrow chapter was hardest",
         "--date", "2026-11-20"),
        ("session", "add", "--date", "2026-11-15", "--notes", "Talked",
         "--action", "Read about borrow rules"),
        ("goal", "add", "Quiet plan", "--private"),
        ("action", "add", "Borrow time from the plan", "--goal", "quiet-plan"),
    ):  # fmt: skip
        result = jrun(*step)
        assert result.exit_code == 0, (step, result.stderr)


def test_hits_in_parts_carry_their_own_date_and_label(jrun: Run, journal: Path) -> None:
    _journal(jrun)
    found = jrun("search", "borrow", "--json").json()
    by_text = {m["text"]: (h, m) for h in found["hits"] for m in h["matches"]}
    checkin, line = by_text["Borrow checker clicked"]
    assert (checkin["date"], checkin["part"], line["where"]) == (
        "2026-11-10",
        "check-in",
        "check-in",
    )
    note, line = by_text["The borrow chapter was hardest"]  # a milestone's note is searched
    assert (note["date"], note["part"], line["where"]) == (
        "2026-11-20",
        "milestone",
        "milestone note",
    )
    action, line = by_text["Read about borrow rules"]
    assert (action["date"], action["part"], line["where"]) == (
        "2026-11-15",
        "action item",
        "action item",
    )
    assert action["private"] is False
    secret, _ = by_text["Borrow time from the plan"]
    assert secret["private"] is True  # about a private goal, in a public session
    days = [h["date"] for h in found["hits"]]
    assert days == sorted(days)
    screen = jrun("search", "borrow").stdout
    assert "checkins[" not in screen and "actions[" not in screen and "milestones[" not in screen
    assert "2026-11-10" in screen and "check-in" in screen and "milestone note:" in screen
    shared = jrun("search", "borrow", "--format", "markdown").stdout
    assert "Borrow checker clicked" in shared and "Borrow time from the plan" not in shared


def test_since_chooses_by_the_date_a_hit_is_shown_with(jrun: Run, journal: Path) -> None:
    _journal(jrun)
    late = jrun("search", "borrow", "--since", "2026-11-16", "--json").json()["hits"]
    assert late and all(h["date"] >= "2026-11-16" for h in late)
    assert "Borrow checker clicked" not in str(late)
