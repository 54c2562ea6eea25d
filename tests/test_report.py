"""`report`: a review of a period, against figures worked out by hand (see tests/builders.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLE, Run, screen_env, snapshot, unstyled


def report(run: Run, journal: Path, *args: str) -> dict[str, Any]:
    result = run("-j", str(journal), "report", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = result.json()
    return data


def test_quarter_to_date(run: Run, history: Path) -> None:
    before = snapshot(history)
    data = report(run, history, "--period", "quarter")
    assert snapshot(history) == before
    assert data["period"] == {
        "start": "2026-10-01",
        "end": "2026-11-23",
        "label": "2026 Q4 (to date)",
        "days": 54,
    }
    ship, workshop = data["goals"]
    # At the end of 09-30 the latest check-in was 45% (09-05); at the end, 70% (10-20).
    assert (ship["progress_start"], ship["progress_end"], ship["delta"]) == (45, 70, 25)
    assert (ship["checkins"], ship["milestones_reached"], ship["sessions"]) == (1, 1, 1)
    assert ship["changed"] == (
        "Up 25 points, 45% → 70%; 1 milestone reached; discussed in 1 session."
    )
    assert workshop["new"] is True and workshop["status_start"] is None
    assert workshop["changed"] == (
        "Added this period; Up 30 points, 0% → 30%; not discussed in a session."
    )
    # Beta: added 07-01, reached 10-20 (111 days), 5 days after its due date.
    assert [
        (m["title"], m["done"], m["took_days"], m["on_time"]) for m in data["milestones_reached"]
    ] == [("Beta", "2026-10-20", 111, False)]
    (ana,) = data["relationships"]
    # Meetings 08-20 (before the period) and 10-02; gaps 43 days, then 52 days to 11-23.
    assert (ana["sessions_held"], ana["sessions_expected"]) == (1, 1)
    assert ana["longest_gap_days"] == 52
    assert [(g["from"], g["to"], g["days"]) for g in ana["lapses"]] == [
        ("2026-08-20", "2026-10-02", 43),
        ("2026-10-02", None, 52),
    ]
    assert [a["text"] for a in data["actions"]["done"]] == ["Write spec"]
    assert [(a["text"], a["overdue"]) for a in data["actions"]["open"]] == [
        ("Invite team", True),
        ("Book review", False),
    ]
    received, given = data["feedback"]["received"], data["feedback"]["given"]
    assert [s["text"] for s in received["strengths"]] == ["Clear specs"]
    assert [s["text"] for s in received["improvements"]] == ["Shorter demos"]
    assert [(s["text"], s["person"]) for s in given["strengths"]] == [("Fast reviews", "Kim")]
    assert [r["text"] for r in data["reflections"]] == ["Learned to cut scope"]
    assert data["questions"] == {"asked": 1, "discussed": 0}
    assert [w["kind"] for w in data["warnings"]] == [
        "cadence",
        "review",  # sessions were held, and no review of the relationship yet
        "milestone",
        "smart",
        "actions",
        "aging",
    ]


def test_a_past_period(run: Run, history: Path) -> None:
    data = report(run, history, "--since", "2026-07-01", "--until", "2026-09-30")
    assert data["period"]["days"] == 92
    (ship,) = data["goals"]  # the workshop goal did not exist yet
    assert (ship["progress_start"], ship["progress_end"]) == (0, 45)
    assert [m["title"] for m in data["milestones_reached"]] == ["Design"]
    (ana,) = data["relationships"]
    # 07-01 start → 07-20 (19) → 08-20 (31) → 09-30 (41): two gaps longer than 30 days.
    assert (ana["sessions_held"], ana["sessions_expected"], ana["longest_gap_days"]) == (2, 3, 41)
    assert [g["days"] for g in ana["lapses"]] == [31, 41]
    # Write spec was still open at the end of September; done later does not count here.
    assert data["actions"]["done"] == []
    assert [a["text"] for a in data["actions"]["open"]] == ["Write spec", "Book review"]
    assert data["warnings"] == []  # health is about today, not a past period


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--period", "month"], ("2026-11-01", "2026-11-23", "November 2026 (to date)")),
        (
            ["--period", "year", "--until", "2025-06-30"],
            ("2025-01-01", "2025-06-30", "2025 (to 2025-06-30)"),
        ),
        (["--period", "quarter", "--until", "2026-09-30"], ("2026-07-01", "2026-09-30", "2026 Q3")),
        (
            ["--period", "month", "--since", "2026-01-31"],
            ("2026-01-31", "2026-02-27", "1 month from 2026-01-31"),
        ),
        ([], ("2026-08-24", "2026-11-23", "2026-08-24 to 2026-11-23")),
        (["--since", "2026-11-01"], ("2026-11-01", "2026-11-23", "2026-11-01 to 2026-11-23")),
    ],
)
def test_period_resolution(
    run: Run, history: Path, args: list[str], expected: tuple[str, str, str]
) -> None:
    period = report(run, history, *args)["period"]
    assert (period["start"], period["end"], period["label"]) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "week"], "--period"),
        (["--period", "month", "--since", "2026-01-01", "--until", "2026-02-01"], "not both"),
        (["--since", "2026-11-01", "--until", "2026-10-01"], "--since"),
        (["--format", "pdf"], "--format"),
        (["--until", "someday"], "--until"),
    ],
)
def test_bad_options_exit_2_naming_them(
    run: Run, history: Path, args: list[str], message: str
) -> None:
    result = run("-j", str(history), "report", *args)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_rich_report_on_screen(run: Run, history: Path) -> None:
    out = unstyled(
        run("-j", str(history), "report", "--period", "quarter", env=screen_env(80)).stdout
    )
    assert out.startswith("Mentoring report: 2026 Q4 (to date)\n")
    assert "█████████▓▓▓▓▓░░░░░░  45% →  70% (+25)" in out  # 20 wide: 9 kept, 5 gained
    flat = " ".join(out.split())
    assert (
        "Ana Ruiz: 1 session (1 expected, every 30 days); longest gap 52 days, 2 gaps "
        "longer than agreed." in flat
    )
    assert "Action items: 1 done, 2 still open" in out
    assert "+ Clear specs (Ana Ruiz, 2026-11-02)" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def inline_texts(markdown: str) -> list[str]:
    """The text a CommonMark renderer shows for each paragraph, heading and list item."""
    texts = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            texts.append(
                "".join(
                    child.content
                    for child in token.children or []
                    if child.type in ("text", "code_inline", "softbreak")
                )
            )
    return texts


def test_markdown_report_is_commonmark(run: Run, history: Path) -> None:
    text = run("-j", str(history), "report", "--period", "quarter", "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [
        ("h1", "Mentoring report: 2026 Q4 (to date)"),
        ("h2", "Goals"),
        ("h2", "Wins"),
        ("h2", "Sessions"),
        ("h3", "Ana Ruiz"),  # each relationship with its own sessions
        ("h2", "Action items"),
        ("h2", "Feedback"),
        ("h3", "Received (1)"),
        ("h3", "Given (1)"),
        ("h2", "Reflections"),
        ("h2", "Needs attention"),
    ]
    texts = inline_texts(text)
    assert (
        "Ship the API: Up 25 points, 45% → 70%; 1 milestone reached; discussed in 1 "
        "session." in texts
    )
    assert "Overdue: Invite team (due 2026-10-30)" in texts
    assert not any("\\" in t for t in texts)  # every escape was consumed by the renderer


def test_markdown_keeps_peoples_words_literal(run: Run, journal: Path) -> None:
    hostile = "# *Ship* the <b>API</b> [v2](x) & co_op `x` 1. ~~no~~ &amp;"
    run("-j", str(journal), "goal", "add", hostile)
    run(
        "-j",
        str(journal),
        "feedback",
        "add",
        "--received",
        "--from",
        "Ana",
        "--strength",
        "- > not a quote",
        "--improve",
        "2) not a list",
    )
    run("-j", str(journal), "reflect", "line one\n===\n    four spaces\n---")
    text = run("-j", str(journal), "report", "--format", "markdown").stdout
    html = MarkdownIt("commonmark").render(text)
    assert "<b>" not in html and "<a " not in html and "<em>" not in html and "<ol" not in html
    assert "<blockquote>\n<p>line one<br />\n===<br />\nfour spaces<br />\n---</p>" in html
    texts = inline_texts(text)
    assert any(t.startswith(hostile) for t in texts)
    assert "- > not a quote (Ana, 2026-11-23)" in texts
    assert "2) not a list (Ana, 2026-11-23)" in texts


def test_concluded_relationship_in_the_report(run: Run, history: Path) -> None:
    run(
        "-j",
        str(history),
        "mentor",
        "conclude",
        "Ana Ruiz",
        "--date",
        "2026-11-20",
        "--retrospective",
        "Shipped the beta.\nThanks, Ana!",
    )
    data = report(run, history, "--period", "quarter")
    (ana,) = data["relationships"]
    assert ana["concluded"] is True and ana["ended"] == "2026-11-20"
    assert ana["retrospective"] == "Shipped the beta.\nThanks, Ana!"
    assert ana["longest_gap_days"] == 49  # 10-02 to the end on 11-20
    assert "cadence" not in [w["kind"] for w in data["warnings"]]
    out = run("-j", str(history), "report", "--period", "quarter").stdout
    assert "Concluded on 2026-11-20." in out and "Thanks, Ana!" in out
    status = run("-j", str(history), "status").stdout
    assert "Ana Ruiz: relationship concluded 2026-11-20 after 3 sessions" in status


def test_report_json_is_stable(run: Run) -> None:
    first = run("-j", str(EXAMPLE), "report", "--period", "year", "--format", "json").stdout
    second = run("-j", str(EXAMPLE), "report", "--period", "year", "--format", "json").stdout
    assert first == second


def test_report_on_the_example_journal(run: Run) -> None:
    data = report(run, EXAMPLE, "--period", "quarter", "--until", "2026-09-30")
    talk = next(g for g in data["goals"] if g["handle"] == "give-a-talk-at-the-regional-meetup")
    # 25% on 06-10 before the quarter; achieved on 09-25.
    assert (talk["progress_start"], talk["progress_end"]) == (25, 100)
    assert talk["changed"].startswith("Achieved on 2026-09-25, 25% → 100%; 2 milestones")
    daniel, maya = data["relationships"]
    assert (daniel["sessions_held"], daniel["sessions_expected"]) == (3, 3)
    # Maya: every 14 days from 07-01 to 09-30 (92 days, 6 expected); one session on 08-27.
    assert (maya["sessions_held"], maya["sessions_expected"], maya["concluded"]) == (1, 6, True)
    assert [g["days"] for g in maya["lapses"]] == [57, 34]
    assert maya["retrospective"].startswith("What was achieved?\nThe talk landed")
    text = run(
        "-j",
        str(EXAMPLE),
        "report",
        "--period",
        "quarter",
        "--until",
        "2026-09-30",
        "--format",
        "markdown",
    ).stdout
    assert (
        "Maya Lindqvist: 1 of 6 expected sessions (every 14 days); longest gap 57 days, 2 "
        "gaps longer than agreed. Concluded on 2026-09-30." in text
    )
    assert "> What was achieved?\\\n> The talk landed: 31 feedback cards." in text
