"""Rendering report data for people: Rich on a terminal, plain text when piped or NO_COLOR."""
