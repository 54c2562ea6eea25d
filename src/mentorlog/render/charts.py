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


SCORE_BLOCKS = "▁▂▃▄▅"  # a score of 1 to 5, one block each


def score_blocks(scores: list[int]) -> str:
    """Review scores over time, a block each (1 low, 5 high); "" for fewer than two."""
    if len(scores) < 2:
        return ""
    return "".join(SCORE_BLOCKS[min(max(v, 1), 5) - 1] for v in scores)
