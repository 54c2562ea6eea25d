"""Changes (format 2) as properties: any change round-trips through its file, and the state they
fold into does not depend on the order git brought the files in, or on which side made them."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog import store
from mentorlog.fold import fold
from mentorlog.model import Change, Goal, Session
from mentorlog.reading import load_change

START = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
days = st.dates(min_value=dt.date(2026, 11, 1), max_value=dt.date(2026, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    note=st.text(max_size=120),
    title=st.text(min_size=1, max_size=40),
    progress=st.integers(0, 100),
    day=days,
    created=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
)
def test_any_change_round_trips_through_its_file(
    tmp_path_factory: Any, note: str, title: str, progress: int, day: dt.date, created: dt.datetime
) -> None:
    root = tmp_path_factory.mktemp("change")
    change = Change(
        id="c0000000000a",
        entry="g0000000000a",
        change="checkin",
        date=day,
        progress=progress,
        note=note,
        title=title,
        created=created,
        author=title,
    )
    path = root / "changes" / "goals" / "c.toml"
    path.parent.mkdir(parents=True)
    text = store.dumps(store.to_document(change))
    path.write_text(text, encoding="utf-8", newline="")
    again = load_change(root, path, "goals")
    assert again.as_dict() == change.as_dict()
    assert store.dumps(store.to_document(again)) == text


def goal() -> Goal:
    return Goal.validate(
        {
            "id": "g0000000000a",
            "slug": "talk",
            "title": "Give a talk",
            "created": START,
            "due": dt.date(2027, 1, 31),
            "milestones": [{"title": "Outline"}, {"title": "Slides"}],
        }
    )


def session() -> Session:
    return Session.validate(
        {
            "id": "s0000000000a",
            "date": "2026-11-02",
            "created": START,
            "actions": [{"id": "a0000000000a", "text": "Send the CFP"}],
        }
    )


# One side's change, as (kind, payload) drawn at random; ids and times are given in `made`.
side_change = st.one_of(
    st.tuples(
        st.just("checkin"),
        st.fixed_dictionaries(
            {"date": days, "progress": st.integers(0, 100), "note": st.sampled_from(["", "a", "b"])}
        ),
    ),
    st.tuples(
        st.just("milestone"),
        st.fixed_dictionaries(
            {
                "title": st.sampled_from(["Dry run", "dry run", "Venue"]),
                "due": st.one_of(st.none(), days),
            }
        ),
    ),
    st.tuples(
        st.just("reached"),
        st.fixed_dictionaries({"milestone": st.sampled_from(["1", "2"]), "date": days}),
    ),
    st.tuples(
        st.just("status"),
        st.fixed_dictionaries(
            {"status": st.sampled_from(["active", "paused", "dropped", "achieved"]), "date": days}
        ),
    ),
    st.tuples(
        st.just("edit"), st.fixed_dictionaries({"due": days, "why": st.sampled_from(["x", "y"])})
    ),
    st.tuples(
        st.just("done"), st.fixed_dictionaries({"action": st.just("a0000000000a"), "date": days})
    ),
)


def made(drawn: list[tuple[str, dict[str, Any]]], seconds: list[int]) -> list[Change]:
    changes = []
    for number, ((kind, payload), offset) in enumerate(zip(drawn, seconds, strict=True)):
        entry = "s0000000000a" if kind == "done" else "g0000000000a"
        changes.append(
            Change(
                id=f"c{number:011d}",
                entry=entry,
                change=kind,
                created=START + dt.timedelta(seconds=offset),
                **payload,
            )
        )
    return changes


def state(changes: list[Change]) -> dict[str, Any]:
    the_goal, the_session = goal(), session()
    orphans = fold([the_goal, the_session], changes)
    return {
        "goal": the_goal.as_dict(),
        "edits": [e.as_dict() for e in the_goal.edits],
        "session": the_session.as_dict(),
        "orphans": [o.change.id for o in orphans],
    }


@settings(max_examples=80, deadline=None)
@given(drawn=st.lists(side_change, min_size=1, max_size=12), data=st.data())
def test_the_state_does_not_depend_on_the_order_files_arrive_in(
    drawn: list[Any], data: st.DataObject
) -> None:
    seconds = data.draw(st.lists(st.integers(0, 5), min_size=len(drawn), max_size=len(drawn)))
    changes = made(drawn, seconds)
    shuffled = changes[:]
    random.Random(data.draw(st.integers(0, 1000))).shuffle(shuffled)
    assert state(shuffled) == state(changes)


@settings(max_examples=60, deadline=None)
@given(drawn=st.lists(side_change, min_size=1, max_size=8))
def test_the_same_day_on_both_machines_counts_once(drawn: list[Any]) -> None:
    """Each side recorded the same events (their own ids and times): done once, reached once at
    the earlier date, check-ins once, milestones once, the later value of each field."""
    one_side = made(drawn, list(range(len(drawn))))
    both = one_side + [
        c.copy(id=f"d{c.id[1:]}", created=c.created + dt.timedelta(milliseconds=1))
        for c in one_side
    ]
    once, twice = state(one_side), state(both)
    assert twice["goal"]["checkins"] == once["goal"]["checkins"]
    assert [(m["title"], m["due"], m["done"]) for m in twice["goal"]["milestones"]] == [
        (m["title"], m["due"], m["done"]) for m in once["goal"]["milestones"]
    ]
    assert twice["goal"]["status"] == once["goal"]["status"]
    assert {k: twice["goal"][k] for k in ("due", "why")} == {
        k: once["goal"][k] for k in ("due", "why")
    }
    assert twice["session"]["actions"] == once["session"]["actions"]
