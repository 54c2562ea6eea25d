"""The shapes report/ hands to render/ and to `--json`: one TypedDict per result and per row.

They are plain dicts at run time (so `--json` prints them as they are), typed for the checker:
a renderer that reads a key a report does not make, or a report that forgets one, fails mypy.
docs/json.md documents the same shapes for people.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NotRequired

# typing's TypedDict is one pydantic cannot describe before Python 3.12; this module is read
# only by the type checker and by tools/json_schemas.py, never by a command.
from typing_extensions import TypedDict

# --- rows shared by several reports -----------------------------------------------------------


class EntryRef(TypedDict):
    """Any entry, in one line: what lists and links show."""

    kind: str
    handle: str
    id: str
    date: date
    title: str
    private: bool
    author: str
    path: str


class TimelineRow(EntryRef):
    """An entry or an event (a check-in, a milestone reached…) in date order."""

    tags: list[str]
    # The sort key (day, instant, id); dropped before a row is shown (activity.shown).
    _order: NotRequired[tuple[date, float, str]]


class SessionRef(TypedDict):
    handle: str
    date: date
    title: str


class GoalRef(TypedDict):
    handle: str
    title: str
    private: bool


class Warning(TypedDict):
    kind: str
    subject: str
    message: str
    suggestion: str
    private: bool  # about a private entry: left out of Markdown and CSV unless asked


class Meeting(TypedDict):
    mentor: str
    cadence_days: int
    started: date
    ended: date | None
    concluded: bool
    last_session: date | None
    days_since: int
    overdue: bool
    next_meeting: date | None
    sessions: int


class MentorRow(Meeting):
    """A relationship in `mentor list`: its meetings, agreement, ratings and how it ended."""

    expectations: str
    boundaries: str
    retrospective: str
    reason: str
    rating: int | None
    ratings: RatingTrend
    latest_review: LatestReview | None
    scores: ReviewScores


class CategoryScore(TypedDict):
    category: str
    score: int
    known: bool  # a category this journal knows; one from another clone is shown all the same


class SideScores(TypedDict):
    """One side's latest scored review."""

    date: date
    author: str
    handle: str
    private: bool
    scores: list[CategoryScore]


class ScoreGap(TypedDict):
    category: str
    mentee: int
    mentor: int
    message: str
    suggestion: str


class ScorePoint(TypedDict):
    date: date
    side: str  # mentee or mentor
    score: int


class CategoryTrend(TypedDict):
    category: str
    points: list[ScorePoint]  # oldest first, the last REVIEWS_SHOWN reviews of each side


class ReviewScores(TypedDict):
    """How both sides score the relationship: each side's latest scores, where they differ by 2
    or more, and each category's scores over the last reviews."""

    mentee: SideScores | None
    mentor: SideScores | None
    gaps: list[ScoreGap]
    trends: list[CategoryTrend]


class MentorShow(TypedDict):
    """`mentor show NAME`: one relationship, and every review of it, newest first."""

    mentor: MentorRow
    reviews: list[ReviewRow]


class ReviewRow(TypedDict):
    date: date
    handle: str
    author: str
    side: str
    private: bool
    answers: list[AnswerRow]
    scores: list[CategoryScore]


class MentorList(TypedDict):
    mentors: list[MentorRow]


class Agreement(TypedDict):
    mentor: str
    cadence_days: int
    expectations: str
    boundaries: str
    started: date
    ended: date | None


class AnswerRow(TypedDict):
    prompt: str
    answer: str


class Rating(TypedDict):
    date: date
    rating: int | None


class RatingTrend(TypedDict):
    ratings: list[Rating]
    average: float | None
    trend: str | None


class LatestReview(TypedDict):
    date: date
    handle: str
    private: bool
    answers: list[AnswerRow]


class FieldEdit(TypedDict):
    date: date
    field: str
    old: str
    new: str
    author: str


# --- actions ----------------------------------------------------------------------------------


class ActionRow(TypedDict):
    handle: str
    id: str
    text: str
    owner: str
    mentor: str
    mentors_promise: bool
    goal: str
    due: date | None
    due_at: datetime | None  # when a time of day was given
    done: date | None
    dropped: date | None
    overdue: bool
    age_days: int
    session: SessionRef
    private: bool


class ActionList(TypedDict):
    actions: list[ActionRow]


# --- goals ------------------------------------------------------------------------------------


class NextMilestone(TypedDict):
    number: int
    title: str
    due: date | None


class GoalSummary(TypedDict):
    handle: str
    id: str
    title: str
    status: str
    progress: int
    due: date | None
    overdue: bool
    last_checkin: date | None
    milestones_done: int
    milestones_total: int
    milestones_overdue: int
    next_milestone: NextMilestone | None
    smart_gaps: list[str]
    mentor: str
    tags: list[str]
    private: bool
    path: str


class GoalList(TypedDict):
    goals: list[GoalSummary]


class Smart(TypedDict):
    what: str
    measure: str
    target: str
    why: str
    due: date | None


class CheckInRow(TypedDict):
    date: date
    progress: int
    confidence: int | None  # 1-5: how sure of reaching the goal; None when not said
    note: str
    author: str


class MilestoneState(TypedDict):
    number: int
    title: str
    due: date | None
    done: date | None
    overdue: bool


class StatusChangeRow(TypedDict):
    date: date
    status: str
    note: str
    author: str


class GoalEdit(TypedDict):
    date: date
    field: str
    old: str
    new: str
    milestone: str
    author: str


class GoalAction(TypedDict):
    handle: str
    id: str
    text: str
    owner: str
    due: date | None
    done: date | None
    dropped: date | None
    overdue: bool
    session: SessionRef
    private: bool


class LinkedAction(TypedDict):
    id: str
    text: str
    owner: str
    done: date | None
    dropped: date | None


# What a linked entry adds to its one line; the keys depend on its kind.
LinkedDetail = TypedDict(
    "LinkedDetail",
    {
        "mentor": NotRequired[str],
        "topics": NotRequired[list[str]],
        "notes": NotRequired[str],
        "actions": NotRequired[list[LinkedAction]],
        "text": NotRequired[str],
        "answers": NotRequired[list[AnswerRow]],
        "direction": NotRequired[str],
        "from": NotRequired[str],
        "to": NotRequired[str],
        "situation": NotRequired[str],
        "behaviour": NotRequired[str],
        "impact": NotRequired[str],
        "strengths": NotRequired[list[str]],
        "improvements": NotRequired[list[str]],
        "discussed": NotRequired["date | None"],
    },
)


class LinkedEntry(EntryRef):
    detail: LinkedDetail


class GoalHistory(GoalSummary):
    created: datetime
    smart: Smart
    checkins: list[CheckInRow]
    milestones: list[MilestoneState]
    status_history: list[StatusChangeRow]
    edits: list[GoalEdit]
    actions: list[GoalAction]
    agreement: Agreement | None
    linked: list[LinkedEntry]
    shared: bool


# --- the dashboard and the agenda ---------------------------------------------------------------


class QuestionRow(TypedDict):
    handle: str
    id: str
    date: date
    text: str
    mentor: str
    private: bool
    goal: NotRequired[str]


class Counts(TypedDict):
    goals: int
    sessions: int
    reflections: int
    feedback: int
    questions: int
    reviews: int
    wins: int


class Status(TypedDict):
    owner: str
    today: date
    meetings: list[Meeting]
    goals: list[GoalSummary]
    actions: list[ActionRow]
    questions: list[QuestionRow]
    recent: list[TimelineRow]
    shared: bool
    warnings: list[Warning]
    counts: Counts


class NextMeeting(TypedDict):
    date: date
    at: datetime | None  # its time of day, with its offset, when one was given
    mentor: str
    days_away: int


class AgendaMilestone(TypedDict):
    goal: str
    goal_title: str
    number: int
    title: str
    due: date
    overdue: bool
    days_left: int
    private: bool


class GoalToReview(TypedDict):
    handle: str
    title: str
    progress: int
    last_checkin: date | None
    last_discussed: date | None
    days_since: int
    private: bool


class Agenda(TypedDict):
    owner: str
    today: date
    next_meeting: NextMeeting | None
    horizon: date
    cadence_days: int
    meetings: list[Meeting]
    actions: list[ActionRow]
    milestones: list[AgendaMilestone]
    goals_to_review: list[GoalToReview]
    questions: list[QuestionRow]
    since: SinceShort
    warnings: list[Warning]


# --- milestones -------------------------------------------------------------------------------


class MilestoneRow(TypedDict):
    goal: str
    goal_title: str
    goal_status: str
    number: int
    title: str
    due: date | None
    done: date | None
    started: date
    private: bool
    # Reached ones say how long they took; open ones how late they are or how long is left.
    took_days: NotRequired[int]
    on_time: NotRequired[bool]
    days_late: NotRequired[int]
    days_left: NotRequired[int | None]


class Milestones(TypedDict):
    today: date
    achieved: list[MilestoneRow]
    upcoming: list[MilestoneRow]
    overdue: list[MilestoneRow]


# --- sessions, feedback -------------------------------------------------------------------------


class SessionRow(TypedDict):
    handle: str
    id: str
    date: date
    mentor: str
    title: str
    duration: int | None
    topics: list[str]
    actions_open: int
    actions_total: int
    next: date | None
    rating: int | None
    private: bool
    path: str


class SessionList(TypedDict):
    sessions: list[SessionRow]


class SessionAction(TypedDict):
    handle: str
    id: str
    text: str
    owner: str
    goal: str
    due: date | None
    due_at: datetime | None  # when a time of day was given
    done: date | None
    dropped: date | None
    overdue: bool
    private: bool  # its session is, or it was added or changed on the private side, or its goal
    history: list[FieldEdit]


class DiscussedQuestion(TypedDict):
    handle: str
    text: str
    private: bool


class SessionDetail(TypedDict):
    handle: str
    id: str
    date: date
    mentor: str
    duration: int | None
    title: str
    topics: list[str]
    goals: list[GoalRef]
    notes: str
    next: date | None
    next_at: datetime | None  # when a time of day was given
    rating: int | None
    actions: list[SessionAction]
    questions_discussed: list[DiscussedQuestion]
    edits: list[FieldEdit]
    tags: list[str]
    private: bool
    created: datetime
    path: str


FeedbackRow = TypedDict(
    "FeedbackRow",
    {
        "handle": str,
        "id": str,
        "date": date,
        "direction": str,
        "from": str,
        "to": str,
        "author": str,
        "situation": str,
        "behaviour": str,
        "impact": str,
        "text": str,
        "strengths": list[str],
        "improvements": list[str],
        "goal": str,
        "session": str,
        "tags": list[str],
        "private": bool,
        "path": str,
    },
)


class FeedbackList(TypedDict):
    feedback: list[FeedbackRow]


# --- timeline, search, stats --------------------------------------------------------------------


class FilterValues(TypedDict):
    since: date | None
    until: date | None
    goal: str | None
    kind: str | None
    tag: str | None


class Timeline(TypedDict):
    filters: FilterValues
    entries: list[TimelineRow]
    shared: bool


class Match(TypedDict):
    field: str  # where in the entry's data: "checkins[2].note"
    where: str  # what a person calls it: "check-in", "notes", "answer to 'What went well?'"
    line: int
    text: str
    spans: list[list[int]]
    cut_before: bool
    cut_after: bool


class Hit(EntryRef):
    """An entry's own matching lines (`part` ""), or one dated part's: a check-in, a milestone,
    an action item, dated by that part (`date`)."""

    part: str
    matches: list[Match]


class Search(TypedDict):
    query: str
    filters: FilterValues
    hits: list[Hit]
    count: int


class Week(TypedDict):
    start: date
    sessions: int
    reflections: int
    feedback: int


class GoalCounts(TypedDict):
    total: int
    counts: dict[str, int]
    percent: dict[str, int]


class Stats(TypedDict):
    today: date
    since: date
    weeks: list[Week]
    totals: dict[str, int]
    active_weeks: int
    goals: GoalCounts


# --- the report ---------------------------------------------------------------------------------


class PeriodRow(TypedDict):
    start: date
    end: date
    label: str
    days: int


class StatusMove(TypedDict):
    status: str
    date: date
    note: str


class Reached(TypedDict):
    took_days: int
    on_time: bool


class GoalReview(TypedDict):
    handle: str
    id: str
    title: str
    new: bool
    status_start: str | None
    status_end: str | None
    progress_start: int
    progress_end: int
    delta: int
    checkins: int
    milestones_reached: int
    sessions: int
    status_change: StatusMove | None
    private: bool
    # For the page's chart: every check-in up to the period's end, and the planned milestones.
    progress_points: list[ProgressPoint]
    milestones: list[MilestoneState]
    changed: NotRequired[str]


class ProgressPoint(TypedDict):
    date: date
    progress: int


class MonthRow(TypedDict):
    """Sessions held in a calendar month of the period, against what the cadence asks."""

    month: str  # YYYY-MM
    mentor: str
    sessions: int
    expected: float


class DayCount(TypedDict):
    """How many entries (and check-ins) are dated on one day of the period: the heatmap."""

    date: date
    entries: int


class ReachedMilestone(TypedDict):
    goal: str
    goal_title: str
    number: int
    title: str
    done: date | None
    due: date | None
    took_days: int
    on_time: bool
    private: bool


Gap = TypedDict("Gap", {"from": date, "to": "date | None", "days": int})


class Relationship(TypedDict):
    mentor: str
    cadence_days: int
    started: date
    ended: date | None
    concluded: bool
    retrospective: str
    sessions_held: int
    sessions_expected: int
    longest_gap_days: int
    lapses: list[Gap]
    agreement: Agreement
    reason: str
    rating: int | None
    goals: list[GoalRef]
    ratings: RatingTrend
    latest_review: LatestReview | None
    scores: ReviewScores


class WinRow(TypedDict):
    kind: str
    date: date
    title: str
    goal: str
    took_days: int | None
    private: bool


class ReportSession(TypedDict):
    handle: str
    date: date
    mentor: str
    title: str
    duration: int | None
    private: bool


class ReportAction(TypedDict):
    handle: str
    text: str
    owner: str
    due: date | None
    done: date | None
    session: SessionRef
    private: bool
    overdue: NotRequired[bool]


class ReportActions(TypedDict):
    done: list[ReportAction]
    open: list[ReportAction]


class ReportReflection(TypedDict):
    handle: str
    date: date
    title: str
    text: str
    goal: str
    goal_title: str
    answers: list[AnswerRow]
    private: bool


class Point(TypedDict):
    text: str
    date: date
    person: str
    private: bool


class FeedbackItem(TypedDict):
    handle: str
    date: date
    person: str
    situation: str
    behaviour: str
    impact: str
    text: str
    private: bool


class FeedbackGroup(TypedDict):
    count: int
    strengths: list[Point]
    improvements: list[Point]
    items: list[FeedbackItem]


class FeedbackSummary(TypedDict):
    received: FeedbackGroup
    given: FeedbackGroup


class QuestionCounts(TypedDict):
    asked: int
    discussed: int


class Report(TypedDict):
    owner: str
    today: date
    mentor: str | None
    period: PeriodRow
    goals: list[GoalReview]
    milestones_reached: list[ReachedMilestone]
    relationships: list[Relationship]
    wins: list[WinRow]
    sessions: list[ReportSession]
    actions: ReportActions
    reflections: list[ReportReflection]
    feedback: FeedbackSummary
    questions: QuestionCounts
    months: list[MonthRow]
    activity: list[DayCount]
    warnings: list[Warning]


# --- since the last session -------------------------------------------------------------------


class SinceItem(TypedDict):
    """One thing that happened: a milestone reached, a check-in, an action done…"""

    kind: str  # see report/since.py RANK, in the order they matter
    date: date
    author: str
    text: str
    handle: str  # the entry to look at (a goal's slug, else a short id)
    id: str
    private: bool


class SinceGroup(TypedDict):
    goal: str  # the goal's slug; "" for what is about no goal
    goal_title: str
    private: bool
    items: list[SinceItem]


class ShortItem(SinceItem):
    goal_title: str  # "" for what is about no goal


class SinceShort(TypedDict):
    """The agenda's "Since we last met": the most important items, and how many there are."""

    start: date
    start_from: str
    items: list[ShortItem]
    count: int


class Since(TypedDict):
    owner: str
    today: date
    mentor: str | None
    start: date
    start_from: str  # last-session, date (--since) or relationship-start (no session yet)
    last_session: SessionRef | None
    groups: list[SinceGroup]
    count: int


# --- a mentor's roster --------------------------------------------------------------------------


class MenteeRow(TypedDict):
    journal: str
    owner: str
    mentors: list[str]
    last_session: date | None
    next_meeting: date | None
    days_since: int | None
    lapsed: bool
    overdue_actions: int
    overdue_mentor_actions: int
    active_goals: int
    goals_at_risk: list[str]
    progress: int | None
    open_questions: int
    problems: int


class FailedJournal(TypedDict):
    journal: str
    problem: str


class Roster(TypedDict):
    today: date
    folders: list[str]
    mentees: list[MenteeRow]
    failed: list[FailedJournal]


# --- check and log (from core/) ---------------------------------------------------------------


class ProblemRow(TypedDict):
    path: str
    line: int | None
    field: str | None
    message: str


class CheckReport(TypedDict):
    journal: str
    files: int
    ok: bool
    problems: list[ProblemRow]
    warnings: list[ProblemRow]


class CommitRow(TypedDict):
    commit: str
    short: str
    date: datetime
    author: str
    message: str
    merge: bool
    files: list[str]


class Log(TypedDict):
    journal: str
    commits: list[CommitRow]


# --- export -------------------------------------------------------------------------------------


class CalendarEvent(TypedDict):
    """One item of the calendar: an event (a meeting, a due date) or a to-do (an action)."""

    uid: str
    component: str  # VEVENT or VTODO
    date: date
    at: datetime | None  # a timed meeting or due time, with its offset; else all day
    minutes: int  # a timed meeting's length
    summary: str
    description: str
    category: str
    status: str  # CONFIRMED for events; NEEDS-ACTION, COMPLETED or CANCELLED for to-dos
    completed: date | None
