"""The question index (question_index.py): `session add --discussed` finds the questions it
names from it, exactly as a whole, cache-free read of the questions would."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, counted_builds, current, edit_keeping_size_and_time
from mentorlog import question_index
from mentorlog.errors import HandleError
from mentorlog.handles import find_entry
from mentorlog.journal import Journal

MARKER = iter(range(1_000_000))


def expected(root: Path, handle: str) -> tuple[str, list[str]]:
    """What a whole read without the cache finds: the question's id, or the error and its
    candidates."""
    questions = Journal(root).load(["question"], use_cache=False).named("question")
    try:
        return find_entry(questions, handle, "question").id, []
    except HandleError as error:
        return str(error), error.candidates


def discussed_by_a_write(run: Run, root: Path, handle: str) -> tuple[str, str]:
    """Which question `session add --discussed` marked (its id), or its error output."""
    before = {q.id for q in current(root, "question") if q.discussed}
    notes = f"marker {next(MARKER)}"
    result = run("-j", str(root), "session", "add", "--notes", notes, "--discussed", handle)
    if result.exit_code != 0:
        return "", result.stderr
    marked = [q.id for q in current(root, "question") if q.discussed and q.id not in before]
    assert len(marked) <= 1, marked
    return (marked[0] if marked else "already"), ""


def assert_found_alike(run: Run, root: Path, handles: list[str]) -> None:
    for handle in handles:
        wanted, candidates = expected(root, handle)
        found, error = discussed_by_a_write(run, root, handle)
        if candidates or not found:
            assert found == "", (handle, found)
            assert " ".join(wanted.split()) in " ".join(error.split()), (handle, error)
            for candidate in candidates:
                assert " ".join(candidate.split()) in " ".join(error.split()), candidate
        elif found != "already":
            assert found == wanted, handle


def index_is_true(root: Path) -> bool:
    return question_index.QuestionIndex.read(Journal(root)) is not None


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times every question was read to make the index, counted."""
    return counted_builds(monkeypatch, question_index.QuestionIndex)


def ask(run: Run, root: Path, *words: str) -> None:
    result = run("-j", str(root), "ask", *words)
    assert result.exit_code == 0, result.stderr


def add_questions(run: Run, root: Path) -> None:
    ask(run, root, "How do I give a better demo?")
    ask(run, root, "How do I delegate well?")
    ask(run, root, "What should I read next?")
    ask(run, root, "What is my salary band?", "--private")
    ask(run, root, "Same twice?")
    ask(run, root, "Same twice?")  # a copy: the journal shows one and names the other last


def test_discussed_questions_are_found_from_the_index(
    run: Run, journal: Path, isolated_user: Path, builds: list[int]
) -> None:
    add_questions(run, journal)
    ids = [q.id for q in current(journal, "question")]
    assert_found_alike(run, journal, ["how do i give"])  # made the index
    made = len(builds)
    assert index_is_true(journal)
    handles = ["how do i", "what should", "salary", ids[1][:5], "same twice", "nothing", ""]
    assert_found_alike(run, journal, handles)
    assert len(builds) == made
    # A question asked now goes to the index's delta alone; the next write finds it there.
    [whole] = (isolated_user / "cache" / "mentorlog").glob(
        f"*-{question_index.QuestionIndex.NAME}.pickle"
    )
    written = whole.read_bytes()
    ask(run, journal, "How do I say no?")
    assert whole.read_bytes() == written and index_is_true(journal)
    assert_found_alike(run, journal, ["how do i say", "how do i", "what is my"])
    assert len(builds) == made


def test_a_hand_edit_is_seen(run: Run, journal: Path) -> None:
    add_questions(run, journal)
    assert_found_alike(run, journal, ["what should"])
    assert index_is_true(journal)
    path = next(p for p in (journal / "questions").rglob("*.toml") if "delegate" in p.read_text())
    edit_keeping_size_and_time(path, "delegate well", "negotiate fee")
    assert not index_is_true(journal)
    assert_found_alike(run, journal, ["how do i negotiate", "how do i delegate", "how do i"])
    assert index_is_true(journal)


def test_questions_alike_but_for_case_are_named_as_a_whole_read_names_them(
    run: Run, journal: Path, builds: list[int]
) -> None:
    """Words that begin alike only once folded (case, ß and ss), an id that begins another's:
    each handle names the question a whole read names, or fails alike (the index looks among
    the questions it could name first)."""
    for words in ("Straße or road?", "strasse 2?", "ÉCRIRE plus?", "écrire moins?", "Ship it?"):
        ask(run, journal, words)
    assert_found_alike(run, journal, ["zzz"])  # made the index
    made = len(builds)
    ids = [q.id for q in current(journal, "question")]
    handles = ["strasse", "STRASSE 2", "écrire", "ÉCRIRE P", "ship", ids[0], ids[1][:4], ""]
    assert_found_alike(run, journal, handles)
    assert len(builds) == made
