"""The installed command as a process: start-up, exit codes, stderr, pipes, a real terminal."""

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, TODAY


def mentorlog(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "MENTORLOG_TODAY": TODAY, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        cwd=cwd,
        timeout=60,
    )


def test_help_and_version() -> None:
    result = mentorlog("--help")
    assert result.returncode == 0
    for command in (
        "init",
        "goal",
        "session",
        "action",
        "reflect",
        "feedback",
        "ask",
        "status",
        "check",
    ):
        assert command in result.stdout
    version = mentorlog("--version")
    assert version.returncode == 0 and version.stdout.startswith("mentorlog ")


def test_usage_error_exits_2_and_user_error_exits_1(tmp_path: Path) -> None:
    assert mentorlog("goal", "add", "--nope").returncode == 2
    result = mentorlog("-j", str(tmp_path), "status")
    assert result.returncode == 1
    assert result.stderr.startswith("mentorlog: ") and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_json_is_the_only_thing_on_stdout() -> None:
    result = mentorlog("-j", str(EXAMPLE), "status", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["owner"] == "Priya Shah" and data["today"] == TODAY


def test_piped_output_and_no_color_have_no_escape_codes() -> None:
    piped = mentorlog("-j", str(EXAMPLE), "status")
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    assert "Lead the billing service" in piped.stdout
    assert all(line == line.rstrip() for line in piped.stdout.splitlines())


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = mentorlog("-j", str(tmp_path), "status", env={"MENTORLOG_DEBUG": "1"})
    assert result.returncode != 0 and "Traceback" in result.stderr


def run_in_terminal(args: list[str], answers: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run mentorlog on a real pseudo-terminal, answering its prompts one by one."""
    main, child = pty.openpty()
    # No pager unless a test asks for one: nobody is there to leave it.
    process = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "MENTORLOG_PAGER": "", **env},
        close_fds=True,
    )
    os.close(child)
    screen = b""
    pending = list(answers)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
            if pending and screen.rstrip().endswith(b">"):
                os.write(main, pending.pop(0).encode() + b"\r")
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(main)
    return process.returncode, screen.decode(errors="replace")


def test_guided_reflection_on_a_terminal(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam").returncode == 0
    code, screen = run_in_terminal(
        ["-j", str(journal), "reflect"],
        ["The demo", "", "Asking for help is fine", "Prepare earlier"],
        {"MENTORLOG_TODAY": TODAY},
    )
    assert code == 0, screen
    assert "What went well?" in screen and "What will I do differently?" in screen
    text = next((journal / "reflections").glob("*.toml")).read_text()
    assert 'prompt = "What went well?"\nanswer = "The demo"' in text
    assert "What did I learn about myself?" not in text  # blank answer skipped
    assert 'answer = "Prepare earlier"' in text


def test_session_add_on_a_terminal_opens_the_editor(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    mentorlog("init", str(journal), "--owner", "Sam", "--mentor", "Ana")
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        "open(p, 'w').write(t.replace('Notes:\\n', 'Notes:\\nFrom the editor\\n'))\n"
    )
    code, screen = run_in_terminal(
        ["-j", str(journal), "session", "add", "--title", "Tty"],
        [],
        {"EDITOR": f"{sys.executable} {editor}"},
    )
    assert code == 0, screen
    text = next((journal / "sessions").rglob("*.toml")).read_text()
    assert 'notes = "From the editor"' in text and 'title = "Tty"' in text


def test_guided_retrospective_on_a_terminal(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam", "--mentor", "Ana Ruiz").returncode == 0
    code, screen = run_in_terminal(
        ["-j", str(journal), "mentor", "conclude", "Ana Ruiz"],
        ["Gave the talk", "", "Keep a tally of reviews", "Ana, for her patience"],
        {"MENTORLOG_TODAY": TODAY},
    )
    assert code == 0, screen
    assert "A closing retrospective with Ana Ruiz" in screen
    assert "What did you learn?" in screen and "Who and what would you like to thank?" in screen
    text = next((journal / "changes" / "mentors").rglob("*.toml")).read_text()
    assert 'change = "conclude"' in text and f"ended = {TODAY}" in text
    assert (
        'retrospective = """\nWhat was achieved?\nGave the talk\n\nWhat will you carry '
        "forward?\nKeep a tally of reviews\n\nWho and what would you like to thank?\n"
        'Ana, for her patience"""'
    ) in text


def test_reports_run_as_processes_and_pipe_plain_text() -> None:
    for args in (
        ["agenda"],
        ["report", "--period", "year"],
        ["milestones"],
        ["timeline"],
        ["search", "billing"],
        ["stats"],
        ["mentor", "list"],
    ):
        result = mentorlog("-j", str(EXAMPLE), *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "\x1b[" not in result.stdout and result.stdout.strip(), args
        # Piped, nothing is cut: every line is as long as its text.
        assert not any(line.rstrip().endswith("…") for line in result.stdout.splitlines()), args


HOSTILE = "Pwn\x1b]0;pwned\x07\x1b[2J\x1b[8mhidden\x1b[0m\x9b31m\u202eevil\r"


def test_entry_text_never_drives_the_terminal(tmp_path: Path) -> None:
    """Escape sequences typed into entries (or written by another clone) reach no screen: on a
    real terminal and piped, every reading command shows them as visible escapes."""
    journal = tmp_path / "j"
    env = {"MENTORLOG_TODAY": TODAY, "COLUMNS": "200"}
    assert mentorlog("init", str(journal), "--owner", "Sam", "--mentor", "Ana").returncode == 0
    for args in (
        [
            "goal",
            "add",
            f"Goal {HOSTILE}",
            "--measure",
            HOSTILE,
            "--due",
            "2026-12-01",
            "-m",
            f"Step {HOSTILE}",
            "-t",
            "x",
        ],
        ["goal", "progress", "goal-pwn", "30", "--note", HOSTILE],
        [
            "session",
            "add",
            "--title",
            HOSTILE,
            "--notes",
            HOSTILE,
            "--action",
            HOSTILE,
            "--goal",
            "goal-pwn",
            "--topic",
            HOSTILE,
        ],
        ["ask", HOSTILE],
        ["reflect", HOSTILE, "--goal", "goal-pwn"],
        ["feedback", "add", "--received", "--from", HOSTILE, "--strength", HOSTILE],
    ):
        result = mentorlog("-j", str(journal), *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "\x1b]" not in result.stdout + result.stderr
    session = json.loads(
        mentorlog("-j", str(journal), "session", "list", "--json", env=env).stdout
    )["sessions"][0]["handle"]
    commands = [
        ["status"],
        ["agenda"],
        ["agenda", "--markdown"],
        ["report"],
        ["report", "--format", "markdown"],
        ["timeline"],
        ["search", "pwn"],
        ["goal", "show", "goal-pwn"],
        ["goal", "list"],
        ["session", "show", session],
        ["session", "list"],
        ["milestones"],
        ["action", "list"],
        ["feedback", "list"],
        ["mentor", "list"],
        ["stats"],
    ]
    for args in commands:
        piped = mentorlog("-j", str(journal), *args, env=env)
        code, screen = run_in_terminal(["-j", str(journal), *args], [], env)
        for shown, where in ((piped.stdout + piped.stderr, "piped"), (screen, "terminal")):
            assert "\x1b]0;" not in shown and "\x1b[2J" not in shown and "\x1b[8m" not in shown
            assert "\x9b" not in shown and "\u202e" not in shown and "\x07" not in shown, (
                args,
                where,
            )
        assert piped.returncode == 0 and code == 0, (args, piped.stderr, screen)
        if args[0] in ("status", "agenda", "timeline", "search", "goal", "session"):
            assert "\\x1b" in piped.stdout + screen, args


def test_arguments_and_input_that_are_not_utf8(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam").returncode == 0
    before = sorted(p.name for p in journal.rglob("*"))
    argument = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"mentorlog",
            b"-j",
            str(journal).encode(),
            b"ask",
            b"bad \xff\xfe?",
        ],
        capture_output=True,
        env={**os.environ, "MENTORLOG_TODAY": TODAY},
    )
    assert argument.returncode == 2 and b"not valid UTF-8" in argument.stderr
    piped = subprocess.run(
        [sys.executable, "-m", "mentorlog", "-j", str(journal), "reflect", "-"],
        input=b"caf\xe9 latin-1\n",
        capture_output=True,
        env={**os.environ, "MENTORLOG_TODAY": TODAY},
    )
    assert piped.returncode == 2 and b"not UTF-8" in piped.stderr
    assert b"Traceback" not in argument.stderr + piped.stderr
    assert sorted(p.name for p in journal.rglob("*")) == before


def test_crlf_notes_come_back_exactly(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam", "--mentor", "Ana").returncode == 0
    notes = "line one\r\nline two\r\n\r\nlast"
    assert (
        mentorlog("-j", str(journal), "session", "add", "--notes", "-", stdin=notes).returncode == 0
    )
    shown = json.loads(mentorlog("-j", str(journal), "session", "list", "--json").stdout)
    handle = shown["sessions"][0]["handle"]
    one = json.loads(mentorlog("-j", str(journal), "session", "show", handle, "--json").stdout)
    assert one["notes"] == notes


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam").returncode == 0
    for number in range(300):
        (journal / "questions" / f"q{number}.toml").write_text(
            f'id = "q{number:011d}"\ndate = 2026-11-20\ntext = "{"long question " * 20}"\n'
            "created = 2026-11-20T10:00:00Z\n"
        )
    for args in (["timeline", "--json"], ["search", "long"], ["timeline"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "-j", str(journal), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "MENTORLOG_TODAY": TODAY},
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # like `| head -c 100`
        error = process.stderr.read()
        assert process.wait(timeout=60) == 0 and error == b"", (args, error)


def test_relationship_review_on_a_terminal(tmp_path: Path) -> None:
    journal = tmp_path / "j"
    assert mentorlog("init", str(journal), "--owner", "Sam", "--mentor", "Ana Ruiz").returncode == 0
    code, screen = run_in_terminal(
        ["-j", str(journal), "mentor", "review", "ana"],
        ["Yes, monthly is right", "", "Mostly", "More practice talks"],
        {"MENTORLOG_TODAY": TODAY},
    )
    assert code == 0, screen
    assert "How is it going with Ana Ruiz?" in screen
    assert "Is each of us following through?" in screen and "What should change?" in screen
    text = next((journal / "reviews").glob("*.toml")).read_text()
    assert 'mentor = "Ana Ruiz"' in text and 'answer = "More practice talks"' in text
    assert "following through" not in text  # the blank answer is left out


def test_a_long_result_goes_through_the_pager_on_a_terminal_only(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.py"
    pager.write_text(f"import sys\nopen({str(paged)!r}, 'w').write(sys.stdin.read())\n")
    env = {
        "MENTORLOG_TODAY": TODAY,
        "MENTORLOG_PAGER": f"{sys.executable} {pager}",
        "COLUMNS": "100",
    }
    code, screen = run_in_terminal(["-j", str(EXAMPLE), "timeline"], [], env)
    assert code == 0 and "Gave the meetup talk" in paged.read_text()
    assert "Gave the meetup talk" not in screen  # the pager showed it, not mentorlog
    paged.unlink()
    code, screen = run_in_terminal(["--no-pager", "-j", str(EXAMPLE), "timeline"], [], env)
    assert code == 0 and not paged.exists() and "Gave the meetup talk" in screen
    piped = mentorlog("-j", str(EXAMPLE), "timeline", env=env)
    assert piped.returncode == 0 and not paged.exists() and "Gave the meetup talk" in piped.stdout
    short, screen = run_in_terminal(["-j", str(EXAMPLE), "goal", "list"], [], env)
    assert short == 0 and not paged.exists()  # it fits the screen
    missing = {**env, "MENTORLOG_PAGER": "no-such-pager-here"}
    code, screen = run_in_terminal(["-j", str(EXAMPLE), "timeline"], [], missing)
    assert code == 0 and "Gave the meetup talk" in screen  # a missing pager: printed as is


def complete(words: str, cwd: Path | None = None, shell: str = "bash") -> list[str]:
    """What the shell would offer for the last word, asked the way each shell's script asks."""
    env = {**os.environ, "_MENTORLOG_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env.update(
            COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1))
        )
    else:
        env.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION="get-args")
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    return (
        result.stdout.split() if shell == "fish" else [w for w in result.stdout.splitlines() if w]
    )


def test_completion_offers_what_the_journal_holds(tmp_path: Path) -> None:
    journal = f"-j {EXAMPLE}"
    assert complete(f"mentorlog {journal} goal show lead") == ["lead-the-billing-service-migration"]
    # A name with a space completes as one word: escaped for bash, quoted by zsh's script.
    assert complete(f"mentorlog {journal} agenda --mentor ") == [
        "Daniel\\ Okafor",
        "Maya\\ Lindqvist",
    ]
    assert complete(f"mentorlog {journal} agenda --mentor Da", shell="zsh") == [
        "_arguments '*: :((\"Daniel Okafor\"))'"
    ]
    assert "check-in" in complete(f"mentorlog {journal} timeline --kind ch")
    assert complete(f"mentorlog {journal} status --format js") == ["json"]
    assert complete("mentorlog session show 41", cwd=EXAMPLE, shell="fish") == ["41yfm53"]
    assert "goal" in complete("mentorlog go")
    # No journal here: commands and options still complete, entries quietly do not.
    assert complete("mentorlog goal show ", cwd=tmp_path) == []
    assert "--format" in complete("mentorlog status --", cwd=tmp_path)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_script_for_any_shell_from_any_shell(shell: str, tmp_path: Path) -> None:
    """The shell named is the shell whose script is printed, whichever shell asks."""
    marks = {
        "bash": "complete -o default -F",
        "zsh": "#compdef mentorlog",
        "fish": "complete --command",
    }
    for asking in ("/bin/bash", "/usr/bin/zsh", "/usr/bin/fish", ""):
        shown = mentorlog("--show-completion", shell, env={"SHELL": asking})
        assert shown.returncode == 0, shown.stderr
        assert marks[shell] in shown.stdout and "_MENTORLOG_COMPLETE" in shown.stdout
        others = [mark for name, mark in marks.items() if name != shell]
        assert not any(mark in shown.stdout for mark in others)
    # Not named: the login shell's.
    assert marks[shell] in mentorlog("--show-completion", env={"SHELL": f"/bin/{shell}"}).stdout
    home = tmp_path / "shell-home"
    home.mkdir()
    installed = mentorlog("--install-completion", shell, env={"HOME": str(home)})
    assert installed.returncode == 0, installed.stderr
    written = [p for p in home.rglob("*") if p.is_file() and "mentorlog" in p.name]
    assert written and marks[shell] in written[0].read_text()


def test_an_unknown_shell_is_refused_by_name() -> None:
    refused = mentorlog("--show-completion", "tcsh")
    assert (
        refused.returncode == 2
        and "'tcsh'" in refused.stderr
        and "bash, zsh, fish" in refused.stderr
    )
    unknown = mentorlog("--show-completion", env={"SHELL": ""})
    assert unknown.returncode == 2 and "name one of bash, zsh, fish" in unknown.stderr


def test_long_json_comes_out_whole_and_in_blocks(tmp_path: Path) -> None:
    """JSON is written in blocks as it is encoded (output.emit_json): a document of many
    blocks, from a process whose standard output is unbuffered, is the same bytes as one
    indented dump, and a block is one write, not one per piece the encoder makes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate
    from mentorlog.output import JSON_BLOCK, emit_json

    journal = tmp_path / "generated"
    generate(journal, 240, seed=2, mode="stress")
    result = mentorlog(
        "-j", str(journal), "export", "--format", "json", env={"PYTHONUNBUFFERED": "1"}
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    whole = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert len(whole) > 3 * JSON_BLOCK
    assert result.stdout == whole

    class Counted:
        def __init__(self) -> None:
            self.writes: list[str] = []

        def write(self, text: str) -> int:
            self.writes.append(text)
            return len(text)

    counted = Counted()
    emit_json(document, counted)  # type: ignore[arg-type]
    assert "".join(counted.writes) == whole
    assert len(counted.writes) <= len(whole) // JSON_BLOCK + 1


def test_json_streamed_from_iterators_is_the_json_of_lists() -> None:
    """`export` hands emit_json iterators for its lists of entries, made as they are written:
    the text is byte for byte json.dump's of the same lists, empty or not, at any depth."""
    import io
    from datetime import date

    from mentorlog.output import emit_json, json_default

    def document(lazy: bool) -> dict[str, object]:
        def rows(n: int) -> object:
            made = (
                {"id": f"r{i}", "text": "two\nlines é \x1b", "tags": ["a", "b"][:i], "on": None}
                for i in range(n)
            )
            return made if lazy else list(made)

        return {
            "owner": "Sam",
            "today": date(2026, 12, 3),
            "empty": rows(0),
            "rows": rows(3),
            "nested": {"inner": rows(2), "plain": [1, 2], "none": {}},
            "last": [],
        }

    streamed = io.StringIO()
    emit_json(document(lazy=True), streamed)
    expected = json.dumps(document(lazy=False), indent=2, ensure_ascii=False, default=json_default)
    assert streamed.getvalue() == expected + "\n"
