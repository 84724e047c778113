"""Numbers as written: figures ("2.40", "58,000") with the value of their last digit, and
numbers in words ("two hundred and twenty").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .vocabulary import SCALES, SMALL


def parse_words(words: str) -> float | None:
    """The value of a number written in words ("twenty-five", "two hundred thousand"), or None."""
    parsed = read_words(re.split(r"[\s-]+", words.strip()))
    if parsed is None or parsed[1] != len([t for t in re.split(r"[\s-]+", words.strip()) if t]):
        return None
    return parsed[0]


def read_words(tokens: list[str]) -> tuple[float, int] | None:
    """The value of the longest well-formed number at the start of ``tokens``, and how many it took.

    "and" joins only after a scale ("one hundred and twenty"), so "two and three" is two.
    """
    total = current = 0.0
    last: float | None = None  # value of the previous token
    used = 0
    taken = 0
    tokens = [t for t in tokens if t]
    i = 0
    while i < len(tokens):
        token = tokens[i].lower()
        if token == "and":
            if last is None or last < 100 or i + 1 >= len(tokens) or tokens[i + 1].lower() not in SMALL:
                break
            i += 1
            continue
        if token in SMALL:
            value = SMALL[token]
            if last is not None and last < 100 and not (last >= 20 and last % 10 == 0 and value < 10):
                break
            current += value
            last = value
        elif token in ("hundred", "dozen"):
            factor = 100 if token == "hundred" else 12
            if last is not None and last >= 100:
                break
            current = (current or 1) * factor
            last = 100
        elif token in SCALES:
            if last is not None and last >= SCALES[token] and current == 0:
                break
            total += (current or 1) * SCALES[token]
            current = 0.0
            last = SCALES[token]
        else:
            break
        i += 1
        used = i
        taken += 1
    if not taken:
        return None
    return total + current, used


def english(fig: str) -> str:
    """A figure ``patterns.FIG`` read, written the English way: "1.234,5" and "1 234,5" -> "1234.5", "27,5" -> "27.5"."""
    fig = fig.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    point = fig.rfind(",") if fig.count(".") > 1 or fig.rfind(",") > fig.rfind(".") else -1
    if point != -1 and "." not in fig[point:] and (fig.count(".") or len(fig) - point <= 3):
        return fig[:point].replace(".", "") + "." + fig[point + 1 :]
    if fig.count(".") > 1:
        return fig.replace(".", "")
    return fig.replace(",", "")


def read_figure(fig: str) -> tuple[float, float]:
    """A written figure's value and the value of its last digit ("2.40" -> (2.4, 0.01))."""
    clean = english(fig).replace("−", "-")
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), 10.0**-decimals


def trailing_zeros(fig: str) -> int:
    """How many zeros end a whole figure ("800" -> 2, "2,000" -> 3, "2.40" and "0" -> 0): the
    figure may have been rounded at the digit before them."""
    digits = english(fig)
    if "." in digits:
        return 0  # "2.40": a written decimal zero is a significant digit
    return len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0


class Number(NamedTuple):
    """A number as read: its value, the value of its last written digit, where it ends, whether
    it was written in words, whether a scale ("billion", "bn") multiplied it, and how many
    zeros end it (a round figure: "800 billion" -> 2)."""

    value: float
    step: float
    end: int
    words: bool
    scaled: bool
    zeros: int = 0
