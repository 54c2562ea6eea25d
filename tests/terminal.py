"""A person at a terminal: mentorlog run in a real pseudo-terminal, typed at, and read.

Interactive flows (prompts, Ctrl-C, Ctrl-D) are driven the way a person meets them: the
screen is what they read, keys are what they type."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
CTRL_D = "\x04"


class Terminal:
    """`mentorlog ARGS` in a terminal `columns` wide."""

    def __init__(
        self, *arguments: str, env: dict[str, str] | None = None, columns: int = 80, cwd: Path
    ) -> None:
        self.leader, follower = pty.openpty()
        ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "--no-pager", *arguments],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
            cwd=cwd,
            close_fds=True,
            start_new_session=True,  # the terminal's own session: Ctrl-C reaches it alone
        )
        os.close(follower)
        self.output = b""

    @property
    def screen(self) -> str:
        """Everything shown so far, without colours."""
        return ANSI.sub("", self.output.decode("utf-8", errors="replace"))

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.leader], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.leader, 65536)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait until `text` is on the screen; the screen."""
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            if time.monotonic() > deadline or not self._read(0.2):
                raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen}")
        return self.screen

    def type(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def interrupt(self) -> None:
        """Ctrl-C, as the terminal sends it: SIGINT to the foreground process, once the screen
        has stopped changing (a person reads the prompt first; on a loaded machine the prompt
        can be drawn well before mentorlog waits for the answer)."""
        self._settle()
        os.killpg(self.process.pid, signal.SIGINT)

    def _settle(self, quiet: float = 0.3, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.leader], [], [], quiet)
            if not ready or not self._read(0):
                return

    def finish(self, timeout: float = 30) -> int:
        """Wait for mentorlog to exit, reading what it shows; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        if self.process.poll() is None:  # still running: a failure to show, never a hang
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
            os.close(self.leader)
            raise AssertionError(f"mentorlog did not finish; the screen:\n{self.screen}")
        # What it wrote before it exited: read until the terminal has nothing more.
        while select.select([self.leader], [], [], 0.05)[0] and self._read(0):
            pass
        code = self.process.wait(timeout=5)
        os.close(self.leader)
        return code
