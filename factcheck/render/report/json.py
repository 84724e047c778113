"""``report --format json``: every figure and every listed source, for programs."""

from __future__ import annotations

import json
from typing import Any

from factcheck.report.figures import Flagged, Report, SourceRef, Summary


def _ref(r: SourceRef) -> dict[str, Any]:
    return {
        "claim_id": r.claim_id,
        "url": r.url,
        "stance": r.stance,
        "checked_at": r.checked_at,
        "outcome": r.outcome,
        "detail": r.detail,
        "archive_url": r.archive_url,
        "archived_at": r.archived_at,
        "title": r.title,
    }


def _flagged(f: Flagged) -> dict[str, Any]:
    return {"claim_id": f.claim_id, "status": f.status, "why": f.why}


def _summary(s: Summary) -> dict[str, Any]:
    return {
        "title": s.title,
        "file": s.file,
        "correction": s.correction,
        "claims": s.claims,
        "by_status": {str(k): v for k, v in s.counts.items()},
        "check_worthy": s.worthy,
        "check_worthy_sourced": s.worthy_sourced,
        "check_worthy_verified": s.worthy_verified,
        "sources": s.sources,
        "archived": s.archived,
        "never_checked": [_ref(r) for r in s.never_checked],
        "stale": [_ref(r) for r in s.stale],
        "dead": [_ref(r) for r in s.dead],
        "changed": [_ref(r) for r in s.changed],
        "unconfirmed": [_ref(r) for r in s.unconfirmed],
        "needs_review": [_flagged(f) for f in s.review],
        "anchor_lost": [_flagged(f) for f in s.lost],
        "verdicts": [{"claim_id": v.claim_id, "status": v.status, "note": v.note} for v in s.verdicts],
        "elsewhere": [
            {"claim_id": e.claim_id, "url": e.url, "publisher": e.publisher, "rating": e.rating} for e in s.elsewhere
        ],
        "drift": [
            {"claim_id": d.claim_id, "status": d.status, "sources": [_ref(r) for r in d.sources]} for d in s.drift
        ],
    }


def render(report: Report) -> str:
    document = {
        "generated": report.generated,
        "max_age": report.max_age,
        "since": report.since,
        "reviewed_only": report.reviewed_only,
        "total": _summary(report.total),
        "articles": [_summary(a) for a in report.articles],
        "changes": [
            {"at": c.at, "claim_id": c.claim_id, "from": c.from_status, "to": c.to_status, "by": c.by, "why": c.why}
            for c in report.changes
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
