"""HTML pages (`--format html`): self-contained, opened in a real browser (headless Chromium),
journal text never markup, private rows out unless asked, charts told in words too, long lists
folded, and `-o FILE` written whole or not at all."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLE, Run

# What a page is made of: anything else in the DOM came from somewhere it should not.
ELEMENTS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "p",
    "section",
    "ul",
    "li",
    "strong",
    "span",
    "code",
    "time",
    "blockquote",
    "br",
    "div",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "line",
    "polyline",
    "polygon",
    "circle",
    "rect",
    "text",
}
ATTRIBUTES = {
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "datetime",
    "scope",
    "id",
    "xmlns",
    "viewbox",
    "role",
    "aria-labelledby",
    "aria-describedby",
    "aria-label",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "width",
    "height",
    "points",
    "text-anchor",
}

HOSTILE = [
    "<script>alert('t')</script>",
    '"><img src=x onerror=alert(1)>',
    "</svg><script>document.title='owned'</script>",
    "<!-- ]]> --><style>body{display:none}</style>",
    "a & b < c > d \" ' `",
    "javascript:alert(1)",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


BROWSER = chromium()
needs_browser = pytest.mark.skipif(
    BROWSER is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (.ci/run installs it)",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browse(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None, "CI needs headless Chromium: .ci/run installs it"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )


class Dom(HTMLParser):
    """Every element and attribute of a DOM, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markup: str) -> Dom:
    dom = Dom()
    dom.feed(markup)
    return dom


def assert_only_mentorlog_markup(markup: str) -> Dom:
    dom = parsed(markup)
    tags = {tag for tag, _ in dom.elements}
    assert tags <= ELEMENTS, tags - ELEMENTS
    for tag, attrs in dom.elements:
        assert set(attrs) <= ATTRIBUTES, (tag, set(attrs) - ATTRIBUTES)
        assert not any(str(v or "").lower().startswith("javascript:") for v in attrs.values())
    assert sum(1 for tag, _ in dom.elements if tag == "style") == 1
    assert "script" not in tags and "img" not in tags
    return dom


@pytest.fixture
def hostile(tmp_path: Path, run: Run) -> Path:
    """A journal whose every field a person types holds markup and script."""
    root = tmp_path / "hostile"
    evil = " | ".join(HOSTILE)
    assert (
        run(
            "init",
            str(root),
            "--owner",
            f"Sam {HOSTILE[0]}",
            "--mentor",
            f"Ana {HOSTILE[1]}",
            "--cadence",
            "14",
        ).exit_code
        == 0
    )

    def ok(*args: str) -> None:
        result = run("-j", str(root), *args)
        assert result.exit_code == 0, (args, result.stderr)

    ok(
        "goal",
        "add",
        f"Goal {HOSTILE[2]}",
        "--measure",
        evil,
        "--why",
        evil,
        "--due",
        "2027-03-01",
        "-m",
        f"First {HOSTILE[3]}",
        "-m",
        f"Second {HOSTILE[4]}",
    )
    goal = run("-j", str(root), "goal", "list", "--json").json()["goals"][0]["handle"]
    ok(
        "goal",
        "progress",
        goal,
        "20",
        "--note",
        f"line one {HOSTILE[0]}\nline two {HOSTILE[1]}",
        "--date",
        "2026-10-01",
    )
    ok("goal", "progress", goal, "55", "--note", evil, "--date", "2026-11-01")
    ok("goal", "achieve", goal, "1", "--date", "2026-11-02")
    ok(
        "session",
        "add",
        "--date",
        "2026-11-10",
        "--notes",
        f"Notes {evil}\n## not a heading",
        "--title",
        f"Session {HOSTILE[2]}",
        "--goal",
        goal,
        "--action",
        f"Do {HOSTILE[1]}",
        "--next",
        "2026-11-24",
        "--rating",
        "4",
    )
    ok("ask", f"Question {HOSTILE[0]}\nsecond line {HOSTILE[3]}")
    ok(
        "feedback",
        "add",
        "--received",
        "--from",
        f"Lead {HOSTILE[1]}",
        "--strength",
        f"S {HOSTILE[0]}",
        "--improve",
        f"I {HOSTILE[2]}",
        evil,
    )
    ok("win", f"Win {HOSTILE[3]}")
    ok("reflect", f"Reflection {evil}", "--goal", goal)
    return root


PAGES = [
    ("report", ("report", "--period", "year")),
    ("agenda", ("agenda",)),
    ("milestones", ("milestones",)),
    ("goal", ("goal", "show")),
    ("since", ("since", "--since", "2026-01-01")),
]


def page_args(name: str, args: tuple[str, ...], root: Path, run: Run) -> list[str]:
    if name == "goal":
        handle = run("-j", str(root), "goal", "list", "--json").json()["goals"][0]["handle"]
        return [*args, handle]
    return list(args)


@needs_browser
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_no_journal_text_becomes_markup_in_the_browser(
    name: str, args: tuple[str, ...], hostile: Path, run: Run, tmp_path: Path
) -> None:
    out = tmp_path / f"{name}.html"
    result = run(
        "-j", str(hostile), *page_args(name, args, hostile, run), "-f", "html", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    source = out.read_text(encoding="utf-8")
    assert source.startswith("<!DOCTYPE html>")
    assert_only_mentorlog_markup(source)
    browsed = browse(out, tmp_path, "--dump-dom")
    assert browsed.returncode == 0, browsed.stderr[-2000:]
    dom = assert_only_mentorlog_markup(browsed.stdout)
    text = " ".join(dom.text)
    # The journal's words are there, as words, whichever of them this page shows.
    shown = [h for h in HOSTILE if h in text]
    assert len(shown) >= 2, shown

    # No script ran: the page keeps the title mentorlog gave it.
    def title(markup: str) -> str:
        return html.unescape(markup.split("<title>")[1].split("</title>")[0])

    assert title(browsed.stdout) == title(source) and title(source).strip()


@needs_browser
def test_the_report_page_opens_and_its_screenshot_is_drawn(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "report.html"
    result = run("-j", str(EXAMPLE), "report", "--period", "year", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    shot = tmp_path / "report.png"
    browsed = browse(out, tmp_path, "--window-size=1000,2400", f"--screenshot={shot}")
    assert browsed.returncode == 0, browsed.stderr[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a drawn page, not a blank one
    phone = tmp_path / "phone.png"
    assert browse(out, tmp_path, "--window-size=390,1600", f"--screenshot={phone}").returncode == 0
    assert phone.read_bytes().startswith(b"\x89PNG")


def test_a_page_loads_nothing_and_reads_on_a_phone_on_paper_and_in_the_dark(run: Run) -> None:
    result = run("-j", str(EXAMPLE), "report", "--period", "year", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    dom = assert_only_mentorlog_markup(page)
    assert 'name="viewport"' in page
    assert "@media print" in page and "prefers-color-scheme: dark" in page
    policy = [a["content"] for tag, a in dom.elements if a.get("http-equiv")]
    assert policy and "default-src 'none'" in str(policy[0])  # nothing may load, ever
    for tag, attrs in dom.elements:
        for value in attrs.values():
            assert "http://" not in str(value) or tag == "svg", (tag, attrs)
            assert "https://" not in str(value), (tag, attrs)


def test_charts_say_their_values_in_words(run: Run) -> None:
    page = run("-j", str(EXAMPLE), "report", "--period", "year", "-f", "html").stdout
    dom = parsed(page)
    figures = sum(1 for tag, _ in dom.elements if tag == "figure")
    # Progress for each goal with check-ins, sessions by month and ratings per relationship,
    # and the activity heatmap.
    assert figures >= 5
    svgs = [attrs for tag, attrs in dom.elements if tag == "svg" and attrs.get("role") == "img"]
    assert all(
        a.get("aria-label") or (a.get("aria-labelledby") and a.get("aria-describedby"))
        for a in svgs
    )
    assert sum(1 for a in svgs if a.get("aria-describedby")) == figures
    text = " ".join(dom.text)
    assert "Progress of Lead the billing service migration: 5 check-ins, 60% on 2026-11-10" in text
    assert "Sessions with Daniel Okafor by month:" in text
    assert "Activity from 2026-01-01 to 2026-11-23:" in text  # the year so far
    # The values are in a table too: a check-in's day and percentage.
    assert "2026-11-10" in text and "60%" in text


def test_session_ratings_are_charted(journal: Path, run: Run) -> None:
    for day, rating in (("2026-10-01", "3"), ("2026-10-29", "5")):
        added = run(
            "-j", str(journal), "session", "add", "--date", day, "--notes", "n", "--rating", rating
        )
        assert added.exit_code == 0, added.stderr
    page = run("-j", str(journal), "report", "-f", "html").stdout
    text = " ".join(parsed(page).text)
    assert "Session ratings with Ana Ruiz: 2 rated, average 4.0 of 5." in text
    assert "3 of 5" in text and "5 of 5" in text


def test_goal_page_charts_progress_with_its_milestones(run: Run) -> None:
    page = run(
        "-j", str(EXAMPLE), "goal", "show", "lead-the-billing-service-migration", "-f", "html"
    ).stdout
    text = " ".join(parsed(page).text)
    assert "Reached 2026-07-09: Design doc approved" in text  # a reached milestone's mark
    assert "Due 2026-12-15: Cut-over complete" in text  # an open one's
    assert "milestone due" in text and "check-in" in text


def test_private_entries_stay_out_of_pages_unless_asked(journal: Path, run: Run) -> None:
    j = ["-j", str(journal)]
    assert run(*j, "goal", "add", "Secret move", "--measure", "m", "--private").exit_code == 0
    assert run(*j, "goal", "add", "Open goal", "--measure", "m").exit_code == 0
    assert run(*j, "ask", "A private question", "--private").exit_code == 0
    for args in (("report",), ("agenda",), ("milestones",)):
        shared = run(*j, *args, "-f", "html").stdout
        assert "Secret move" not in shared and "A private question" not in shared, args
        mine = run(*j, *args, "-f", "html", "--include-private").stdout
        if args != ("milestones",):
            assert "Secret move" in mine or "A private question" in mine, args
    mine = run(*j, "agenda", "-f", "html", "--include-private").stdout
    assert "A private question" in mine and "(private)" in mine


def test_a_long_list_is_folded_never_cut(journal: Path, run: Run) -> None:
    for number in range(1, 61):
        assert run("-j", str(journal), "ask", f"Question number {number}").exit_code == 0
    page = run("-j", str(journal), "agenda", "-f", "html").stdout
    text = " ".join(parsed(page).text)
    assert all(f"Question number {n}" in text for n in range(1, 61))
    assert "20 more" in text  # 40 shown, the rest under a toggle


def test_output_file_is_written_whole_or_not_at_all(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "out" / "report.html"
    result = run("-j", str(EXAMPLE), "report", "-f", "html", "-o", str(target))
    assert result.exit_code == 2
    assert "--output" in result.stderr and str(target.parent) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.parent.exists()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("-j", str(EXAMPLE), "agenda", "-f", "html", "-o", str(folder))
    assert result.exit_code == 2 and "folder" in result.stderr
    assert list(folder.iterdir()) == []
    good = tmp_path / "agenda.html"
    good.write_text("old page")
    result = run("-j", str(EXAMPLE), "agenda", "-f", "html", "-o", str(good))
    assert result.exit_code == 0, result.stderr
    assert good.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")) == []


def test_an_unwritable_output_folder_is_one_sentence(run: Run) -> None:
    # /proc takes no new file, not even from root (CI runs as root, so a chmod would not do).
    result = run("-j", str(EXAMPLE), "report", "-f", "html", "-o", "/proc/mentorlog-report.html")
    assert result.exit_code == 2, result.stderr
    assert "Nothing was written" in result.stderr and "--output" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Path("/proc/mentorlog-report.html").exists()


def test_html_is_refused_where_there_is_no_page(run: Run) -> None:
    result = run("-j", str(EXAMPLE), "timeline", "-f", "html")
    assert result.exit_code == 2 and "html" not in result.stderr.split("shows")[1]


def test_the_roster_page(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "roster.html"
    result = run("roster", str(EXAMPLE.parent), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    dom = assert_only_mentorlog_markup(out.read_text())
    assert "Priya Shah" in " ".join(dom.text)


@needs_browser
def test_the_roster_page_of_hostile_journals(hostile: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "roster.html"
    result = run("roster", str(hostile.parent), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    browsed = browse(out, tmp_path, "--dump-dom")
    assert browsed.returncode == 0
    dom = assert_only_mentorlog_markup(browsed.stdout)
    assert f"Sam {HOSTILE[0]}" in " ".join(dom.text)
