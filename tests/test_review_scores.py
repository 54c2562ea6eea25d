"""Reviews scored by both sides: each writes `mentor review NAME --score CATEGORY=N` in their
own clone; the journal shows each side's latest scores, names where they are 2 or more apart,
and draws each category's trend."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, template_editor


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def review(run: Run, journal: Path, day: str, *scores: str) -> None:
    args = [a for s in scores for a in ("--score", s)]
    result = run("-j", str(journal), "mentor", "review", "daniel", *args, "--date", day, input="")
    assert result.exit_code == 0, result.stderr


def test_both_sides_score_and_a_gap_is_named(run: Run, pair: tuple[Path, Path]) -> None:
    priya, daniel = pair
    review(run, priya, "2026-09-01", "trust=5", "communication=3", "rhythm=4")
    review(run, priya, "2026-11-01", "trust=4", "communication=2", "rhythm=4")
    review(run, daniel, "2026-11-02", "trust=4", "communication=5", "fit=3")
    assert run("-j", str(daniel), "sync").exit_code == 0
    assert run("-j", str(priya), "sync").exit_code == 0
    assert run("-j", str(daniel), "sync").exit_code == 0  # and Priya's reviews reach Daniel

    shown = run("-j", str(priya), "mentor", "show", "Daniel Okafor", "--json").json()
    scores = shown["mentor"]["scores"]
    assert (
        scores["mentee"]["author"] == "Priya Shah" and scores["mentor"]["author"] == "Daniel Okafor"
    )
    assert {s["category"]: s["score"] for s in scores["mentor"]["scores"]} == {
        "trust": 4,
        "communication": 5,
        "fit": 3,
    }
    (gap,) = scores["gaps"]
    assert (gap["category"], gap["mentee"], gap["mentor"]) == ("communication", 2, 5)
    assert "Talk about communication" in gap["suggestion"]
    trust = next(t for t in scores["trends"] if t["category"] == "trust")
    assert [(p["date"], p["side"], p["score"]) for p in trust["points"]] == [
        ("2026-09-01", "mentee", 5),
        ("2026-11-01", "mentee", 4),
        ("2026-11-02", "mentor", 4),
    ]
    assert [r["side"] for r in shown["reviews"]] == ["mentor", "mentee", "mentee"]
    # The same, in every place that shows the relationship, and from the mentor's clone too.
    for journal in (priya, daniel):
        listed = run("-j", str(journal), "mentor", "list", "--json").json()["mentors"][0]
        assert listed["scores"]["gaps"][0]["category"] == "communication"
    screen = run("-j", str(priya), "mentor", "show", "daniel").stdout
    assert "communication mentee 2  mentor 5" in screen and "2 or more apart" in screen
    assert "▅▄" in screen  # the mentee's trust, 5 then 4
    report = run("-j", str(priya), "report", "--period", "year").stdout
    assert "Review scores (mentee/mentor): trust 4/4 (mentee ▅▄), communication 2/5" in report
    assert "Apart: Communication: Priya Shah scores it 2, Daniel Okafor 5." in report
    markdown = run("-j", str(priya), "report", "--period", "year", "-f", "markdown").stdout
    assert "communication 2/5 (mentee ▃▂)" in markdown


@pytest.mark.parametrize(
    ("score", "said"),
    [
        ("trust=0", "1 (poor) to 5"),
        ("trust=6", "1 (poor) to 5"),
        ("trust=high", "CATEGORY=N"),
        ("trust", "CATEGORY=N"),
        ("=4", "CATEGORY=N"),
        ("vibes=3", "no review category 'vibes'"),
    ],
)
def test_a_bad_score_is_one_sentence_and_nothing_written(
    jrun: Run, journal: Path, score: str, said: str
) -> None:
    before = snapshot(journal)
    result = jrun("mentor", "review", "ana", "--score", score, input="")
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert snapshot(journal) == before


def test_a_journal_s_own_category_and_one_from_another_clone(jrun: Run, journal: Path) -> None:
    config = journal / "mentorlog.toml"
    text = config.read_text()
    head, sep, rest = text.partition("\n[[mentors]]")
    config.write_text(head + '\nreview_categories = ["Feedback"]\n' + sep + rest)
    assert jrun("mentor", "review", "ana", "--score", "feedback=4", input="").exit_code == 0
    # A review written by a clone that knows a category this one does not: shown, not dropped.
    (journal / "reviews" / "2026-11-20-handmade0001.toml").write_text(
        'id = "handmade0001"\ndate = 2026-11-20\nmentor = "Ana Ruiz"\n'
        'created = 2026-11-20 10:00:00+00:00\nauthor = "Ana Ruiz"\n\n'
        '[[scores]]\ncategory = "psychological-safety"\nscore = 4\n'
    )
    shown = jrun("mentor", "show", "ana", "--json").json()
    mentor_side = shown["mentor"]["scores"]["mentor"]
    assert mentor_side["scores"] == [
        {"category": "psychological-safety", "score": 4, "known": False}
    ]
    assert "psychological-safety 4 (not a category here)" in jrun("mentor", "show", "ana").stdout
    assert jrun("check").exit_code == 0


def test_answers_still_come_on_stdin_with_scores(jrun: Run) -> None:
    result = jrun(
        "mentor", "review", "ana", "--score", "trust=4", input="Monthly is right.\n\nYes\n"
    )
    assert result.exit_code == 0, result.stderr
    (row,) = jrun("mentor", "show", "ana", "--json").json()["reviews"]
    assert row["answers"][0]["answer"] == "Monthly is right."
    assert row["scores"] == [{"category": "trust", "score": 4, "known": True}]


def test_a_review_falls_due_after_review_days(tmp_path: Path, jrun: Run, journal: Path) -> None:
    assert jrun("mentor", "review", "ana", "--score", "trust=4", "--date", "2026-09-01",
                input="").exit_code == 0  # fmt: skip
    assert jrun("session", "add", "--notes", "n", "--date", "2026-09-02").exit_code == 0
    seen = tmp_path / "seen.txt"
    # Today (2026-11-23) is 83 days after the last review: past the 60-day default.
    result = jrun("session", "add", "--edit", env=template_editor(tmp_path, seen=seen))
    assert result.exit_code == 0, result.stderr
    assert "How is the relationship going?" in seen.read_text()


def _review_warnings(jrun: Run, command: str, day: str, **env: str) -> list[str]:
    result = jrun(command, "--json", env={"MENTORLOG_TODAY": day, **env})
    assert result.exit_code == 0, result.stderr
    return [w["message"] for w in result.json()["warnings"] if w["kind"] == "review"]


@pytest.mark.parametrize("cache", ["", "1"])
def test_a_review_that_is_due_shows_in_status_and_agenda(jrun: Run, cache: str) -> None:
    env = {"MENTORLOG_NO_CACHE": cache} if cache else {}

    def on(day: str, *args: str) -> None:
        result = jrun(*args, env={"MENTORLOG_TODAY": day, **env}, input="")
        assert result.exit_code == 0, result.stderr

    for command in ("status", "agenda"):  # the relationship began 2026-11-23, no session yet
        assert _review_warnings(jrun, command, "2026-11-23", **env) == []
    on("2026-11-24", "session", "add", "--notes", "n")
    for command in ("status", "agenda"):
        (message,) = _review_warnings(jrun, command, "2026-11-25", **env)
        assert message == "A review of how it is going with Ana Ruiz is due (none yet)."
    on("2026-11-25", "mentor", "review", "ana", "--score", "trust=4")
    assert _review_warnings(jrun, "status", "2026-11-26", **env) == []
    # Three sessions since: the next one is the fourth, and asks for a review.
    for day in ("2026-12-01", "2026-12-05", "2026-12-10"):
        on(day, "session", "add", "--notes", "n")
    for command in ("status", "agenda"):
        (message,) = _review_warnings(jrun, command, "2026-12-11", **env)
        assert message.endswith("is due (3 sessions since the last).")
    # And sixty days after the last one, whatever the sessions.
    on("2026-12-12", "mentor", "review", "ana", "--score", "trust=5")
    assert _review_warnings(jrun, "status", "2027-02-09", **env) == []
    (message,) = _review_warnings(jrun, "status", "2027-02-10", **env)
    assert message.endswith("is due (the last was 60 days ago).")
