"""Charts drawn with block characters: their shapes, not only their colours, carry the values."""

from __future__ import annotations

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One character a value from 0 to 100."""
    return "".join(SPARK[min(len(SPARK) - 1, v * len(SPARK) // 101)] for v in values)


def bar(percent: int, width: int = 20) -> str:
    """A progress bar: filled blocks for the percentage, light shade for the rest."""
    filled = round(percent * width / 100)
    return "█" * filled + "░" * (width - filled)
