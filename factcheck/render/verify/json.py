"""``verify --format json``: the run as one document, a summary and one object per claim."""

from __future__ import annotations

from typing import Any

import msgspec

from factcheck.model.vocab import Status
from factcheck.render.verify.text import _c, _counts
from factcheck.verify.results import ClaimResult, Run, SourceResult


def _source(source: SourceResult) -> dict[str, Any]:
    check = None
    if source.last_check is not None and source.checked:
        check = msgspec.to_builtins(source.last_check)
        check.update({key: _c(check[key]) for key in ("passage", "error") if check[key] is not None})
    return {
        "url": source.url,
        "stance": str(source.stance),
        "checked": source.checked,
        "note": source.note,
        "previous": source.previous,
        "from_cache": source.from_cache,
        "last_check": check,
    }


def _claim(result: ClaimResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "file": result.file,
        "before": str(result.before),
        "status": str(result.after),
        "changed": result.changed,
        "ok": result.ok,
        "unsourced": result.unsourced,
        "verdict_kept": result.verdict_kept,
        "reason": _c(result.reason),
        "drift": [_c(d) for d in result.drift],
        "flagged": _c(result.flagged) if result.flagged else None,
        "sources": [_source(s) for s in result.sources],
    }


def render(run: Run) -> dict[str, Any]:
    summary = _counts(run)
    # Every status, 0 included, as report's by_status has them: a program need not test for a missing key.
    summary["statuses"] = {str(s): summary["statuses"].get(str(s), 0) for s in Status}
    return {"ok": run.ok, "summary": summary, "claims": [_claim(c) for c in run.claims]}
