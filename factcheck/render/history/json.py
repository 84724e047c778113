"""``history --format json``: the events and commits, for programs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import msgspec

from factcheck.render.history import Timeline


def render(t: Timeline) -> dict[str, Any]:
    return {
        "id": t.claim.id,
        "text": t.claim.text,
        "file": t.file,
        "status": str(t.claim.status),
        "set_aside": None
        if t.aside is None
        else {"kind": str(t.aside.kind), "at": t.aside.at, "by": t.aside.by, "why": t.aside.why},
        "removed": t.removed,
        "renamed_to": t.renamed_to,
        "events": msgspec.to_builtins(t.claim.history),
        "commits": None if t.commits is None else [asdict(k) for k in t.commits],
    }
