"""mentorlog: a command-line personal mentorship journal in plain TOML files."""

__version__ = "0.4.0.dev0"

# The journal format this version writes and reads (see docs/format.md).
FORMAT_VERSION = 3
