"""How statuses, outcomes and severities look: terminal styles and web colours, in one place."""

from __future__ import annotations

from factcheck.model.vocab import EXPECTED, Outcome, Severity, Stance, Status

#: Terminal style, text colour and light background of each status.  On the pages a status is a badge
#: of small bold text in its colour on its background: each pair keeps WCAG AA's 4.5:1 contrast.
STATUS: dict[Status, tuple[str, str, str]] = {
    Status.UNVERIFIED: ("bright_black", "#4b5563", "#e5e7eb"),
    Status.VERIFIED: ("green", "#15803d", "#dcfce7"),
    Status.MIXED: ("yellow", "#8a5a00", "#fef3c7"),
    Status.MISLEADING: ("dark_orange", "#c2410c", "#ffedd5"),
    Status.FALSE: ("red", "#b91c1c", "#fee2e2"),
    Status.UNSUPPORTED: ("magenta", "#a21caf", "#fae8ff"),
    Status.OPINION: ("cyan", "#0e7490", "#cffafe"),
}

#: A sign beside each claim's number in an annotated article, so a verdict never rests on colour alone
#: (the page's legend pairs each sign with its status's name).
SIGN: dict[Status, str] = {
    Status.UNVERIFIED: "\u2026",
    Status.VERIFIED: "\u2713",
    Status.MIXED: "\u00b1",
    Status.MISLEADING: "!",
    Status.FALSE: "\u2717",
    Status.UNSUPPORTED: "?",
    Status.OPINION: "\u201d",
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

#: Outcomes worded for a source that does not support the claim: what was found, said of that source.
#: A context source whose key fact differs from the claim's says nothing against the claim, and a
#: contradicting source that conflicts with it is doing what it was cited for.
STANCE_WORDS: dict[tuple[Stance, Outcome], str] = {
    (Stance.CONTEXT, Outcome.SUPPORTED): "found",
    (Stance.CONTEXT, Outcome.UNCONFIRMED): "found",
    (Stance.CONTEXT, Outcome.CONFLICTS): "found, a key fact differs",
    (Stance.CONTRADICTS, Outcome.CONFLICTS): "contradicts",
    (Stance.CONTRADICTS, Outcome.SUPPORTED): "no longer contradicts",
    (Stance.CONTRADICTS, Outcome.UNCONFIRMED): "no longer contradicts",
}

SEVERITY: dict[Severity, str] = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.OFF: ""}


def status_style(status: str) -> str:
    """The terminal style of a status."""
    found = STATUS.get(status)  # type: ignore[call-overload]
    return found[0] if found else ""


def status_part(status: str) -> tuple[str, str]:
    """A status name in its colour, as a part of a ``Styled`` line."""
    return (str(status), status_style(status))


def outcome_words(stance: str, outcome: str) -> str:
    """What a source's last check found, worded for its stance ("conflicts" only against a supporting one)."""
    try:
        key = (Stance(stance), Outcome(outcome))
    except ValueError:  # not a word of ours: shown as it is
        return str(outcome)
    return STANCE_WORDS.get(key, str(outcome))


def outcome_style(stance: str, outcome: str) -> str:
    """The terminal style of an outcome: green where it is what the source's stance expects."""
    try:
        key = (Stance(stance), Outcome(outcome))
    except ValueError:
        return ""
    return "green" if key[1] in EXPECTED[key[0]] else OUTCOME.get(key[1], "")


#: A stance as it reads before "source".
STANCE_NAMES: dict[str, str] = {Stance.SUPPORTS: "supporting", Stance.CONTRADICTS: "contradicting"}


def found(stance: str, outcome: str) -> str:
    """What a source's last check found and the source's stance, e.g. ``found, a key fact differs (context source)``."""
    return f"{outcome_words(stance, outcome)} ({STANCE_NAMES.get(stance, stance)} source)"
