"""One clock does not outvote everyone: a clone whose clock ran years ahead writes an edit;
after a sync, the edits made later anywhere still win, `check` names the change dated in the
future, and a write from a clock more than a day behind the journal's latest change is told."""

from __future__ import annotations

from pathlib import Path

from conftest import Git, Run, two_clones


def _clones(run: Run, git: Git, tmp_path: Path) -> tuple[Path, Path]:
    return two_clones(
        run,
        git,
        tmp_path,
        ("ours", "Sam Lee"),
        "Ana Ruiz",
        ["Speak up", "--due", "2027-01-01"],
        ("skewed", "Sam on the old laptop"),
    )


def test_a_clock_years_ahead_does_not_keep_the_last_word(
    run: Run, git: Git, tmp_path: Path
) -> None:
    ours, skewed = _clones(run, git, tmp_path)
    ahead = {"MENTORLOG_TODAY": "2999-01-01"}
    wrong = run("-j", str(skewed), "goal", "edit", "speak-up", "--title", "Skewed title", env=ahead)
    assert wrong.exit_code == 0, wrong.stderr
    assert run("-j", str(skewed), "sync", env=ahead).exit_code == 0
    assert run("-j", str(ours), "sync").exit_code == 0
    assert run("-j", str(ours), "goal", "show", "speak-up", "--json").json()["title"] == (
        "Skewed title"
    )
    # Made later here, with a right clock: it wins, and the person hears about the clock.
    fixed = run("-j", str(ours), "goal", "edit", "speak-up", "--title", "Speak up in meetings")
    assert fixed.exit_code == 0, fixed.stderr
    assert "clock" in fixed.stderr and "2999-01-01" in fixed.stderr
    shown = run("-j", str(ours), "goal", "show", "speak-up", "--json").json()
    assert shown["title"] == "Speak up in meetings"
    again = run("-j", str(ours), "goal", "edit", "speak-up", "--due", "2027-02-01")
    assert again.exit_code == 0
    assert run("-j", str(ours), "goal", "show", "speak-up", "--json").json()["due"] == "2027-02-01"
    # The other clone, after a sync, sees the same: every clone orders the changes alike.
    assert run("-j", str(ours), "sync").exit_code == 0
    assert run("-j", str(skewed), "sync").exit_code == 0
    there = run("-j", str(skewed), "goal", "show", "speak-up", "--json").json()
    assert (there["title"], there["due"]) == ("Speak up in meetings", "2027-02-01")
    checked = run("-j", str(ours), "check")
    assert "in the future" in checked.stdout and "2999-01-01" in checked.stdout


def test_check_names_what_changes_holds_that_is_never_read(jrun: Run, journal: Path) -> None:
    assert jrun("goal", "add", "Speak up").exit_code == 0
    changes = journal / "changes"
    (changes / "goalz" / "2026").mkdir(parents=True)
    (changes / "goalz" / "2026" / "2026-11-01-aaaaaaaaaaaa.toml").write_text('change = "x"\n')
    (changes / "stray.toml").write_text("this is = not toml [\n")
    checked = jrun("check")
    assert checked.exit_code != 0
    assert "changes/goalz" in checked.stdout and "does not read" in checked.stdout
    assert "changes/stray.toml" in checked.stdout
