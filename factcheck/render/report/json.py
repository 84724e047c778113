"""``report --format json``: every figure and every listed source, for programs."""

from __future__ import annotations

from typing import Any

from msgspec import to_builtins

from factcheck.report.figures import Report, Summary


def _summary(s: Summary) -> dict[str, Any]:
    # The figures' records (sources, flags, verdicts, changes) are written field for field, in field order.
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
        "never_checked": to_builtins(s.never_checked),
        "stale": to_builtins(s.stale),
        "failing": to_builtins(s.failing),
        "dead": to_builtins(s.dead),
        "changed": to_builtins(s.changed),
        "unconfirmed": to_builtins(s.unconfirmed),
        "needs_review": to_builtins(s.review),
        "anchor_lost": to_builtins(s.lost),
        "verdicts": to_builtins(s.verdicts),
        "elsewhere": to_builtins(s.elsewhere),
        "drift": to_builtins(s.drift),
    }


def render(report: Report) -> dict[str, Any]:
    return {
        "generated": report.generated,
        "max_age": report.max_age,
        "since": report.since,
        "reviewed_only": report.reviewed_only,
        "total": _summary(report.total),
        "articles": [_summary(a) for a in report.articles],
        "changes": to_builtins(report.changes),
        # The words of each claim named above, as the text output quotes them.
        "claim_texts": {claim_id: listed.text for claim_id, listed in report.claims.items()},
    }
