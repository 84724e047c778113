"""``show --format json``: the claim as stored, with its file and line."""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.render.show import ClaimView


def render(view: ClaimView) -> dict[str, Any]:
    document: dict[str, Any] = {"file": view.file, "line": view.line}
    document.update(msgspec.to_builtins(view.claim))
    return document
