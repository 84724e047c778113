"""The ``{name}`` placeholders of the URL patterns users give (review pages, annotated pages)."""

from __future__ import annotations

import string
from collections.abc import Mapping


def problem(pattern: str, known: Mapping[str, str]) -> str | None:
    """What is wrong with the placeholders of ``pattern``, or None.

    It must parse as a pattern, name only ``known`` placeholders, and give
    them no format or conversion.
    """
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        return f"not a pattern ({exc})"
    unknown = [name for name, _, _ in fields if name not in known]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}; use {', '.join('{' + p + '}' for p in known)}"
    if any(spec or conv for _, spec, conv in fields):
        return "placeholders take no format"
    return None
