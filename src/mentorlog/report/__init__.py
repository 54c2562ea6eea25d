"""Pure functions from journal data to report data (plain dicts, JSON-ready); no printing."""
