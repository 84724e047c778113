"""Exit codes and the errors every layer raises; the CLI turns them into one line on stderr.

Each layer raises one of these with a message that names the file, line or
claim and says what to do; nothing else escapes to the user.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence


class ExitCode(enum.IntEnum):
    """Process exit statuses, the same for every command."""

    OK = 0
    FINDINGS = 1  # findings reported, or a verification that failed
    BAD_INPUT = 2  # bad usage, bad input, unknown id


class FactcheckError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, message: str, tip: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.tip = tip


class InputError(FactcheckError):
    """A claims file (or another input) cannot be read or is not valid."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        tip: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        super().__init__(_located(message, path, line, column), tip)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Raised in a worker process, it crosses to the parent whole.
        return (type(self), (self.reason, self.path, self.line, self.column, self.tip))


def _located(message: str, path: str | None, line: int | None, column: int | None) -> str:
    if path is None:
        return message
    where = path
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return f"{where}: {message}"


class UnknownClaimError(FactcheckError):
    """No claim has this id; carries the closest ids as suggestions."""

    def __init__(self, claim_id: str, suggestions: Sequence[str]) -> None:
        self.claim_id = claim_id
        self.suggestions = list(suggestions)
        tip = "did you mean " + ", ".join(self.suggestions) + "?" if self.suggestions else None
        super().__init__(f"no claim with id {claim_id!r}", tip)


class UsageError(FactcheckError):
    """A request that cannot be carried out as asked (bad status, duplicate source, ...)."""
