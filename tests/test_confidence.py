"""Confidence: how sure the mentee is of reaching a goal, recorded with a check-in (or for each
goal at a session), shown beside progress, and a warning when it falls while progress climbs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, template_editor


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def goal(jrun: Run) -> str:
    assert (
        jrun("goal", "add", "Ship the API", "--measure", "m", "--due", "2027-06-01").exit_code == 0
    )
    return "ship-the-api"


def progress(jrun: Run, goal: str, percent: str, sure: str, day: str) -> None:
    result = jrun("goal", "progress", goal, percent, "--confidence", sure, "--date", day)
    assert result.exit_code == 0, result.stderr


def test_confidence_is_kept_and_shown_beside_progress(jrun: Run, goal: str) -> None:
    progress(jrun, goal, "20", "4", "2026-10-01")
    assert jrun("goal", "progress", goal, "30", "--date", "2026-10-10").exit_code == 0
    data = jrun("goal", "show", goal, "--json").json()
    assert [(c["progress"], c["confidence"]) for c in data["checkins"]] == [(20, 4), (30, None)]
    screen = jrun("goal", "show", goal).stdout
    assert "●●●●○ 4/5" in screen
    page = jrun("goal", "show", goal, "-f", "html").stdout
    assert "4 of 5" in page


@pytest.mark.parametrize("value", ["0", "6", "x", "3.5", "-1", "", "²"])
def test_a_confidence_that_is_not_1_to_5_is_one_sentence(
    jrun: Run, journal: Path, goal: str, value: str
) -> None:
    before = snapshot(journal)
    result = jrun("goal", "progress", goal, "50", "--confidence", value)
    assert result.exit_code == 2
    assert "--confidence" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert snapshot(journal) == before


def test_falling_confidence_while_progress_climbs_is_named(jrun: Run, goal: str) -> None:
    progress(jrun, goal, "20", "5", "2026-10-01")
    progress(jrun, goal, "40", "4", "2026-10-20")
    assert "confidence" not in [w["kind"] for w in jrun("status", "--json").json()["warnings"]]
    progress(jrun, goal, "60", "3", "2026-11-10")
    for command in ("status", "agenda", "report"):
        warnings = jrun(command, "--json").json()["warnings"]
        found = [w for w in warnings if w["kind"] == "confidence"]
        assert len(found) == 1, command
        assert found[0]["subject"] == goal
        assert "progress up 20% → 60% but confidence down 5 → 3" in found[0]["message"]
    assert "confidence down 5 → 3" in jrun("status").stdout


def test_confidence_that_stays_low_is_named(jrun: Run, goal: str) -> None:
    progress(jrun, goal, "10", "2", "2026-10-01")
    assert "confidence" not in [w["kind"] for w in jrun("agenda", "--json").json()["warnings"]]
    progress(jrun, goal, "15", "1", "2026-10-20")
    (warning,) = [
        w for w in jrun("agenda", "--json").json()["warnings"] if w["kind"] == "confidence"
    ]
    assert "confidence 1 of 5 at the last 2 check-ins" in warning["message"]
    # Back up: no warning.
    progress(jrun, goal, "20", "4", "2026-11-01")
    assert "confidence" not in [w["kind"] for w in jrun("agenda", "--json").json()["warnings"]]


def test_a_session_records_confidence_for_each_goal_discussed(jrun: Run, goal: str) -> None:
    progress(jrun, goal, "35", "4", "2026-11-01")
    result = jrun("session", "add", "--notes", "n", "--goal", goal, "--confidence", f"{goal}=2")
    assert result.exit_code == 0, result.stderr
    last = jrun("goal", "show", goal, "--json").json()["checkins"][-1]
    assert (last["progress"], last["confidence"], last["date"]) == (35, 2, "2026-11-23")
    bad = jrun("session", "add", "--notes", "n", "--confidence", "ship-the-api")
    assert bad.exit_code == 2 and "GOAL=N" in bad.stderr
    unknown = jrun("session", "add", "--notes", "n", "--confidence", "nothing-like-it=3")
    assert unknown.exit_code != 0


def test_the_template_records_confidence(tmp_path: Path, jrun: Run, goal: str) -> None:
    env = template_editor(tmp_path, "\nConfidence: ", "\nConfidence: ship-the-api=3")
    result = jrun("session", "add", "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    last = jrun("goal", "show", goal, "--json").json()["checkins"][-1]
    assert last["confidence"] == 3
