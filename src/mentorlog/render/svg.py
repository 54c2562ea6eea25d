"""Charts as inline SVG, drawn by mentorlog for the HTML pages.

Each chart is a <figure>: the drawing (with a <title> and <desc> for a screen reader), a caption
saying what it shows in words, and a table of its values. Shapes, not only colours, tell its
marks apart (a reached milestone is a filled diamond, an open one a hollow ring; the cadence a
dashed line), so nobody needs to tell colours apart. Journal text reaches SVG only through
html.tag(), which escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from hashlib import sha1

from mentorlog.render.html import Safe, h, join, table, tag

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 14, 30


def _figure(
    drawing_title: str,
    description: str,
    svg_body: Sequence[Safe],
    caption: str,
    values: Safe,
    height: float = HEIGHT,
) -> Safe:
    # An id made of what the chart shows: the same page is the same bytes on every run.
    number = sha1(f"{drawing_title}\n{description}\n{values}".encode()).hexdigest()[:10]
    title_id, desc_id = f"chart-{number}-title", f"chart-{number}-desc"
    svg = tag(
        "svg",
        tag("title", drawing_title, id=title_id),
        tag("desc", description, id=desc_id),
        *svg_body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {round(height)}",
        role="img",
        aria_labelledby=title_id,
        aria_describedby=desc_id,
    )
    return tag("figure", svg, tag("figcaption", caption), values)


def _x_scale(start: date, end: date) -> tuple[float, float]:
    """x of a day: `LEFT + (day - start) * per_day`."""
    span = max(1, (end - start).days)
    return float(LEFT), (WIDTH - LEFT - RIGHT) / span


def _y(value: float, top: float) -> float:
    """y of a value from 0 to `top`."""
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - min(max(value, 0), top) / top if top else 1)


def _axes(y_ticks: Sequence[tuple[float, str]], top: float) -> list[Safe]:
    parts = [
        tag(
            "line", x1=LEFT, y1=HEIGHT - BOTTOM, x2=WIDTH - RIGHT, y2=HEIGHT - BOTTOM, class_="axis"
        )
    ]
    for value, label in y_ticks:
        y = round(_y(value, top), 1)
        parts.append(tag("line", x1=LEFT, y1=y, x2=WIDTH - RIGHT, y2=y, class_="grid"))
        parts.append(tag("text", label, x=LEFT - 6, y=y + 4, text_anchor="end"))
    return parts


def _date_labels(start: date, end: date, x0: float, per_day: float) -> list[Safe]:
    return [
        tag("text", start.isoformat(), x=x0, y=HEIGHT - 10, text_anchor="start"),
        tag("text", end.isoformat(), x=WIDTH - RIGHT, y=HEIGHT - 10, text_anchor="end"),
    ]


def _series(
    points: Sequence[tuple[date, int]],
    start: date,
    x0: float,
    per_day: float,
    top: float,
    label: str,
) -> list[Safe]:
    """Values over time: a line through them and a dot at each, its title the day and value
    (`label` formats the value)."""
    coords = [(round(x0 + (d - start).days * per_day, 1), round(_y(v, top), 1)) for d, v in points]
    drawn: list[Safe] = []
    if len(coords) > 1:
        drawn.append(
            tag("polyline", points=" ".join(f"{x},{y}" for x, y in coords), class_="series")
        )
    for (x, y), (day, value) in zip(coords, points, strict=True):
        title = tag("title", f"{day.isoformat()}: {label.format(value)}")
        drawn.append(tag("circle", title, cx=x, cy=y, r=3.5, class_="dot"))
    return drawn


# --- progress over time ---------------------------------------------------------------------------


def progress_chart(
    goal_title: str,
    points: Sequence[tuple[date, int]],
    milestones: Sequence[tuple[date, str, bool]],
    today: date,
) -> Safe:
    """A goal's progress at each check-in, a line from 0 to 100%, with each milestone marked on
    the day it was reached (a filled diamond) or is due (a hollow ring)."""
    days = [d for d, _ in points] + [d for d, _, _ in milestones]
    start = min(days, default=today)
    end = max([*days, today]) if days else today
    if end == start:
        start = start - timedelta(days=1)
    x0, per_day = _x_scale(start, end)
    body = _axes([(0, "0%"), (50, "50%"), (100, "100%")], 100)
    body += _date_labels(start, end, x0, per_day)
    for when, name, reached in milestones:
        x = round(x0 + (when - start).days * per_day, 1)
        body.append(
            tag(
                "line",
                tag("title", f"{'Reached' if reached else 'Due'} {when.isoformat()}: {name}"),
                x1=x,
                y1=TOP,
                x2=x,
                y2=HEIGHT - BOTTOM,
                class_="milestone" if reached else "milestone-open",
            )
        )
        top = TOP + 4
        if reached:
            body.append(
                tag(
                    "polygon",
                    tag("title", f"Reached {when.isoformat()}: {name}"),
                    points=f"{x},{top - 5} {x + 5},{top} {x},{top + 5} {x - 5},{top}",
                    class_="mark-done",
                )
            )
        else:
            body.append(
                tag(
                    "circle",
                    tag("title", f"Due {when.isoformat()}: {name}"),
                    cx=x,
                    cy=top,
                    r=4,
                    class_="mark-open",
                )
            )
    body += _series(points, start, x0, per_day, 100, "{}%")
    latest = f", {points[-1][1]}% on {points[-1][0].isoformat()}" if points else ""
    reached_count = sum(1 for _, _, r in milestones if r)
    caption = (
        f"Progress of {goal_title}: {len(points)} check-in{'s' if len(points) != 1 else ''}"
        f"{latest}; {reached_count} of {len(milestones)} milestones marked reached."
    )
    rows: list[list[object]] = [
        [tag("time", d.isoformat()), "check-in", f"{p}%"] for d, p in points
    ]
    rows += [
        [tag("time", d.isoformat()), "milestone reached" if r else "milestone due", name]
        for d, name, r in milestones
    ]
    rows.sort(key=lambda row: str(row[0]))
    values = table(["Date", "What", "Value"], rows, caption="Values", empty="No check-ins yet.")
    return _figure(f"Progress of {goal_title}", caption, body, caption, values)


# --- sessions against the cadence ---------------------------------------------------------------


def sessions_chart(months: Sequence[tuple[str, int, float]], who: str) -> Safe:
    """Bars of sessions held in each month, and the number the cadence asks for as a dashed
    line across them."""
    top = max([1.0, *(float(n) for _, n, _ in months), *(e for _, _, e in months)])
    top = float(int(top) + 1)
    inner = WIDTH - LEFT - RIGHT
    slot = inner / max(1, len(months))
    body = _axes([(0, "0"), (top / 2, f"{top / 2:g}"), (top, f"{top:g}")], top)
    expected_points = []
    for i, (month, held, expected) in enumerate(months):
        x = LEFT + i * slot
        y = _y(held, top)
        body.append(
            tag(
                "rect",
                tag("title", f"{month}: {held} held, {expected:g} expected"),
                x=round(x + slot * 0.2, 1),
                y=round(y, 1),
                width=round(slot * 0.6, 1),
                height=round(HEIGHT - BOTTOM - y, 1),
                class_="bar",
            )
        )
        body.append(
            tag("text", month, x=round(x + slot / 2, 1), y=HEIGHT - 10, text_anchor="middle")
        )
        expected_points.append(f"{round(x + slot * 0.1, 1)},{round(_y(expected, top), 1)}")
        expected_points.append(f"{round(x + slot * 0.9, 1)},{round(_y(expected, top), 1)}")
    if expected_points:
        body.append(tag("polyline", points=" ".join(expected_points), class_="expected"))
    held_total = sum(n for _, n, _ in months)
    expected_total = sum(e for _, _, e in months)
    caption = (
        f"Sessions with {who} by month: {held_total} held, {expected_total:g} expected by the "
        "agreed cadence (bars held, dashed line expected)."
    )
    values = table(
        ["Month", "Held", "Expected"],
        [[m, n, f"{e:g}"] for m, n, e in months],
        caption="Values",
        numeric=(1, 2),
    )
    return _figure(f"Sessions with {who} by month", caption, body, caption, values)


# --- the activity heatmap -----------------------------------------------------------------------


def _level(n: int, most: int) -> int:
    if n <= 0:
        return 0
    return min(4, 1 + (n - 1) * 4 // max(1, most))


def heatmap(days: Sequence[tuple[date, int]], start: date, end: date) -> Safe:
    """A square for each day of the period, a column for each week (Monday on top), shaded by
    how many entries it holds; each square's title says its day and count."""
    counts = dict(days)
    most = max(counts.values(), default=0)
    first = start - timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    cell = min(24.0, (WIDTH - LEFT - RIGHT) / max(1, weeks))
    body: list[Safe] = []
    for label, row in (("Mon", 0), ("Wed", 2), ("Fri", 4)):
        body.append(
            tag(
                "text",
                label,
                x=LEFT - 6,
                y=round(TOP + row * cell + cell * 0.8, 1),
                text_anchor="end",
            )
        )
    current = start
    while current <= end:
        week = (current - first).days // 7
        n = counts.get(current, 0)
        body.append(
            tag(
                "rect",
                tag("title", f"{current.isoformat()}: {n} entr{'y' if n == 1 else 'ies'}"),
                x=round(LEFT + week * cell, 1),
                y=round(TOP + current.weekday() * cell, 1),
                width=round(cell - 2, 1),
                height=round(cell - 2, 1),
                rx=2,
                class_=f"heat{_level(n, most)}",
            )
        )
        current += timedelta(days=1)
    total = sum(counts.values())
    active = sum(1 for n in counts.values() if n)
    caption = (
        f"Activity from {start.isoformat()} to {end.isoformat()}: {total} entries on "
        f"{active} day{'s' if active != 1 else ''} (darker squares hold more)."
    )
    by_month: dict[str, list[int]] = {}
    for when, n in sorted(counts.items()):
        month = by_month.setdefault(when.strftime("%Y-%m"), [0, 0])
        month[0] += 1
        month[1] += n
    values = table(
        ["Month", "Active days", "Entries"],
        [[m, a, n] for m, (a, n) in by_month.items()],
        caption="Values",
        empty="No entries in this period.",
        numeric=(1, 2),
    )
    return _figure("Activity heatmap", caption, body, caption, values, TOP + 7 * cell + 6)


# --- ratings --------------------------------------------------------------------------------------


def rating_chart(points: Sequence[tuple[date, int]], who: str, today: date) -> Safe:
    """Session ratings (1 to 5) in date order, as a line with a dot at each."""
    start = min((d for d, _ in points), default=today)
    end = max((d for d, _ in points), default=today)
    if end == start:
        start = start - timedelta(days=1)
    x0, per_day = _x_scale(start, end)
    body = _axes([(1, "1"), (3, "3"), (5, "5")], 5)
    body += _date_labels(start, end, x0, per_day)
    body += _series(points, start, x0, per_day, 5, "{} of 5")
    average = sum(r for _, r in points) / len(points) if points else None
    caption = f"Session ratings with {who}: " + (
        f"{len(points)} rated, average {average:.1f} of 5."
        if average is not None
        else "none rated."
    )
    values = table(
        ["Date", "Rating"],
        [[tag("time", d.isoformat()), f"{r} of 5"] for d, r in points],
        caption="Values",
        empty="No ratings.",
    )
    return _figure(f"Session ratings with {who}", caption, body, caption, values)


def progress_bar(percent: int, label: str) -> Safe:
    """A small bar with its percentage beside it in text."""
    percent = max(0, min(100, percent))
    return join(
        [
            tag(
                "svg",
                tag("title", f"{label}: {percent}%"),
                tag("rect", x=0, y=0, width=100, height=8, rx=4, class_="bar-track"),
                tag("rect", x=0, y=0, width=percent, height=8, rx=4, class_="bar-fill"),
                xmlns="http://www.w3.org/2000/svg",
                viewBox="0 0 100 8",
                width=80,
                height=8,
                role="img",
                aria_label=f"{percent}%",
            ),
            h(f" {percent}%"),
        ]
    )
