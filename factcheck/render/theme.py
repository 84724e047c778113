"""How statuses, outcomes and severities look: terminal styles and web colours, in one place."""

from __future__ import annotations

from factcheck.model.vocab import Outcome, Severity, Status

#: Terminal style, text colour and light background of each status.
STATUS: dict[Status, tuple[str, str, str]] = {
    Status.UNVERIFIED: ("bright_black", "#4b5563", "#e5e7eb"),
    Status.VERIFIED: ("green", "#15803d", "#dcfce7"),
    Status.MIXED: ("yellow", "#a16207", "#fef3c7"),
    Status.MISLEADING: ("dark_orange", "#c2410c", "#ffedd5"),
    Status.FALSE: ("red", "#b91c1c", "#fee2e2"),
    Status.UNSUPPORTED: ("magenta", "#a21caf", "#fae8ff"),
    Status.OPINION: ("cyan", "#0e7490", "#cffafe"),
}

OUTCOME: dict[Outcome, str] = {
    Outcome.SUPPORTED: "green",
    Outcome.UNCONFIRMED: "cyan",
    Outcome.WEAK: "yellow",
    Outcome.CONFLICTS: "red",
    Outcome.CHANGED: "magenta",
    Outcome.FAILING: "yellow",
    Outcome.DEAD: "red",
    Outcome.BLOCKED: "dark_orange",
    Outcome.UNREADABLE: "bright_black",
}

SEVERITY: dict[Severity, str] = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.OFF: ""}


def status_style(status: str) -> str:
    """The terminal style of a status."""
    found = STATUS.get(status)  # type: ignore[call-overload]
    return found[0] if found else ""


def status_part(status: str) -> tuple[str, str]:
    """A status name in its colour, as a part of a ``Styled`` line."""
    return (str(status), status_style(status))
