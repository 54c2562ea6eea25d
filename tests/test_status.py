"""The dashboard, on the example journal and on small purpose-built ones."""

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
