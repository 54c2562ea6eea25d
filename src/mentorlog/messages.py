"""Every user-facing error, warning and hint in one place, so they read the same everywhere."""

NO_JOURNAL = "No journal found here, above this folder, or in the default place."
HOW_TO_INIT_ANY = (
    "Create one with `mentorlog init --owner NAME` (default place) or "
    "`mentorlog init PATH --owner NAME`, or point at one with --journal PATH."
)
NOT_A_JOURNAL = "{path} is not a journal (no mentorlog.toml there), as given by {origin}."
HOW_TO_INIT = "Create one with `mentorlog init {path} --owner NAME`."
ALREADY_A_JOURNAL = "{path} already holds a journal (mentorlog.toml); nothing was changed."
NOT_A_FOLDER = "{path} exists and is not a folder."
OUTSIDE_JOURNAL = "Refusing to write {path}: it is outside the journal."
NEWER_FORMAT = (
    "this journal uses format {found}, newer than this mentorlog knows ({known}); upgrade mentorlog"
)

UNKNOWN_HANDLE = "No {kind} matches '{handle}'."
AMBIGUOUS_HANDLE = "'{handle}' matches more than one {kind}; give more of the id."
CLOSE_MATCHES = "Did you mean one of these?"
CANDIDATES = "It could be any of these:"

NO_MENTOR = (
    "No mentor given and the journal has no single default mentor; use --mentor NAME "
    "(known: {known})."
)
NOTHING_TO_RECORD = (
    "Nothing to record: give --notes (or --notes - to read standard input), --title, --topic or "
    "--action; with a terminal, --edit opens $EDITOR."
)
CANCELLED = "Cancelled: the template was left unchanged or empty; nothing was written."
EDITOR_FAILED = "The editor ({editor}) exited with status {status}; nothing was written."
EDITOR_MISSING = "Could not start the editor '{editor}': set $VISUAL or $EDITOR."
NO_TERMINAL_PROMPT = "No {what} given and there is no terminal to ask on; {how}."
EMPTY_STDIN = "Standard input was empty: no {what} given; nothing was written."
BAD_PERCENT = "Progress must be a whole number from 0 to 100, not '{value}'."
NOT_SMART = (
    "Warning: '{title}' is not SMART yet: it has no {gaps}. Add them with `goal edit` later."
)
NO_MILESTONE = "Goal '{goal}' has no milestone matching '{handle}' (numbers 1-{count} or a title)."
AMBIGUOUS_MILESTONE = "'{handle}' matches more than one milestone of '{goal}': {names}."
ALREADY_STATUS = "Goal '{goal}' is already {status}."
UNKNOWN_MENTOR = "No mentor named '{name}' in this journal (known: {known})."
MENTOR_EXISTS = "A mentor named '{name}' is already in this journal."
SKIPPED_FILE = "Warning: skipped {problem}"
CONFIG_MENTOR_ADDED = "Added mentor {name} to {path}"
FEEDBACK_DIRECTION = "Say which way the feedback went: --received or --given (not both)."
FEEDBACK_EMPTY = (
    "Feedback needs some content: TEXT, --situation/--behaviour/--impact, --strength or --improve."
)
EMPTY_TEXT = "The {what} is empty; nothing was written."
BAD_RANGE = "--since ({since}) is after --until ({until}); nothing to show."
UNKNOWN_KIND = "Unknown kind '{kind}'; choose one of {kinds}."
EMPTY_SEARCH = "Give some text to search for."
UNKNOWN_PERIOD = "Unknown --period '{period}'; choose month, quarter or year."
PERIOD_AND_RANGE = "Give --period with one of --since or --until, not both."
UNKNOWN_FORMAT = "Unknown --format '{format}'; choose rich, markdown or json."
MENTOR_CONCLUDED_HINT = (
    "That relationship concluded on {ended}; a new one needs another name (for example with "
    "the year)."
)
MENTOR_ALREADY_CONCLUDED = "The relationship with {name} already concluded on {ended}."
ENDS_BEFORE_START = "{name}'s relationship cannot end on {ended}, before it started ({started})."
NO_RETROSPECTIVE = (
    "No retrospective recorded; add one later under [[mentors]] in mentorlog.toml "
    "(retrospective = \"…\")."
)
DEFAULT_MENTOR_CLEARED = "{name} was the default mentor; sessions now need --mentor or another one."

# --- sharing: git, private entries, format ---------------------------------------------------
NEEDS_UPGRADE = (
    "This journal uses format {found}; this mentorlog writes format {known}. Run "
    "`mentorlog upgrade` to convert it (one commit in git); nothing was written."
)
ALREADY_CURRENT = "The journal already uses format {known}; nothing to upgrade."
CONFLICT = "The journal has an unresolved git merge conflict in {path}{more}."
CONFLICT_HINT = (
    "Finish the merge: edit {path} to keep what both sides wrote, then `git add` it and "
    "`git commit` (or give up the merge with `git merge --abort`). `mentorlog check` lists every "
    "file."
)
CACHE_INSIDE = (
    "The cache folder {path} is inside the journal {root}, where git could share it; "
    "set MENTORLOG_CACHE_DIR (or XDG_CACHE_HOME) to a folder outside the journal."
)
STATE_INSIDE = (
    "mentorlog's state folder {path} is inside the journal, where git could share it; "
    "set XDG_STATE_HOME to a folder outside the journal."
)
PRIVATE_SYMLINK = (
    "{path} is a symbolic link: private entries could land where git shares them. "
    "Make private/ a real folder inside the journal."
)
SYMLINK_IN_PATH = (
    "Refusing to write {path}: {link} is a symbolic link, so the file could land outside the "
    "journal or where git shares it; nothing was written."
)
NOT_COMMITTED = (
    "Warning: the change is saved but not committed ({problem}). `mentorlog sync` commits it."
)
UNDO_NOT_RECORDED = "Warning: the change is saved, but `mentorlog undo` will not know about it."
NOTHING_CHANGED = "Nothing to change: goal '{goal}' already reads like that; nothing was written."
MILESTONE_EXISTS = (
    "Goal '{goal}' already has milestone {number}, '{title}'; nothing was written. Mark it "
    "reached with `mentorlog goal achieve {goal} {number}`, or choose another title."
)
MILESTONE_ALREADY_REACHED = (
    "Milestone '{title}' was already reached on {done}; nothing was written."
)
EMPTY_MILESTONE = "Name the milestone by its number or the start of its title."
BAD_SLUG = (
    "'{slug}' cannot be a slug: use lowercase letters, digits and '-', starting with a letter "
    "or digit (at most 64 characters)."
)
SAME_SLUG = "The goal is already called '{slug}'; nothing was written."
SLUG_TAKEN = "Another goal is already called '{slug}'; choose another slug. Nothing was written."
GOAL_LINKED = (
    "Goal '{goal}' is linked from {count} {what} (sessions, reflections, feedback or questions); "
    "nothing was deleted."
)
GOAL_LINKED_HINT = (
    "Delete it anyway with `mentorlog goal delete {goal} --force` (the links then point at a "
    "deleted goal), or rename it with `mentorlog goal rename`."
)
ALREADY_DONE = "Action item {handle} was already done on {done}; nothing was written."
DELETED_LINKED = "Note: {count} entries still link to the deleted goal."
UNDO_HINT = "Take it back with `mentorlog undo`."
CHECK_PRIVATE_SYMLINK = (
    "is a symbolic link: private entries could land where git shares them; make it a real folder"
)
CHECK_UNMERGED = (
    "unresolved git merge conflict; keep what both sides wrote, `git add` the file and "
    "`git commit`, or `git merge --abort`"
)
CHECK_PUBLIC_TO_PRIVATE = (
    "links to the private {kind} '{value}': a clone without private/ sees a broken link that "
    "tells a hidden {kind} exists; remove the link from this file or make this entry private"
)
CHECK_DUPLICATE = (
    "the same {kind} as {first}, recorded twice (often on two machines before a sync); reports "
    "show it once: delete this file with `git rm` if it is a copy"
)
CHECK_SHARED_SLUG = (
    "the slug '{slug}' is also used by {other}; give one goal another with `mentorlog goal "
    "rename`"
)
CHECK_PRIVATE_NOT_IGNORED = (
    "git does not ignore private/, so `git add -A` would share private entries; add the line "
    "'private/' to the journal's .gitignore"
)
CHECK_OWN_FILES_INSIDE = (
    "mentorlog would keep its own files here, inside the journal; set {variable} to a folder "
    "outside it"
)
