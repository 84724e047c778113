"""``show --format json``: the claim as stored, with its file and line."""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.model.claims import Claim
from factcheck.render.show import ClaimView


def claim_record(claim: Claim) -> dict[str, Any]:
    """The claim as stored, with ``matches`` a list even when the file leaves it out (none accepted)."""
    return msgspec.to_builtins(claim) | {"matches": msgspec.to_builtins(claim.accepted_matches())}


def render(view: ClaimView) -> dict[str, Any]:
    return {"file": view.file, "line": view.line} | claim_record(view.claim)
