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
