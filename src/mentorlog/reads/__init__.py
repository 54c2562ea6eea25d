"""The reading commands' work once their options are read, without typer: open the journal,
load what the report needs, build it, show it.

Each is a plain function taking the run's State and the command's options as keyword
arguments, with the command's defaults. cli/ declares the options for typer (cli/common.command);
quick.py calls the same function for a plain read without loading typer at all.
"""
