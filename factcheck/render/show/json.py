"""``show --format json``: the claim as stored, with its file and line."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from factcheck.render.show import ClaimView


def render(view: ClaimView) -> str:
    document: dict[str, Any] = {"file": view.file, "line": view.line}
    document.update(msgspec.to_builtins(view.claim))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
