"""``factcheck rejected``: the claims set aside, with who set each aside, when and why."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model.claims import SetAside


@dataclass(frozen=True)
class AsideRow:
    """One set-aside claim and the claims file that keeps it."""

    file: str
    entry: SetAside
