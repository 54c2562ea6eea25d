"""HTML pages, self-contained: one file with its styles inline and nothing loaded from anywhere.

Safe by construction: every page is built with `tag()`, which escapes every child that is not
markup this module made (`Safe`) and every attribute value. Journal text is passed as plain
`str`, so it can only ever become text: never an element, an attribute or script. No page has a
script at all.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from mentorlog import __version__

# Lists and tables longer than this fold the rest under a "N more" toggle: a page too long to
# read still holds everything, and says how much is folded.
FOLD = 40


class Safe(str):
    """HTML made by this module, already escaped. Anything else is text."""

    __slots__ = ()


def h(value: object) -> Safe:
    """`value` as HTML: markup this module made as it is, anything else escaped as text."""
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable[object], separator: str = "") -> Safe:
    return Safe(separator.join(h(part) for part in parts))


def _attributes(attrs: Mapping[str, object]) -> str:
    out = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            out.append(f" {name}")
        else:
            # Always escaped, even markup: an attribute is text.
            out.append(f' {name}="{html.escape(str(value), quote=True)}"')
    return "".join(out)


def tag(name: str, /, *children: object, **attrs: object) -> Safe:
    """One element: its children escaped unless Safe, its attributes always escaped.
    (`class_` is `class`, `aria_label` is `aria-label`; a camelCase name such as `viewBox`
    is kept.)"""
    return Safe(f"<{name}{_attributes(attrs)}>{join(children)}</{name}>")


def void(name: str, /, **attrs: object) -> Safe:
    return Safe(f"<{name}{_attributes(attrs)}>")


def lines(text: str) -> Safe:
    """Text of several lines, each escaped, kept as lines."""
    return join((h(line) for line in text.splitlines()), "<br>")


def day(value: date | None) -> Safe:
    """A date as a <time> element (machine-readable too), or a dash."""
    if value is None:
        return h("—")
    return tag("time", value.isoformat(), datetime=value.isoformat())


def private(row: Mapping[str, object]) -> Safe:
    """The mark of a private row, shown only when the owner asked for private entries."""
    if row.get("private") is True:
        return tag("span", " (private)", class_="private")
    return Safe("")


# --- blocks ------------------------------------------------------------------------------------


def para(*children: object, class_: str | None = None) -> Safe:
    return tag("p", *children, class_=class_)


def _folded(shown: Safe, rest: Safe | None, more: str) -> Safe:
    """What is shown, then the rest under a "N more" toggle (folded, never cut)."""
    if rest is None:
        return shown
    return join([shown, tag("details", tag("summary", more), rest, class_="more")])


def bullets(items: Sequence[object], empty: str = "", limit: int = FOLD) -> Safe:
    """A list; past `limit` items, the rest folded (never cut)."""
    if not items:
        return para(empty, class_="empty") if empty else Safe("")
    rest = items[limit:]
    return _folded(
        tag("ul", *(tag("li", item) for item in items[:limit])),
        tag("ul", *(tag("li", item) for item in rest)) if rest else None,
        f"{len(rest)} more",
    )


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    caption: str | None = None,
    empty: str = "None.",
    numeric: Sequence[int] = (),
    limit: int = FOLD,
) -> Safe:
    """A table that scrolls sideways on a narrow screen; past `limit` rows, the rest folded."""
    if not rows:
        return para(empty, class_="empty")

    def body(chunk: Sequence[Sequence[object]]) -> Safe:
        return tag(
            "tbody",
            *(
                tag(
                    "tr",
                    *(
                        tag("td", cell, class_="num" if i in numeric else None)
                        for i, cell in enumerate(row)
                    ),
                )
                for row in chunk
            ),
        )

    head = tag(
        "thead",
        tag("tr", *(tag("th", name, scope="col") for name in headers)),
    )

    def whole(chunk: Sequence[Sequence[object]], with_caption: bool) -> Safe:
        return tag(
            "div",
            tag(
                "table",
                tag("caption", caption) if caption and with_caption else "",
                head,
                body(chunk),
            ),
            class_="scroll",
        )

    rest = rows[limit:]
    return _folded(
        whole(rows[:limit], True), whole(rest, False) if rest else None, f"{len(rest)} more rows"
    )


def facts(rows: Sequence[tuple[str, object]]) -> Safe:
    """Labels and values, a row each (a goal's SMART framing): the label a row header."""
    return tag(
        "div",
        tag(
            "table",
            tag(
                "tbody",
                *(
                    tag("tr", tag("th", label, scope="row"), tag("td", value))
                    for label, value in rows
                ),
            ),
            class_="facts",
        ),
        class_="scroll",
    )


def prose(text: str) -> Safe:
    """Text mentorlog wrote (a suggestion), its `commands` shown as code; every part escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: plain text
        return h(text)
    return join(tag("code", part) if i % 2 else h(part) for i, part in enumerate(parts))


def quote(text: str) -> Safe:
    return tag("blockquote", lines(text))


def section(heading: str, *blocks: object, level: int = 2) -> Safe:
    return tag("section", tag(f"h{level}", heading), *blocks)


def warnings(items: Sequence[Mapping[str, object]]) -> Safe:
    """'Needs attention': each warning's message, then its suggestion."""
    if not items:
        return Safe("")
    return section(
        "Needs attention",
        bullets(
            [
                join(
                    [
                        tag("strong", str(w["message"])),
                        " ",
                        prose(str(w["suggestion"])),
                        private(w),
                    ]
                )
                for w in items
            ]
        ),
    )


# --- the page ----------------------------------------------------------------------------------

# Colours as variables, so dark mode and print change them in one place; charts draw with the
# same variables. Marks differ in shape as well as colour (see svg.py).
STYLE = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --panel: #f6f8fa; --accent: #0969da; --good: #1a7f37; --bad: #cf222e;
  --warn: #9a6700; --heat0: #ebedf0; --heat1: #9be9a8; --heat2: #40c463; --heat3: #30a14e;
  --heat4: #216e39; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --accent: #4493f8; --good: #3fb950; --bad: #f85149; --warn: #d29922; --heat0: #212830;
    --heat1: #0e4429; --heat2: #006d32; --heat3: #26a641; --heat4: #39d353; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 56rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem;
  margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.25rem; }
.subtitle, .empty, figcaption, .muted, footer { color: var(--muted); }
.private { color: var(--warn); font-style: italic; }
.late { color: var(--bad); font-weight: 600; }
.done { color: var(--good); }
blockquote { margin: 0.5rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--line);
  color: var(--fg); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95rem; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.25rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: var(--panel); }
table.facts th { width: 1%; white-space: nowrap; background: none; }
time, code { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details.more summary { cursor: pointer; color: var(--accent); margin: 0.25rem 0; }
figure { margin: 1rem 0; padding: 0.75rem; background: var(--panel); border-radius: 6px; }
figure svg { display: block; width: 100%; height: auto; max-height: 22rem; }
figure table { font-size: 0.85rem; }
svg text { fill: var(--muted); font-size: 11px; font-family: inherit; }
.axis { stroke: var(--line); stroke-width: 1; }
.grid { stroke: var(--line); stroke-width: 0.5; stroke-dasharray: 2 3; }
.series { fill: none; stroke: var(--accent); stroke-width: 2.5; }
.dot { fill: var(--accent); }
.bar { fill: var(--accent); }
.expected { fill: none; stroke: var(--warn); stroke-width: 2; stroke-dasharray: 6 3; }
.milestone { stroke: var(--good); stroke-width: 1.5; stroke-dasharray: 4 3; }
.milestone-open { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 1 3; }
.mark-done { fill: var(--good); }
.mark-open { fill: none; stroke: var(--bad); stroke-width: 2; }
.heat0 { fill: var(--heat0); } .heat1 { fill: var(--heat1); } .heat2 { fill: var(--heat2); }
.heat3 { fill: var(--heat3); } .heat4 { fill: var(--heat4); }
.bar-track { fill: var(--line); } .bar-fill { fill: var(--accent); }
footer { margin-top: 3rem; font-size: 0.85rem; border-top: 1px solid var(--line);
  padding-top: 0.5rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; } main { padding: 0.75rem; } th, td { padding: 0.25rem 0.35rem; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --panel: #ffffff; --line: #999999; }
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  details.more > summary { display: none; }
  section, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(title: str, subtitle: str, *sections: object, today: date | None = None) -> str:
    """A whole HTML5 document: its title and subtitle, then the sections."""
    made = f"Made by mentorlog {__version__}" + (f" on {today.isoformat()}" if today else "")
    document = tag(
        "html",
        tag(
            "head",
            void("meta", charset="utf-8"),
            void("meta", name="viewport", content="width=device-width, initial-scale=1"),
            void("meta", name="generator", content=f"mentorlog {__version__}"),
            # Nothing may load: no script, no style or image from anywhere but this file.
            void(
                "meta",
                http_equiv="Content-Security-Policy",
                content="default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            ),
            tag("title", title),
            tag("style", Safe(STYLE)),
        ),
        tag(
            "body",
            tag(
                "main",
                tag("header", tag("h1", title), para(subtitle, class_="subtitle")),
                *sections,
                tag("footer", made),
            ),
        ),
        lang="en",
    )
    return "<!DOCTYPE html>\n" + document + "\n"
