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
AMBIGUOUS_MENTOR = "'{handle}' matches more than one mentor; give more of the name."
CLOSE_MATCHES = "Did you mean one of these?"
CANDIDATES = "It could be any of these:"

NO_MENTOR = (
    "Which mentor was it with? Several relationships run ({known}) and none is the default; "
    "nothing was written. Name one with `--mentor NAME` (the start of a name will do), or "
    "choose a default for this machine with `mentorlog mentor default NAME` (or "
    '`default_mentor = "NAME"` in mentorlog.toml, for every clone).'
)
ASK_MENTOR = "Which mentor was the session with?"
DID_DEFAULT_MENTOR = "Sessions on this machine are with {mentor} unless --mentor says otherwise."
DID_NO_DEFAULT_MENTOR = "No default mentor on this machine any more."
NOTHING_TO_RECORD = (
    "Nothing to record: give --notes (or --notes - to read standard input), --title, --topic or "
    "--action; with a terminal, --edit opens $EDITOR."
)
CANCELLED = "Cancelled: the template was left unchanged or empty; nothing was written."
EDITOR_FAILED = "The editor ({editor}) exited with status {status}; nothing was written."
EDITOR_MISSING = "Could not start the editor '{editor}': set $VISUAL or $EDITOR."
NO_TERMINAL_PROMPT = "No {what} given and there is no terminal to ask on; {how}."
STDIN_TWICE = (
    "Only one text can be read from standard input: {first} already reads it, so {second} "
    "cannot be '-'; nothing was written."
)
EMPTY_STDIN = "Standard input was empty: no {what} given; nothing was written."
BAD_PERCENT = "Progress must be a whole number from 0 to 100, not '{value}'."
NOT_SMART = (
    "Warning: '{title}' is not SMART yet: it has no {gaps}. Add them with `goal edit` later."
)
NO_MILESTONE = "Goal '{goal}' has no milestone matching '{handle}' (numbers 1-{count} or a title)."
AMBIGUOUS_MILESTONE = "'{handle}' matches more than one milestone of '{goal}': {names}."
ALREADY_STATUS = "Goal '{goal}' is already {status}."
UNKNOWN_MENTOR = (
    "No mentor matches '{name}' (known: {known}). Record a new one with "
    "`mentorlog mentor add NAME`."
)
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
UNKNOWN_FORMAT = "Invalid value for --format: '{format}'; `{command}` shows {formats}."
JSON_AND_FORMAT = "Give --json or --format {format}, not both."
MENTOR_CONCLUDED_HINT = (
    "That relationship concluded on {ended}; a new one needs another name (for example with "
    "the year)."
)
MENTOR_ALREADY_CONCLUDED = "The relationship with {name} already concluded on {ended}."
ENDS_BEFORE_START = "{name}'s relationship cannot end on {ended}, before it started ({started})."
NO_RETROSPECTIVE = "No retrospective recorded."
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
INDEX_UNUSABLE = (
    "mentorlog: the cache folder {path} is not used ({reason}); every file is read instead. "
    "Set MENTORLOG_CACHE_DIR to a folder of your own."
)
INDEX_UNNAMABLE = (
    "mentorlog: the name of {path} is not UTF-8, which the index cannot hold; every file is "
    "read instead. Rename it."
)
INDEX_FAILED = (
    "mentorlog: the index in the cache folder could not be written ({problem}); "
    "every file was read instead."
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
NO_AUTHOR = (
    "Note: no name is known for you here (git's user.name, or MENTORLOG_AUTHOR), so this is "
    "recorded as written by {owner}, the journal's owner. If you are someone else, name "
    'yourself with `git config user.name "Your Name"` (or MENTORLOG_AUTHOR) before the next '
    "change. (Said once.)"
)
NOT_COMMITTED = (
    "Warning: the change is saved but not committed ({problem}). `mentorlog sync` commits it."
)
UNDO_NOT_RECORDED = "Warning: the change is saved, but `mentorlog undo` will not know about it."
NOTHING_CHANGED = "Nothing to change: goal '{goal}' already reads like that; nothing was written."
MILESTONE_EXISTS = (
    "Goal '{goal}' already has milestone {number}, '{title}'; nothing was written. Mark it "
    "reached with `mentorlog goal achieve {goal} {number}`, move its date with `mentorlog goal "
    "milestone-edit {goal} {number} --due DATE`, or choose another title."
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
    "Goal '{goal}' is linked from {count} {what} (sessions, reflections, feedback, questions "
    "or wins); nothing was deleted."
)
GOAL_LINKED_HINT = (
    "Delete it anyway with `mentorlog goal delete {goal} --force` (the links then point at a "
    "deleted goal), or rename it with `mentorlog goal rename`."
)
ALREADY_DONE = "Action item {handle} was already done on {done}; nothing was written."
DELETED_LINKED = "Note: the deleted goal is still linked from {count}."
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
    "the slug '{slug}' is also used by {other}; give one goal another with `mentorlog goal rename`"
)
CHECK_PRIVATE_NOT_IGNORED = (
    "git does not ignore private/, so `git add -A` would share private entries; add the line "
    "'private/' to the journal's .gitignore"
)
CHECK_PRIVATE_TRACKED = (
    "a private file that git tracks, so every push shares it; stop tracking it with "
    "`git rm --cached` (and remove it from history if it was pushed)"
)
CHECK_OWN_FILES_INSIDE = (
    "mentorlog would keep its own files here, inside the journal; set {variable} to a folder "
    "outside it"
)
UPGRADE_FORMAT_LINE = (
    "Cannot upgrade: the `format = ...` line of {path} could not be changed on its own (is it "
    "written in an unusual way?); nothing was changed. Set it to the new number by hand."
)
UPGRADE_BROKEN_FILE = "Cannot upgrade while a file does not load: {problem}"
UPGRADE_BROKEN_HINT = (
    "Fix it (`mentorlog check` lists every problem), then run `mentorlog upgrade` again; "
    "nothing was changed."
)
NOTHING_TO_UNDO = "Nothing to undo: mentorlog has made no change to this journal on this machine."
UNDO_CHANGED_SINCE = (
    "Cannot undo '{message}': {path} changed or went away since mentorlog wrote it; "
    "nothing was undone."
)
UNDO_NO_GIT = "Cannot undo '{message}': it was committed, and the journal is no longer in git."
UNDO_NOT_LAST = (
    "Cannot undo '{message}' ({commit}): it is no longer the last commit ({head}, '{subject}' "
    "came after it); nothing was undone."
)
UNDO_PUSHED = (
    "Cannot undo '{message}': it may already be elsewhere ({remote}), and taking it back would "
    "rewrite history others have; nothing was undone. Record the opposite change instead."
)
UNDO_FIRST_COMMIT = (
    "Cannot undo '{message}': it is the repository's first commit; nothing was undone."
)
UNDO_GIT_FAILED = "Cannot undo: {problem} Nothing was undone."
NOT_IN_GIT = "{what} comes from git, and this journal is not in a git repository."
HOW_TO_GIT = "Start one with `git init` in the journal (or `mentorlog init PATH --git`)."
SYNC_BUSY = "git is in the middle of {what} here; finish it first. Nothing was synced."
GIT_BUSY = (
    "git is in the middle of {what} in {top}, and a change written now could be lost when it "
    "ends; nothing was written. Finish it first: {how}."
)
GIT_DETACHED = (
    "git has no branch checked out in {top} (a detached HEAD), so a change committed now would "
    "vanish from view at the next checkout; nothing was written. Check out a branch first "
    "(`git switch BRANCH`)."
)
SYNC_DETACHED = "git has no branch checked out here (a detached HEAD); check one out first."
SYNC_NO_REMOTE = "There is no remote to sync with; nothing was synced."
SYNC_NO_REMOTE_HINT = "Add one with `git remote add origin URL` (a clone already has one)."
SYNC_WHICH_REMOTE = (
    "There are several remotes ({remotes}) and none is set for this branch; set one with "
    "`git branch --set-upstream-to REMOTE/BRANCH`. Nothing was synced."
)
SYNC_DIRTY = (
    "{path}{more} has changes that are not the journal's; commit or stash them first. "
    "Nothing was synced."
)
SYNC_UNREACHABLE = "Could not reach '{remote}': {problem} Nothing was fetched or pushed."
SYNC_PENDING_COMMIT = "sync: commit {count} pending journal files"
SYNC_MERGE_COMMIT = "sync: merge changes from {remote}"
SYNC_CONFLICT = (
    "Merging {remote} conflicts in {path}, a file edited by hand on both sides; the merge was "
    "given up and the journal left as it was."
)
SYNC_CONFLICT_HINT = (
    "Merge it yourself with `git merge` and resolve the file, then run `mentorlog sync` again."
)
SYNC_MERGE_FAILED = "Could not merge {remote}: {problem} The journal was left as it was."
SYNC_PUSH_REJECTED = (
    "{remote} refused the push: it has changes newer than these ({problem}) Run `mentorlog sync` "
    "again to bring them in first."
)
SYNC_PUSH_FAILED = (
    "Could not push to {remote}: {problem} Your changes stay committed here; run `mentorlog sync` "
    "again once that is fixed."
)
UPGRADE_MOVED_LINKS = (
    "{count} public entries linked to private ones; those links are now kept on the private "
    "side, so a clone without private/ reads clean."
)
SESSION_IN_FUTURE = (
    "Note: this session is dated {date}, {days} day(s) from now; fix it with 'session edit' if "
    "it has already happened."
)
DUE_IN_THE_PAST = "Note: {option} {due} is already past (today is {today})."
NEXT_BEFORE_SESSION = "Note: the next meeting ({next}) is before this session ({date})."
SESSION_BEFORE_START = (
    "Note: this session ({date}) is before the relationship with {mentor} began ({started})."
)
EMPTY_JOURNAL_OPTION = "Invalid value for --journal: it is empty; give the journal's folder."
TEMPLATE_KEPT = "Your text is kept: `mentorlog session add --resume` reopens it as you left it."
NOTHING_TO_RESUME_REFLECTION = "There is no interrupted reflection to resume for this journal."
REFLECTION_KEPT = (
    "Stopped at '{prompt}': your {count} answer(s) are kept; 'mentorlog reflect --resume' goes "
    "on from there. Nothing was written to the journal yet."
)
REFLECTION_CANCELLED = "Stopped before any answer; nothing was written."
NOTHING_TO_RESUME = "There is no kept session template to resume for this journal."
CHECK_NO_OFFSET = (
    "has no UTC offset, so it is read as UTC; write it with one (2026-11-23T10:00:00+01:00) "
    "to say which time zone it is in"
)
STDIN_NOT_UTF8 = (
    "Standard input is not UTF-8 text (line {line}), so no {what} was read; nothing was written."
)
CHECK_UNKNOWN_CHANGES = (
    "a folder mentorlog does not read: changes live in a folder per kind ({folders}); move its "
    "files to theirs, or remove it"
)
CHECK_STRAY_CHANGE = (
    "a file mentorlog does not read: changes live in a folder per kind ({folders}), by year; "
    "move it there, or remove it"
)
CHECK_FUTURE = (
    "dated {created}, in the future: a clock ran ahead where it was made, and every later "
    "change to this entry is ordered after it; set `created` to when it was made"
)
CHECK_ODD_FILE = (
    "{what}, never read as an entry; mentorlog reads regular files only, so that nothing in a "
    "shared journal points outside it: replace it with the file itself, or remove it"
)
NOTHING_TO_EDIT = "Nothing to change in {what}: give at least one of {options}."
OWNER_MENTOR_UNKNOWN = "--owner mentor names the session's mentor, and this session has none."
NO_SESSION_FOR_ACTION = (
    "There is no session yet to hold the action item; log one with `mentorlog session add`."
)
ACTION_CLOSED = "Action item {handle} is already {state}; nothing was written."
MILESTONE_UNCHANGED = "Milestone '{title}' already reads like that; nothing was written."
NO_JOURNALS = "No journal (a folder with mentorlog.toml) under {folders}."
ROSTER_INCOMPLETE = "mentorlog: {count} could not be read (named above); the others are shown."
EXPORT_KIND = "Invalid value for --kind: '{kind}'; csv exports one kind of entry: {kinds}."

DUE_OR_NO_DUE = "Give --due or --no-due, not both."
KIND_NEEDS_CSV = "--kind goes with --format csv."
CHOOSE_ONE_OUTPUT = "Choose one of --json, --markdown and --format."
BAD_OPTION_VALUE = "Invalid value for {option}: {problem}"
BAD_DIRECTION = "Invalid value for --direction: '{direction}' (received or given)."
EMPTY_OWNER = "Invalid value for --owner: the owner's name is empty."
TEMPLATE_FIELD = "Template line {number} ({name}): {problem}"
DATE_OUT_OF_RANGE = "'{text}' is outside the years {first} to {last}."
NOT_A_CALENDAR_DAY = "'{text}' is not a day of the calendar."
NOT_A_DATE = "'{text}' is not a date; use {accepted}."
FILE_EXISTS = "{path} already exists; nothing was written."
ROSTER_UNREADABLE = "Warning: could not read {journal}: {problem}"
INTERRUPTED = "mentorlog: interrupted; nothing more was written."

# --- what a command did (stdout: the command's result) ---
DID_ACTION_EDIT = "Updated action {handle}: {text}"
DID_ACTION_DROP = "Dropped: {text}"
DID_ACTION_DONE = "Done: {text}"
NOT_A_TIME = "'{text}' is not a time of day mentorlog reads; it takes {forms}."
REMIND_NEEDS_ICS = "--remind and --no-remind are for --format ics."
REMIND_OR_NOT = "Give --remind MINUTES or --no-remind, not both."
SINCE_IN_FUTURE = "--since {day} is after today: nothing has happened since then yet."
BAD_CONFIDENCE = (
    "Invalid value for --confidence: '{value}'; give a whole number from 1 (not at all sure) "
    "to 5 (sure)."
)
BAD_GOAL_CONFIDENCE = (
    "Invalid value for {option}: '{value}'; give GOAL=N, a goal and a whole number from 1 "
    "(not at all sure) to 5 (sure), such as give-a-talk=4."
)
UNKNOWN_CATEGORY = (
    "Invalid value for --score: no review category '{category}'; the categories are {known} "
    "(mentorlog.toml's review_categories adds more)."
)
BAD_SCORE = (
    "Invalid value for --score: '{value}'; give CATEGORY=N with N a whole number from 1 "
    "(poor) to 5 (strong), such as trust=4."
)
DID_WRITE_OUTPUT = "Written to {path}"
OUTPUT_IS_FOLDER = "Cannot write --output {path}: it is a folder; give a file name."
OUTPUT_NO_FOLDER = "Cannot write --output {path}: there is no folder {folder}."
OUTPUT_NOT_WRITTEN = "Cannot write --output {path}: {reason}. Nothing was written."
DID_GOAL_EDIT = "Updated goal {slug}"
DID_CHECKIN = "Checked in {slug} at {percent}%"
DID_MILESTONE_ADD = "Added milestone {number} to {slug}"
DID_MILESTONE_EDIT = "Updated milestone '{title}' of {slug}"
DID_MILESTONE_REMOVE = "Removed milestone '{title}' from {slug}"
DID_MILESTONE_REACHED = "Milestone reached: {title} ({slug})"
ACHIEVE_OPEN_MILESTONES = (
    "Goal {goal} has {count} milestone{s} still open ({titles}): say what becomes of them with "
    "--reach-milestones (each reached that day too) or --leave-milestones (they stay open), or "
    "reach one with 'goal achieve {goal} N'; nothing was written."
)
TEMPLATE_SECTION_GUESSED = "Note: template line {number} was read as '{section}'."
TEMPLATE_UNPLACED = (
    "Note: template line{s} {lines} fit no section mentorlog wrote; the text is kept at the end "
    "of the notes."
)
UNKNOWN_SHELL = "No completion for the shell '{shell}': name one of {shells}."
EDIT_A_GOAL = "'{goal}' is a goal: correct it with 'mentorlog goal edit {goal}'."
EDIT_UNKNOWN_FIELD = (
    "A {kind} has no field {fields} to edit (it has: {known}); nothing was written."
)
EDIT_BAD_VALUE = "That does not fit a {kind}: {problem}; nothing was written."
EDIT_NOTHING_CHANGES = "That is what the {kind} already says; nothing was written."
EDIT_NOTHING_GIVEN = (
    "Say what to change ({options}), or run it on a terminal to edit the {kind} in $EDITOR."
)
EDIT_BAD_TOML = "The edited {kind} is not valid TOML ({problem}); nothing was written."
EDIT_BAD_SET = "--set takes FIELD=VALUE, not '{value}'."
NOTHING_TO_RESUME_EDIT = "There is no kept edit of this {kind} to resume."
EDIT_KEPT = "Your text is kept: 'mentorlog edit {handle} --resume' reopens it."
EDIT_UNCHANGED = "Left as it was: nothing was written."
DID_EDIT = "Updated {kind} {handle}: {fields}"
CLOCK_BEHIND = (
    "Note: this machine's clock says {now}, but the journal holds a change made at {latest}: "
    "check the clock (this change is ordered after that one all the same; 'mentorlog check' "
    "names changes dated in the future)."
)
SKIPPED_MANY = (
    "Warning: {count} more files do not load and were skipped{empty}; 'mentorlog check' lists "
    "every one."
)
NOTHING_WRITTEN = "Nothing was written."
REACH_OR_LEAVE = "Give --reach-milestones or --leave-milestones, not both; nothing was written."
ASK_OPEN_MILESTONES = "Goal {goal} has {count} milestone{s} still open:"
ASK_OPEN_MILESTONES_CHOICE = (
    "Reach them too (r), leave them open (l), or achieve nothing yet (n)? [n] "
)
DID_GOAL_ACHIEVED = "Goal achieved: {title}. Well done!"
DID_GOAL_STATUS = "{verb} goal {slug}"
DID_GOAL_RENAME = "Renamed goal {old} to {new}"
DID_INIT = "Created a journal for {owner} in {root}  ->  {config}"
DID_INIT_GIT = "Started a git repository in {top}; mentorlog commits each change."
DID_INIT_DEFAULT = "It is your default journal: mentorlog finds it from any folder."
DID_MENTOR_ADD = "Added mentor {name} (every {cadence} days)"
DID_MENTOR_EDIT = "Updated the agreement with {name}"
DID_MENTOR_CONCLUDE = "Concluded the relationship with {name} on {ended}"
GUIDED_REFLECTION = "Answer what you like; leave an answer blank to skip it."
DID_REVIEW_IN_SESSION = "  relationship review recorded ({handle})"
DID_UNDO = "Undid: {message}{commit}"
UNDO_COMMIT = "undo: {message}"
DID_UNDO_REVERTED = (
    "  (no remote is configured to ask whether the commit was pushed, so it stays in history; "
    "commit {commit} takes its files out)"
)
DID_UNDO_FILE = "  removed {path}"
DID_UPGRADE = "Upgraded {root} from format {old} to {new}."
DID_UPGRADE_FILE = "  changed {path}"
DID_COMMIT = "Committed as {commit}."
