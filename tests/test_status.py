"""The dashboard, on the example journal and on small purpose-built ones."""

import sys
from pathlib import Path

from conftest import EXAMPLE, Run


def test_status_on_the_example_journal(run: Run) -> None:
    data = run("-j", str(EXAMPLE), "status", "--json").json()
    meeting = data["meetings"][0]
    # Last session 2026-11-18, today 2026-11-23, monthly cadence.
    assert (meeting["mentor"], meeting["last_session"], meeting["days_since"]) == (
        "Daniel Okafor",
        "2026-11-18",
        5,
    )
    assert meeting["overdue"] is False and meeting["next_meeting"] == "2026-12-03"
    assert [g["handle"] for g in data["goals"]] == [
        "lead-the-billing-service-migration",
        "take-code-review-feedback-without-getting",
    ]
    assert [g["progress"] for g in data["goals"]] == [60, 70]
    assert data["actions"][0]["overdue"] is True  # overdue first
    assert len(data["questions"]) == 2
    assert {w["kind"] for w in data["warnings"]} == {"milestone", "actions"}
    text = run("-j", str(EXAMPLE), "status").stdout
    assert "Daniel Okafor: last met 2026-11-18, 5 days ago" in text
    assert "60%" in text and "Needs attention" in text


def test_lapsed_cadence_is_a_clear_warning(jrun: Run) -> None:
    jrun("session", "add", "--date", "2026-10-01", "--notes", "long ago")
    data = jrun("status", "--json").json()
    assert data["meetings"][0]["days_since"] == 53 and data["meetings"][0]["overdue"] is True
    assert data["warnings"][0]["kind"] == "cadence"
    text = jrun("status").stdout
    assert "53 days ago (every 30)" in text
    # Said once, in the warnings, not again on the meeting line.
    assert text.count("53 days") == 2 and "OVERDUE" not in text
    assert "! 53 days since you met Ana Ruiz (agreed: every 30 days)." in text
    assert "53 days since you met Ana Ruiz" in text


def test_empty_journal_status_says_what_to_do(jrun: Run) -> None:
    result = jrun("status")
    assert result.exit_code == 0
    assert "No active goals" in result.stdout and "mentorlog ask" in result.stdout


def test_recent_activity_is_the_newest_five_of_the_timeline(run: Run, tmp_path: Path) -> None:
    """status picks its recent rows from the tail of each kind's sorted list: they must be the
    five newest of everything the timeline shows, entries and events alike, whatever the kind
    and however many entries share a day."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    for mode, seed in (("stress", 3), ("realistic", 5)):
        journal = tmp_path / mode
        generate(journal, 300, seed=seed, mode=mode)
        # Several entries of several kinds on the newest day, entered in no particular order.
        for command in (
            ["reflect", "Same day one", "--date", "2031-01-01"],
            ["session", "add", "--notes", "Same day two", "--date", "2031-01-01"],
            ["reflect", "Same day three", "--date", "2031-01-01"],
        ):
            assert run("-j", str(journal), *command).exit_code == 0, command
        timeline = run("-j", str(journal), "timeline", "--json").json()["entries"]
        newest = list(reversed(timeline))[:5]  # the timeline runs oldest first
        recent = run("-j", str(journal), "status", "--json").json()["recent"]
        assert [(r["kind"], r["id"], r["date"]) for r in recent] == [
            (r["kind"], r["id"], r["date"]) for r in newest
        ], mode
        titles = {r["title"] for r in recent}
        assert {"Same day one", "Same day two", "Same day three"} <= titles, mode
