"""The names of the entry kinds, in one place light enough for every command's help and for
completion (the models themselves are in model.py, which checks it agrees with this)."""

ENTRY_KINDS = ("goal", "session", "reflection", "feedback", "question", "review", "win")
# What the timeline lists besides entries: events inside them.
EVENT_KINDS = ("check-in", "milestone", "status", "action", "edit")
